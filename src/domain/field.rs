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
    File,
    Booking,
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
            FieldType::File => "file",
            FieldType::Booking => "booking",
        }
    }

    /// Every type, in the order the "Create field" dialog offers them.
    pub const ALL: [FieldType; 16] = {
        use FieldType::*;
        [
            String, Integer, Number, Boolean, Date, DateTime, Money, Url, Email, Phone, Address, List, File, User,
            CrmItem, Booking,
        ]
    };

    pub fn from_code(code: &str) -> Option<FieldType> {
        FieldType::ALL.into_iter().find(|t| t.code() == code)
    }

    /// Whether a field of this type may hold several values (a yes/no field cannot).
    pub fn can_be_multiple(self) -> bool {
        self != FieldType::Boolean
    }

    /// Whether the field's settings carry options (list values, bookable resources).
    pub fn has_options(self) -> bool {
        matches!(self, FieldType::List | FieldType::Booking)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListOption {
    pub id: String,
    pub label: String,
}

/// When a field must not be empty: always, or only once the item is at one of the given stages
/// (stage ids, so that stages of different pipelines with the same name stay apart).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequiredRule {
    #[serde(default)]
    pub always: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stages: Vec<i64>,
}

impl RequiredRule {
    pub fn applies_at(&self, stage: Option<&Stage>) -> bool {
        self.always || stage.is_some_and(|s| self.stages.contains(&s.id))
    }

    pub fn is_set(&self) -> bool {
        self.always || !self.stages.is_empty()
    }

    fn is_unset(&self) -> bool {
        !self.is_set()
    }
}

/// Who may see a field whose visibility is restricted: these users and the members of these
/// departments (admins always see every field; they configure them).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Audience {
    #[serde(default)]
    pub users: Vec<i64>,
    #[serde(default)]
    pub departments: Vec<i64>,
}

/// The person a card is shown to, as far as field visibility is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Viewer {
    pub user_id: i64,
    pub department_id: Option<i64>,
    pub is_admin: bool,
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
    #[serde(default, skip_serializing_if = "RequiredRule::is_unset")]
    pub required: RequiredRule,
    /// Set: only this audience (and admins) may see the field and its values. Custom fields only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visible_to: Option<Audience>,
}

/// A field's definition. Settings left at their defaults are not written out: a card page carries
/// every visible field's definition for hydration, and on a card of 200 plain fields those
/// defaults were a sixth of that data (docs/PERFORMANCE.md).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldDef {
    pub code: String,
    pub label: String,
    pub field_type: FieldType,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub multiple: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub system: bool,
    #[serde(default, skip_serializing_if = "FieldSettings::is_default")]
    pub settings: FieldSettings,
}

impl FieldSettings {
    fn is_default(&self) -> bool {
        *self == Self::default()
    }
}

impl FieldDef {
    pub fn option_label(&self, id: &str) -> Option<&str> {
        self.settings.options.iter().find(|o| o.id == id).map(|o| o.label.as_str())
    }

    /// Whether `viewer` may see this field and its values.
    pub fn visible_to(&self, viewer: &Viewer) -> bool {
        match &self.settings.visible_to {
            None => true,
            Some(a) => {
                viewer.is_admin
                    || a.users.contains(&viewer.user_id)
                    || viewer.department_id.is_some_and(|d| a.departments.contains(&d))
            }
        }
    }

    pub fn is_restricted(&self) -> bool {
        self.settings.visible_to.is_some()
    }
}

/// The fields `viewer` may see, in their order.
pub fn visible_fields(fields: &[FieldDef], viewer: &Viewer) -> Vec<FieldDef> {
    fields.iter().filter(|f| f.visible_to(viewer)).cloned().collect()
}

/// The fields as the rules of a write by `viewer` see them: a field hidden from the writer is not
/// required of them (they could not fill it in), and everything else stays as it is.
pub fn fields_for_writer(fields: &[FieldDef], viewer: &Viewer) -> Vec<FieldDef> {
    fields
        .iter()
        .map(|f| {
            let mut f = f.clone();
            if !f.visible_to(viewer) {
                f.settings.required = RequiredRule::default();
            }
            f
        })
        .collect()
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
pub(crate) mod tests {
    use super::*;
    use crate::domain::{StageSemantics, Value, Values};

    #[test]
    fn a_definition_leaves_out_its_defaults_and_reads_back_the_same() {
        let plain = field("note", RequiredRule::default());
        let json = serde_json::to_string(&plain).unwrap_or_default();
        assert_eq!(json, r#"{"code":"note","label":"note","field_type":"string"}"#);
        assert_eq!(serde_json::from_str::<FieldDef>(&json).ok(), Some(plain));

        let mut full = field("budget", RequiredRule { always: false, stages: vec![7] });
        full.multiple = true;
        full.system = true;
        full.settings.multiline = true;
        let json = serde_json::to_string(&full).unwrap_or_default();
        for part in [r#""multiple":true"#, r#""system":true"#, r#""required":{"always":false,"stages":[7]}"#] {
            assert!(json.contains(part), "{part} missing from {json}");
        }
        assert_eq!(serde_json::from_str::<FieldDef>(&json).ok(), Some(full));
        // Settings stored before defaults were left out read as they did.
        let old: FieldSettings = serde_json::from_str(r#"{"required":{"always":false}}"#).unwrap_or_default();
        assert_eq!(old, FieldSettings::default());
    }

    fn stage(id: i64, code: &str) -> Stage {
        Stage { id, code: code.into(), name: code.into(), color: "#000".into(), semantics: StageSemantics::InProgress }
    }

    /// A plain string field with a required rule, for tests of the rules that read one.
    pub(crate) fn field(code: &str, required: RequiredRule) -> FieldDef {
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
        for t in FieldType::ALL {
            assert_eq!(FieldType::from_code(t.code()), Some(t));
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
        let rule = RequiredRule { always: false, stages: vec![7] };
        let fields = [field("inn", rule)];
        let values = Values::new();
        assert!(missing_required(&fields, &values, Some(&stage(6, "new"))).is_empty());
        assert!(missing_required(&fields, &values, None).is_empty());
        assert_eq!(missing_required(&fields, &values, Some(&stage(7, "invoice"))), vec!["inn"]);
        // The same stage code in another pipeline is another stage.
        assert!(missing_required(&fields, &values, Some(&stage(17, "invoice"))).is_empty());
    }

    fn viewer(user_id: i64, department_id: Option<i64>, is_admin: bool) -> Viewer {
        Viewer { user_id, department_id, is_admin }
    }

    fn restricted(users: Vec<i64>, departments: Vec<i64>) -> FieldDef {
        let mut f = field("salary", RequiredRule { always: true, stages: vec![] });
        f.settings.visible_to = Some(Audience { users, departments });
        f
    }

    #[test]
    fn a_restricted_field_is_seen_by_its_users_its_departments_and_admins_only() {
        let f = restricted(vec![2], vec![10]);
        assert!(f.visible_to(&viewer(2, None, false)), "a chosen user");
        assert!(f.visible_to(&viewer(3, Some(10), false)), "a member of a chosen department");
        assert!(f.visible_to(&viewer(1, None, true)), "an admin");
        assert!(!f.visible_to(&viewer(3, Some(11), false)), "a member of another department");
        assert!(!f.visible_to(&viewer(4, None, false)), "nobody in particular");
        assert!(field("open", RequiredRule::default()).visible_to(&viewer(4, None, false)));
    }

    #[test]
    fn an_empty_audience_leaves_the_field_to_admins() {
        let f = restricted(vec![], vec![]);
        assert!(!f.visible_to(&viewer(2, Some(10), false)));
        assert!(f.visible_to(&viewer(1, None, true)));
    }

    #[test]
    fn a_field_hidden_from_the_writer_is_not_required_of_them() {
        let fields = [restricted(vec![2], vec![]), field("title", RequiredRule { always: true, stages: vec![] })];
        let outsider = fields_for_writer(&fields, &viewer(4, None, false));
        assert_eq!(missing_required(&outsider, &Values::new(), None), vec!["title"]);
        let insider = fields_for_writer(&fields, &viewer(2, None, false));
        assert_eq!(missing_required(&insider, &Values::new(), None), vec!["salary", "title"]);
        assert_eq!(visible_fields(&fields, &viewer(4, None, false)).len(), 1);
    }

    #[test]
    fn blank_text_counts_as_empty() {
        let fields = [field("title", RequiredRule { always: true, stages: vec![] })];
        let mut values = Values::new();
        values.insert("title".into(), Value::Many(vec![]));
        assert_eq!(missing_required(&fields, &values, None), vec!["title"]);
    }
}
