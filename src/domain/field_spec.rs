//! What an admin may set on a field, and the rules for it: a custom field is created with a type
//! and "multiple" that never change afterwards; its label, options, required rule, visibility
//! and default currency may be configured at any time. System fields keep their type and cannot
//! be restricted or deleted.

use super::field::{Audience, FieldDef, FieldSettings, FieldType, ListOption, RequiredRule};
use super::value::CURRENCIES;
use crate::text;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Longest field label and option label.
pub const MAX_LABEL: usize = 100;
/// Most options of a list (or resources of a booking field).
pub const MAX_OPTIONS: usize = 200;
/// Most users plus departments a restricted field names.
pub const MAX_AUDIENCE: usize = 500;
/// Most custom fields of one entity type.
pub const MAX_CUSTOM_FIELDS: usize = 500;
/// Code prefix of custom fields ("user field"), so they never clash with system fields.
pub const CUSTOM_PREFIX: &str = "uf_";

/// A field as the admin describes it in "Create field" or "Configure".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldSpec {
    pub label: String,
    pub field_type: FieldType,
    #[serde(default)]
    pub multiple: bool,
    #[serde(default)]
    pub settings: FieldSettings,
}

impl FieldSpec {
    /// The spec that configures `def` as it is now.
    pub fn of(def: &FieldDef) -> FieldSpec {
        FieldSpec {
            label: def.label.clone(),
            field_type: def.field_type,
            multiple: def.multiple,
            settings: def.settings.clone(),
        }
    }
}

/// Which part of the dialog a problem belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpecPart {
    Label,
    Type,
    Options,
    Currency,
    Required,
    Visibility,
}

impl SpecPart {
    /// The code an error names, as a field error of the dialog.
    pub fn code(self) -> &'static str {
        match self {
            SpecPart::Label => "label",
            SpecPart::Type => "field_type",
            SpecPart::Options => "options",
            SpecPart::Currency => "default_currency",
            SpecPart::Required => "required",
            SpecPart::Visibility => "visible_to",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SpecError {
    #[error("label is empty")]
    LabelEmpty,
    #[error("label is too long")]
    LabelTooLong,
    #[error("type cannot change")]
    TypeChanged,
    #[error("multiple cannot change")]
    MultipleChanged,
    #[error("this type cannot hold several values")]
    CannotBeMultiple,
    #[error("needs at least one option")]
    NoOptions,
    #[error("too many options")]
    TooManyOptions,
    #[error("an option is blank")]
    OptionBlank,
    #[error("an option is too long")]
    OptionTooLong,
    #[error("two options are the same")]
    OptionTwice(String),
    #[error("unknown currency")]
    UnknownCurrency,
    #[error("unknown stage")]
    UnknownStage,
    #[error("system fields are seen by everybody")]
    SystemRestricted,
    #[error("too many users and departments")]
    AudienceTooLarge,
}

impl SpecError {
    pub fn part(&self) -> SpecPart {
        use SpecError::*;
        match self {
            LabelEmpty | LabelTooLong => SpecPart::Label,
            TypeChanged | MultipleChanged | CannotBeMultiple => SpecPart::Type,
            NoOptions | TooManyOptions | OptionBlank | OptionTooLong | OptionTwice(_) => SpecPart::Options,
            UnknownCurrency => SpecPart::Currency,
            UnknownStage => SpecPart::Required,
            SystemRestricted | AudienceTooLarge => SpecPart::Visibility,
        }
    }

    pub fn message(&self) -> String {
        use SpecError::*;
        match self {
            LabelEmpty => text::err_label_empty().into(),
            LabelTooLong | OptionTooLong => text::err_too_long(MAX_LABEL),
            TypeChanged => text::err_type_fixed().into(),
            MultipleChanged => text::err_multiple_fixed().into(),
            CannotBeMultiple => text::err_not_multiple().into(),
            NoOptions => text::err_no_options().into(),
            TooManyOptions => text::err_too_many_entries(MAX_OPTIONS),
            OptionBlank => text::err_option_blank().into(),
            OptionTwice(label) => text::err_option_twice(label),
            UnknownCurrency => text::err_unknown_currency().into(),
            UnknownStage => text::err_stage_gone().into(),
            SystemRestricted => text::err_system_restricted().into(),
            AudienceTooLarge => text::err_too_many_entries(MAX_AUDIENCE),
        }
    }
}

fn clean_label(raw: &str) -> Result<String, SpecError> {
    let label: String = raw.trim().chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    if label.is_empty() {
        Err(SpecError::LabelEmpty)
    } else if label.chars().count() > MAX_LABEL {
        Err(SpecError::LabelTooLong)
    } else {
        Ok(label)
    }
}

/// The options as stored: labels cleaned, known ids kept (values point at them), new options
/// given fresh ids that no earlier option of the field used.
pub fn settle_options(before: &[ListOption], incoming: &[ListOption]) -> Result<Vec<ListOption>, SpecError> {
    if incoming.len() > MAX_OPTIONS {
        return Err(SpecError::TooManyOptions);
    }
    let mut taken: BTreeSet<String> = before.iter().map(|o| o.id.clone()).collect();
    let mut seen_labels = BTreeSet::new();
    let mut kept_ids = BTreeSet::new();
    let mut out = Vec::with_capacity(incoming.len());
    for o in incoming {
        let label = clean_label(&o.label).map_err(|e| match e {
            SpecError::LabelEmpty => SpecError::OptionBlank,
            _ => SpecError::OptionTooLong,
        })?;
        if !seen_labels.insert(label.to_lowercase()) {
            return Err(SpecError::OptionTwice(label));
        }
        let known = before.iter().any(|b| b.id == o.id) && kept_ids.insert(o.id.clone());
        let id = if known {
            o.id.clone()
        } else {
            let id = (1..).map(|n| format!("o{n}")).find(|id| !taken.contains(id)).unwrap_or_default();
            taken.insert(id.clone());
            id
        };
        out.push(ListOption { id, label });
    }
    Ok(out)
}

/// Checks `spec` and gives the field as it will be stored. `existing` is the field being
/// configured (None: a new custom field); `stage_ids` are the stages of the entity type's
/// pipelines. The code of a new field is left empty for the store to assign.
pub fn settle(spec: &FieldSpec, existing: Option<&FieldDef>, stage_ids: &[i64]) -> Result<FieldDef, SpecError> {
    let label = clean_label(&spec.label)?;
    let t = spec.field_type;
    if let Some(def) = existing {
        if def.field_type != t {
            return Err(SpecError::TypeChanged);
        }
        if def.multiple != spec.multiple {
            return Err(SpecError::MultipleChanged);
        }
    } else if spec.multiple && !t.can_be_multiple() {
        return Err(SpecError::CannotBeMultiple);
    }
    let system = existing.is_some_and(|d| d.system);
    let wanted = &spec.settings;
    let before = existing.map(|d| d.settings.clone()).unwrap_or_default();
    let options = if t.has_options() {
        let options = settle_options(&before.options, &wanted.options)?;
        if options.is_empty() {
            return Err(SpecError::NoOptions);
        }
        options
    } else {
        vec![]
    };
    let default_currency = match (t, &wanted.default_currency) {
        (FieldType::Money, Some(c)) if CURRENCIES.contains(&c.as_str()) => Some(c.clone()),
        (FieldType::Money, Some(_)) => return Err(SpecError::UnknownCurrency),
        _ => None,
    };
    let mut stages = wanted.required.stages.clone();
    stages.sort_unstable();
    stages.dedup();
    if stages.iter().any(|s| !stage_ids.contains(s)) {
        return Err(SpecError::UnknownStage);
    }
    let visible_to = match &wanted.visible_to {
        Some(_) if system => return Err(SpecError::SystemRestricted),
        Some(a) => {
            let mut a = Audience { users: a.users.clone(), departments: a.departments.clone() };
            a.users.sort_unstable();
            a.users.dedup();
            a.departments.sort_unstable();
            a.departments.dedup();
            if a.users.len() + a.departments.len() > MAX_AUDIENCE {
                return Err(SpecError::AudienceTooLarge);
            }
            Some(a)
        }
        None => None,
    };
    // What is fixed at creation stays as it was: a system field's bindings and multi-line
    // flag, and a custom field's allowed item types.
    let (multiline, item_types) = match existing {
        Some(def) => (def.settings.multiline, def.settings.item_types.clone()),
        None => (
            t == FieldType::String && wanted.multiline,
            if t == FieldType::CrmItem { dedup_types(&wanted.item_types) } else { vec![] },
        ),
    };
    Ok(FieldDef {
        code: existing.map(|d| d.code.clone()).unwrap_or_default(),
        label,
        field_type: t,
        multiple: spec.multiple,
        system,
        settings: FieldSettings {
            options,
            multiline,
            item_types,
            default_currency,
            required: RequiredRule { always: wanted.required.always, stages },
            visible_to,
        },
    })
}

fn dedup_types(types: &[super::EntityType]) -> Vec<super::EntityType> {
    let mut out = Vec::new();
    for t in types {
        if !out.contains(t) {
            out.push(*t);
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed step should stop the test right there
mod tests {
    use super::*;
    use crate::domain::EntityType;

    fn spec(t: FieldType) -> FieldSpec {
        FieldSpec { label: "  Budget  ".into(), field_type: t, multiple: false, settings: FieldSettings::default() }
    }

    fn opt(id: &str, label: &str) -> ListOption {
        ListOption { id: id.into(), label: label.into() }
    }

    #[test]
    fn a_new_field_gets_a_clean_label_and_no_settings_of_other_types() {
        let mut s = spec(FieldType::Integer);
        s.settings.default_currency = Some("EUR".into());
        s.settings.options = vec![opt("", "A")];
        s.settings.multiline = true;
        let def = settle(&s, None, &[]).unwrap();
        assert_eq!(def.label, "Budget");
        assert_eq!(def.settings, FieldSettings::default());
        assert!(!def.system);
        assert_eq!(settle(&FieldSpec { label: " ".into(), ..s.clone() }, None, &[]), Err(SpecError::LabelEmpty));
        assert_eq!(settle(&FieldSpec { label: "x".repeat(101), ..s }, None, &[]), Err(SpecError::LabelTooLong));
    }

    #[test]
    fn type_and_multiple_never_change_after_creation() {
        let def = settle(&spec(FieldType::String), None, &[]).unwrap();
        assert_eq!(settle(&spec(FieldType::Integer), Some(&def), &[]), Err(SpecError::TypeChanged));
        let mut many = spec(FieldType::String);
        many.multiple = true;
        assert_eq!(settle(&many, Some(&def), &[]), Err(SpecError::MultipleChanged));
        let mut relabel = spec(FieldType::String);
        relabel.label = "Renamed".into();
        assert_eq!(settle(&relabel, Some(&def), &[]).unwrap().label, "Renamed");
    }

    #[test]
    fn yes_no_cannot_be_multiple() {
        let mut s = spec(FieldType::Boolean);
        s.multiple = true;
        assert_eq!(settle(&s, None, &[]), Err(SpecError::CannotBeMultiple));
    }

    #[test]
    fn options_keep_their_ids_and_new_ones_never_reuse_an_old_id() {
        let before = vec![opt("o1", "Small"), opt("o2", "Big")];
        let incoming = vec![opt("o2", " Huge "), opt("", "Tiny"), opt("o9", "Forged id")];
        let out = settle_options(&before, &incoming).unwrap();
        assert_eq!(out, vec![opt("o2", "Huge"), opt("o3", "Tiny"), opt("o4", "Forged id")]);
        assert_eq!(settle_options(&[], &[opt("", "A"), opt("", "a")]), Err(SpecError::OptionTwice("a".into())));
        assert_eq!(settle_options(&[], &[opt("", "  ")]), Err(SpecError::OptionBlank));
        let one_id_twice = settle_options(&before, &[opt("o1", "A"), opt("o1", "B")]).unwrap();
        assert_eq!(one_id_twice, vec![opt("o1", "A"), opt("o3", "B")]);
    }

    #[test]
    fn lists_and_bookings_need_options() {
        assert_eq!(settle(&spec(FieldType::List), None, &[]), Err(SpecError::NoOptions));
        assert_eq!(settle(&spec(FieldType::Booking), None, &[]), Err(SpecError::NoOptions));
        let mut s = spec(FieldType::Booking);
        s.settings.options = vec![opt("", "Room A")];
        assert_eq!(settle(&s, None, &[]).unwrap().settings.options, vec![opt("o1", "Room A")]);
    }

    #[test]
    fn required_stages_must_exist_and_money_needs_a_known_currency() {
        let mut s = spec(FieldType::Money);
        s.settings.required.stages = vec![5, 3, 5];
        assert_eq!(settle(&s, None, &[3]), Err(SpecError::UnknownStage));
        assert_eq!(settle(&s, None, &[3, 5]).unwrap().settings.required.stages, vec![3, 5]);
        s.settings.default_currency = Some("XXX".into());
        assert_eq!(settle(&s, None, &[3, 5]), Err(SpecError::UnknownCurrency));
    }

    #[test]
    fn system_fields_cannot_be_restricted_and_keep_their_bindings() {
        let mut system = settle(&spec(FieldType::CrmItem), None, &[]).unwrap();
        system.system = true;
        system.settings.item_types = vec![EntityType::COMPANY];
        let mut s = FieldSpec::of(&system);
        s.settings.item_types = vec![EntityType::DEAL];
        assert_eq!(settle(&s, Some(&system), &[]).unwrap().settings.item_types, vec![EntityType::COMPANY]);
        s.settings.visible_to = Some(Audience::default());
        assert_eq!(settle(&s, Some(&system), &[]), Err(SpecError::SystemRestricted));
    }
}
