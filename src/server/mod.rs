//! Server only (feature `ssr`): configuration, state, HTTP plumbing, auth, the store, services
//! and demo data.

pub mod auth;
pub mod config;
pub mod demo;
pub mod http;
pub mod service;
pub mod state;
pub mod store;
