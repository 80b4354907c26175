//! The pure core: no browser in sight, tested with plain `cargo test`.

pub mod composer;
pub mod data;
pub mod fill;
pub mod fold;
pub mod letters;
pub mod locale;
pub mod own;
pub mod plural;
pub mod popup;
pub mod raw;
pub mod recognise;
pub mod record;
pub mod report;
pub mod settings;
pub mod template;
pub mod ui;
