//! The layout of a card: sections of fields, and tabs.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TabCode {
    General,
    Relations,
    History,
}

impl TabCode {
    pub const ALL: [TabCode; 3] = [TabCode::General, TabCode::Relations, TabCode::History];

    pub fn slug(self) -> &'static str {
        match self {
            TabCode::General => "general",
            TabCode::Relations => "relations",
            TabCode::History => "history",
        }
    }

    pub fn from_slug(s: &str) -> Option<TabCode> {
        TabCode::ALL.into_iter().find(|t| t.slug() == s)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tab {
    pub code: TabCode,
    pub hidden: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// Stable id within the layout (survives renames).
    pub id: String,
    pub title: String,
    /// Field codes in display order.
    pub fields: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Layout {
    pub sections: Vec<Section>,
    pub tabs: Vec<Tab>,
}

impl Layout {
    /// Every field code shown on the card, in order.
    pub fn field_codes(&self) -> impl Iterator<Item = &str> {
        self.sections.iter().flat_map(|s| s.fields.iter().map(String::as_str))
    }

    pub fn visible_tabs(&self) -> impl Iterator<Item = TabCode> + '_ {
        self.tabs.iter().filter(|t| !t.hidden).map(|t| t.code)
    }

    /// Drops field codes that `keep` refuses (unknown or hidden from the viewer): a card never
    /// names a field its viewer may not see.
    pub fn retain_fields(&mut self, keep: impl Fn(&str) -> bool) {
        for section in &mut self.sections {
            section.fields.retain(|c| keep(c));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retain_fields_removes_fields_from_every_section() {
        let mut layout = Layout {
            sections: vec![
                Section { id: "a".into(), title: "A".into(), fields: vec!["x".into(), "secret".into()] },
                Section { id: "b".into(), title: "B".into(), fields: vec!["secret".into(), "y".into()] },
            ],
            tabs: vec![],
        };
        layout.retain_fields(|c| c != "secret");
        assert_eq!(layout.field_codes().collect::<Vec<_>>(), vec!["x", "y"]);
    }

    #[test]
    fn tab_slugs_round_trip() {
        for t in TabCode::ALL {
            assert_eq!(TabCode::from_slug(t.slug()), Some(t));
        }
    }
}
