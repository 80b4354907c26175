//! Objection helper: recognises Meta's forms for objecting to the use of one's information for AI
//! at Meta, and writes a letter the person chose into the form's reason field.
//!
//! [`core`] holds every decision and knows nothing of the browser. The `web` module (WebAssembly
//! only) translates between the core and the browser: the popup, the background worker, and the
//! calls into the page shim.

pub mod core;

#[cfg(target_arch = "wasm32")]
mod web;
