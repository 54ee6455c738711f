//! Components by card area. Browser-only work lives in `browser` and runs in event handlers and
//! effects, so the server render and the hydrated tree are the same.

pub mod admin;
pub mod browser;
pub mod card;
pub mod common;
pub mod pages;
pub mod shared_events;
pub mod timeline;
