//! Pieces every page uses.

pub mod app_frame;
pub mod error_panel;

pub use app_frame::AppFrame;
pub use error_panel::{handle_error, ErrorPanel};
