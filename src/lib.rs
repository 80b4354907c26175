//! Objection helper: recognises Meta's forms for objecting to the use of one's information for AI
//! at Meta, and writes a letter the person chose into the form's reason field.
//!
//! [`core`] holds every decision and knows nothing of the browser. The `web` module (WebAssembly
//! only) translates between the core and the browser: the popup, the background worker, and the
//! calls into the page shim.

pub mod core;

#[cfg(target_arch = "wasm32")]
mod web;

/// A small allocator (a free list) instead of the standard one: the extension's pages and worker
/// hold little memory for a short time, and this one weighs a fraction of the default in the
/// WebAssembly.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
// SAFETY: the module runs on one thread: it is built without shared memory or atomics, so no two
// calls into the allocator can overlap.
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };
