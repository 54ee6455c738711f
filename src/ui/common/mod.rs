//! Pieces every page uses.

pub mod app_frame;
pub mod error_panel;
pub mod loaded;

pub use app_frame::AppFrame;
pub use error_panel::{handle_error, ErrorPanel};
pub use loaded::Loaded;

/// The style of a stage badge: the stage's colour and the text colour that reads on it
/// (`domain::color`). A colour that is not `#rgb` / `#rrggbb` shows as grey, and nothing else
/// of it reaches the style.
pub fn stage_style(color: &str) -> String {
    let color = safe_color(color);
    format!("--stage-color:{color};--stage-text:{}", crate::domain::color::readable_text(&color))
}

/// `color` as `#rrggbb`, or grey when it is not a colour.
pub fn safe_color(color: &str) -> String {
    match crate::domain::color::parse_hex(color) {
        Some([r, g, b]) => format!("#{r:02x}{g:02x}{b:02x}"),
        None => "#cccccc".into(),
    }
}
