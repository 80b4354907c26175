//! A stored value exactly as it was read, whatever its shape: what the core keeps aside when it
//! cannot read part of the person's data, so that it can be written back untouched.
//!
//! Objects keep the order of their keys, numbers their kind, so that writing a value back gives
//! the same value. Nesting deeper than [`MAX_DEPTH`] is refused (the whole value is then
//! unreadable), so that no stored value can exhaust the stack.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde::{Deserialize, Serialize};

/// Values nested deeper than this are not read.
pub const MAX_DEPTH: usize = 64;

#[derive(Debug, Clone, PartialEq)]
pub enum Raw {
    Null,
    Bool(bool),
    Int(i64),
    UInt(u64),
    Float(f64),
    Str(String),
    List(Vec<Raw>),
    /// Keys in their stored order.
    Object(Vec<(String, Raw)>),
}

impl Raw {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Raw::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The value under `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Raw> {
        match self {
            Raw::Object(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// A whole number that fits in 32 bits without sign.
    pub fn as_u32(&self) -> Option<u32> {
        match self {
            Raw::Int(n) => u32::try_from(*n).ok(),
            Raw::UInt(n) => u32::try_from(*n).ok(),
            // JavaScript has only one kind of number: 2.0 is 2.
            Raw::Float(f) if f.fract() == 0.0 && *f >= 0.0 && *f <= f64::from(u32::MAX) => {
                Some(*f as u32)
            }
            _ => None,
        }
    }

    pub fn str(s: &str) -> Raw {
        Raw::Str(s.to_string())
    }
}

impl Serialize for Raw {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Raw::Null => serializer.serialize_unit(),
            Raw::Bool(b) => serializer.serialize_bool(*b),
            Raw::Int(n) => serializer.serialize_i64(*n),
            Raw::UInt(n) => serializer.serialize_u64(*n),
            Raw::Float(f) => serializer.serialize_f64(*f),
            Raw::Str(s) => serializer.serialize_str(s),
            Raw::List(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Raw::Object(entries) => {
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                for (k, v) in entries {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

/// Reads a [`Raw`] at a given depth.
struct Seed {
    depth: usize,
}

impl<'de> DeserializeSeed<'de> for Seed {
    type Value = Raw;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Raw, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl Seed {
    fn deeper<E: de::Error>(&self) -> Result<Seed, E> {
        if self.depth >= MAX_DEPTH {
            return Err(E::custom("nested too deeply"));
        }
        Ok(Seed {
            depth: self.depth + 1,
        })
    }
}

impl<'de> Visitor<'de> for Seed {
    type Value = Raw;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any stored value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Raw, E> {
        Ok(Raw::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Raw, E> {
        Ok(Raw::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Raw, E> {
        Ok(Raw::UInt(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Raw, E> {
        Ok(Raw::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Raw, E> {
        Ok(Raw::Str(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Raw, E> {
        Ok(Raw::Str(v))
    }
    fn visit_unit<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_none<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Raw, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Raw, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(self.deeper()?)? {
            items.push(item);
        }
        Ok(Raw::List(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Raw, A::Error> {
        let mut entries: Vec<(String, Raw)> = Vec::new();
        let mut at: BTreeMap<String, usize> = BTreeMap::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(self.deeper()?)?;
            // A repeated key: the last value counts, in the first one's place, as in JavaScript.
            match at.get(&key) {
                Some(&i) => entries[i].1 = value,
                None => {
                    at.insert(key.clone(), entries.len());
                    entries.push((key, value));
                }
            }
        }
        Ok(Raw::Object(entries))
    }
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Raw, D::Error> {
        deserializer.deserialize_any(Seed { depth: 0 })
    }
}

/// Reads a typed value (a page report, the shim's answer, an import file) out of a [`Raw`]:
/// serde's derive does the matching; a value of another shape is simply `None`. The error carries
/// no message, so that no code that formats values (numbers, quoted strings) is built into the
/// WebAssembly for it.
pub fn read<T: de::DeserializeOwned>(raw: &Raw) -> Option<T> {
    T::deserialize(RawDe(raw)).ok()
}

/// "Not of the expected shape", and nothing more.
#[derive(Debug)]
pub struct NotThat;

impl fmt::Display for NotThat {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("not of the expected shape")
    }
}

impl std::error::Error for NotThat {}

impl de::Error for NotThat {
    fn custom<T: fmt::Display>(_: T) -> Self {
        NotThat
    }
    fn invalid_type(_: de::Unexpected, _: &dyn de::Expected) -> Self {
        NotThat
    }
    fn invalid_value(_: de::Unexpected, _: &dyn de::Expected) -> Self {
        NotThat
    }
    fn invalid_length(_: usize, _: &dyn de::Expected) -> Self {
        NotThat
    }
    fn unknown_variant(_: &str, _: &'static [&'static str]) -> Self {
        NotThat
    }
    fn unknown_field(_: &str, _: &'static [&'static str]) -> Self {
        NotThat
    }
    fn missing_field(_: &'static str) -> Self {
        NotThat
    }
    fn duplicate_field(_: &'static str) -> Self {
        NotThat
    }
}

struct RawDe<'a>(&'a Raw);

impl<'de> Deserializer<'de> for RawDe<'de> {
    type Error = NotThat;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, NotThat> {
        match self.0 {
            Raw::Null => visitor.visit_unit(),
            Raw::Bool(b) => visitor.visit_bool(*b),
            Raw::Int(n) => visitor.visit_i64(*n),
            Raw::UInt(n) => visitor.visit_u64(*n),
            Raw::Float(f) => visitor.visit_f64(*f),
            Raw::Str(s) => visitor.visit_borrowed_str(s),
            Raw::List(items) => visitor.visit_seq(Items(items.iter())),
            Raw::Object(entries) => visitor.visit_map(Entries {
                iter: entries.iter(),
                value: None,
            }),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, NotThat> {
        match self.0 {
            Raw::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, NotThat> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, NotThat> {
        match self.0 {
            Raw::Str(s) => visitor.visit_enum(de::value::BorrowedStrDeserializer::new(s)),
            _ => Err(NotThat),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

struct Items<'a>(std::slice::Iter<'a, Raw>);

impl<'de> SeqAccess<'de> for Items<'de> {
    type Error = NotThat;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, NotThat> {
        self.0
            .next()
            .map(|item| seed.deserialize(RawDe(item)))
            .transpose()
    }
}

struct Entries<'a> {
    iter: std::slice::Iter<'a, (String, Raw)>,
    value: Option<&'a Raw>,
}

impl<'de> MapAccess<'de> for Entries<'de> {
    type Error = NotThat;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, NotThat> {
        match self.iter.next() {
            Some((key, value)) => {
                self.value = Some(value);
                seed.deserialize(de::value::BorrowedStrDeserializer::new(key))
                    .map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, NotThat> {
        match self.value.take() {
            Some(value) => seed.deserialize(RawDe(value)),
            None => Err(NotThat),
        }
    }
}
