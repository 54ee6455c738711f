//! Field definitions: what a field is, independent of any item's value.

use super::stage::Stage;
use super::EntityType;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldType {
    String,
    Integer,
    Number,
    Boolean,
    Date,
    DateTime,
    Money,
    Url,
    Email,
    Phone,
    Address,
    List,
    User,
    CrmItem,
}

impl FieldType {
    pub fn code(self) -> &'static str {
        match self {
            FieldType::String => "string",
            FieldType::Integer => "integer",
            FieldType::Number => "number",
            FieldType::Boolean => "boolean",
            FieldType::Date => "date",
            FieldType::DateTime => "datetime",
            FieldType::Money => "money",
            FieldType::Url => "url",
            FieldType::Email => "email",
            FieldType::Phone => "phone",
            FieldType::Address => "address",
            FieldType::List => "list",
            FieldType::User => "user",
            FieldType::CrmItem => "crm_item",
        }
    }

    pub fn from_code(code: &str) -> Option<FieldType> {
        use FieldType::*;
        [String, Integer, Number, Boolean, Date, DateTime, Money, Url, Email, Phone, Address, List, User, CrmItem]
            .into_iter()
            .find(|t| t.code() == code)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListOption {
    pub id: String,
    pub label: String,
}

/// When a field must not be empty: always, or only once the item is at one of the given stages
/// (stage codes; a stage code is unique within its pipeline).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequiredRule {
    #[serde(default)]
    pub always: bool,
    #[serde(default)]
    pub stages: Vec<String>,
}

impl RequiredRule {
    pub fn applies_at(&self, stage: Option<&Stage>) -> bool {
        self.always || stage.is_some_and(|s| self.stages.contains(&s.code))
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldSettings {
    /// Options of a list field, in display order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<ListOption>,
    /// A string field edited as several lines.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub multiline: bool,
    /// Entity types a CRM-item binding may point to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub item_types: Vec<EntityType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_currency: Option<String>,
    #[serde(default)]
    pub required: RequiredRule,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldDef {
    pub code: String,
    pub label: String,
    pub field_type: FieldType,
    pub multiple: bool,
    pub system: bool,
    pub settings: FieldSettings,
}

impl FieldDef {
    pub fn option_label(&self, id: &str) -> Option<&str> {
        self.settings.options.iter().find(|o| o.id == id).map(|o| o.label.as_str())
    }
}

/// Codes of the fields that are required at `stage` (or always) and empty in `values`,
/// in the order of `fields`.
pub fn missing_required(fields: &[FieldDef], values: &super::Values, stage: Option<&Stage>) -> Vec<String> {
    fields
        .iter()
        .filter(|f| f.settings.required.applies_at(stage))
        .filter(|f| values.get(&f.code).is_none_or(|v| v.is_empty()))
        .map(|f| f.code.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{StageSemantics, Value, Values};

    fn stage(code: &str) -> Stage {
        Stage {
            id: 1,
            code: code.into(),
            name: code.into(),
            color: "#000".into(),
            semantics: StageSemantics::InProgress,
        }
    }

    fn field(code: &str, required: RequiredRule) -> FieldDef {
        FieldDef {
            code: code.into(),
            label: code.into(),
            field_type: FieldType::String,
            multiple: false,
            system: false,
            settings: FieldSettings { required, ..Default::default() },
        }
    }

    #[test]
    fn every_field_type_round_trips_through_its_code() {
        for code in ["string", "money", "crm_item", "datetime", "list"] {
            assert_eq!(FieldType::from_code(code).map(FieldType::code), Some(code));
        }
        assert_eq!(FieldType::from_code("blob"), None);
    }

    #[test]
    fn an_always_required_field_is_missing_when_empty_at_any_stage() {
        let fields = [field("title", RequiredRule { always: true, stages: vec![] })];
        assert_eq!(missing_required(&fields, &Values::new(), None), vec!["title"]);
        let mut values = Values::new();
        values.insert("title".into(), Value::Text("Deal".into()));
        assert!(missing_required(&fields, &values, None).is_empty());
    }

    #[test]
    fn a_field_required_at_a_stage_is_only_missing_at_that_stage() {
        let rule = RequiredRule { always: false, stages: vec!["invoice".into()] };
        let fields = [field("inn", rule)];
        let values = Values::new();
        assert!(missing_required(&fields, &values, Some(&stage("new"))).is_empty());
        assert_eq!(missing_required(&fields, &values, Some(&stage("invoice"))), vec!["inn"]);
    }

    #[test]
    fn blank_text_counts_as_empty() {
        let fields = [field("title", RequiredRule { always: true, stages: vec![] })];
        let mut values = Values::new();
        values.insert("title".into(), Value::Many(vec![]));
        assert_eq!(missing_required(&fields, &values, None), vec!["title"]);
    }
}
