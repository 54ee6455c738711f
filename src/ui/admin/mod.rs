//! CRM settings: what administrators configure outside the card.

pub mod access_page;
pub mod field_form;
pub mod fields_page;
pub mod pipelines_page;
pub mod types_page;
