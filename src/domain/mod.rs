//! Pure product rules: no Leptos, no sqlx, no web-sys. Compiled into the server and the browser.

pub mod access;
/// The shipped catalogue; the server seeds it (its texts are the server's, `i18n::seed`).
#[cfg(feature = "ssr")]
pub mod catalog;
pub mod color;
pub mod entity;
pub mod field;
pub mod field_spec;
pub mod item_write;
pub mod layout;
pub mod layout_ops;
pub mod merge;
pub mod pipeline_edit;
pub mod registry;
pub mod stage;
pub mod throttle;
pub mod timeline;
pub mod value;
pub mod views;

pub use entity::EntityType;
pub use field::{Audience, FieldDef, FieldSettings, FieldType, ListOption, RequiredRule, Viewer};
pub use layout::{Layout, Section, Tab, TabCode};
pub use registry::{Registry, TypeDef, TypeOptions};
pub use stage::{Pipeline, Stage, StageSemantics};
pub use timeline::{EventKind, TimelineEvent};
pub use value::{Address, Booking, FieldInput, FileRef, ItemRef, Value, ValueError, Values};
