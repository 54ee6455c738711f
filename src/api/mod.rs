//! Server functions by area. Each is a thin adapter: it authenticates, then calls the plain
//! function in `server::service` that does the work. The browser calls them with POST.

pub mod access;
pub mod auth;
pub mod entity_types;
pub mod fields;
pub mod items;
pub mod layouts;
pub mod pipelines;
pub mod timeline;
pub mod types;
pub mod views;
