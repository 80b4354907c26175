#!/usr/bin/env python3
"""Sets messages in one locale's messages.json, keeping the file's order and format: each new
plural form (`key_one`, `key_few`…) goes right after its message.

  python3 tools/plural-set.py <locale> '<json object of key: message>'

For translators and helpers; the build reads messages.json itself."""
import json, sys

locale, changes = sys.argv[1], json.loads(sys.argv[2])
path = f"extension/_locales/{locale}/messages.json"
with open(path, encoding="utf-8") as f:
    messages = json.load(f)
for key, text in changes.items():
    if key in messages:
        messages[key]["message"] = text
        continue
    base = key.rsplit("_", 1)[0]
    if base not in messages:
        sys.exit(f"{path}: {key} is not a message and {base} is not one either")
    keys = list(messages)
    at = keys.index(base) + 1
    while at < len(keys) and keys[at].rsplit("_", 1)[0] == base:
        at += 1
    keys.insert(at, key)
    messages[key] = {"message": text, "description": f"Plural form of {base} ({key.rsplit('_', 1)[1]})"}
    messages = {k: messages[k] for k in keys}
with open(path, "w", encoding="utf-8") as f:
    f.write(json.dumps(messages, indent=2, ensure_ascii=False) + "\n")
