//! Pieces every page uses.

pub mod app_frame;
pub mod error_panel;
pub mod loaded;

pub use app_frame::AppFrame;
pub use error_panel::{handle_error, ErrorPanel};
pub use loaded::Loaded;
