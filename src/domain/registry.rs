//! The registry of entity types: the six the product ships and the admins' smart processes, as
//! data (docs/ENTITY_TYPES.md). Each has a stable numeric id as Bitrix24 numbers them (lead 1,
//! deal 2, contact 3, company 4, quote 7, invoice 31, smart processes from 128 up), a code used in
//! URLs, singular and plural names, and options that say what its items have: stages (in one or
//! several pipelines), a client (contact and/or company fields), links to items of other types,
//! a place in the main menu. Everything a card does reads these options, never the type's code.

use super::EntityType;
use crate::text;
use serde::{Deserialize, Serialize};

/// The first id a smart process gets (Bitrix24's numbering).
pub const FIRST_SMART_ID: i64 = 128;
/// Longest singular or plural name.
pub const MAX_NAME: usize = 60;
/// Most types an entity type's items link to.
pub const MAX_LINKS: usize = 20;
/// Most smart processes in one installation.
pub const MAX_SMART: usize = 100;

/// What an entity type's items have.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypeOptions {
    /// Items move through the stages of a pipeline (a stage bar on the card).
    #[serde(default)]
    pub stages: bool,
    /// Several pipelines (each with its stages, and its own card arrangement), not one.
    #[serde(default)]
    pub several_pipelines: bool,
    /// A "Contact" field (the client as a person).
    #[serde(default)]
    pub client_contact: bool,
    /// A "Company" field (the client as a company).
    #[serde(default)]
    pub client_company: bool,
    /// Types whose items this type's items link to: one field each (`link_{code}`).
    #[serde(default)]
    pub links: Vec<EntityType>,
    /// Shown in the main menu.
    #[serde(default = "yes")]
    pub in_menu: bool,
}

fn yes() -> bool {
    true
}

impl Default for TypeOptions {
    fn default() -> Self {
        TypeOptions {
            stages: false,
            several_pipelines: false,
            client_contact: false,
            client_company: false,
            links: vec![],
            in_menu: true,
        }
    }
}

/// One entity type of the registry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypeDef {
    pub id: i64,
    pub entity: EntityType,
    /// "Deal", "Delivery".
    pub name: String,
    /// "Deals", "Deliveries".
    pub plural: String,
    /// Shipped with the product: it cannot be deleted, and its options are fixed.
    #[serde(default)]
    pub system: bool,
    #[serde(default)]
    pub options: TypeOptions,
}

impl TypeDef {
    pub fn has_stages(&self) -> bool {
        self.options.stages
    }

    /// Whether cards are arranged per pipeline (types with several pipelines).
    pub fn cards_per_pipeline(&self) -> bool {
        self.options.stages && self.options.several_pipelines
    }

    /// Whether items of this type can be repeat leads (a lead from a known client).
    pub fn has_repeat_items(&self) -> bool {
        self.entity == EntityType::LEAD
    }

    pub fn title_fields(&self) -> &'static [&'static str] {
        self.entity.title_fields()
    }

    /// The code of the field that links an item to an item of `to`.
    pub fn link_field(to: EntityType) -> String {
        format!("link_{}", to.snake())
    }
}

/// Every entity type, in menu order (system types first, then smart processes by creation).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Registry {
    pub types: Vec<TypeDef>,
}

impl Registry {
    pub fn get(&self, entity: EntityType) -> Option<&TypeDef> {
        self.types.iter().find(|t| t.entity == entity)
    }

    pub fn by_id(&self, id: i64) -> Option<&TypeDef> {
        self.types.iter().find(|t| t.id == id)
    }

    pub fn entities(&self) -> impl Iterator<Item = EntityType> + '_ {
        self.types.iter().map(|t| t.entity)
    }

    /// The id the next smart process gets.
    pub fn next_smart_id(&self) -> i64 {
        self.types.iter().map(|t| t.id + 1).max().unwrap_or(FIRST_SMART_ID).max(FIRST_SMART_ID)
    }

    /// The types whose items link to `entity` (and so would lose a field if it went).
    pub fn linking_to(&self, entity: EntityType) -> impl Iterator<Item = &TypeDef> + '_ {
        self.types.iter().filter(move |t| t.options.links.contains(&entity))
    }
}

impl TypeDef {
    /// The names to show the reader: a system type still under the names it was installed with
    /// (in any language) speaks the reader's language; names an admin typed are shown as typed.
    pub fn shown_names(&self) -> (String, String) {
        match text::system_type_names(self.entity) {
            Some((name, plural))
                if self.system && text::is_installed_type_name(self.entity, &self.name, &self.plural) =>
            {
                (name.to_string(), plural.to_string())
            }
            _ => (self.name.clone(), self.plural.clone()),
        }
    }
}

/// The six types the product ships, as the registry holds them on a new installation.
pub fn system_types() -> Vec<TypeDef> {
    let def = |id: i64, entity: EntityType, stages: bool| TypeDef {
        id,
        entity,
        name: text::system_type_names(entity).map_or("", |n| n.0).into(),
        plural: text::system_type_names(entity).map_or("", |n| n.1).into(),
        system: true,
        options: TypeOptions { stages, ..TypeOptions::default() },
    };
    let mut deal = def(2, EntityType::DEAL, true);
    deal.options.several_pipelines = true;
    vec![
        def(1, EntityType::LEAD, true),
        deal,
        def(3, EntityType::CONTACT, false),
        def(4, EntityType::COMPANY, false),
        def(31, EntityType::INVOICE, true),
        def(7, EntityType::QUOTE, true),
    ]
}

/// A smart process as an admin describes it in Settings → Smart processes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypeSpec {
    pub name: String,
    pub plural: String,
    /// Only when creating: the code never changes afterwards.
    #[serde(default)]
    pub code: String,
    pub stages: bool,
    #[serde(default)]
    pub several_pipelines: bool,
    #[serde(default)]
    pub client_contact: bool,
    #[serde(default)]
    pub client_company: bool,
    #[serde(default)]
    pub links: Vec<EntityType>,
    #[serde(default)]
    pub in_menu: bool,
}

impl TypeSpec {
    /// The spec that configures `def` as it is now.
    pub fn of(def: &TypeDef) -> TypeSpec {
        let o = &def.options;
        TypeSpec {
            name: def.name.clone(),
            plural: def.plural.clone(),
            code: def.entity.slug().to_string(),
            stages: o.stages,
            several_pipelines: o.several_pipelines,
            client_contact: o.client_contact,
            client_company: o.client_company,
            links: o.links.clone(),
            in_menu: o.in_menu,
        }
    }
}

/// How much of a type's data a change of its options would touch: items sitting in stages, and
/// values of the client and link fields.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Usage {
    pub items_in_stages: i64,
    /// Items in a pipeline other than the default one.
    pub items_in_other_pipelines: i64,
    /// Values per field code (`contact`, `company`, `link_deal`, …).
    pub values: Vec<(String, i64)>,
}

impl Usage {
    fn values_of(&self, code: &str) -> i64 {
        self.values.iter().find(|(c, _)| c == code).map_or(0, |(_, n)| *n)
    }
}

/// Which part of the form a problem belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TypePart {
    Name,
    Plural,
    Code,
    Stages,
    Client,
    Links,
}

impl TypePart {
    pub fn code(self) -> &'static str {
        match self {
            TypePart::Name => "name",
            TypePart::Plural => "plural",
            TypePart::Code => "code",
            TypePart::Stages => "stages",
            TypePart::Client => "client",
            TypePart::Links => "links",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TypeError {
    #[error("name is empty")]
    NameEmpty(TypePart),
    #[error("name is too long")]
    NameTooLong(TypePart),
    #[error("bad code")]
    BadCode,
    #[error("code taken")]
    CodeTaken,
    #[error("too many smart processes")]
    TooMany,
    #[error("items sit in stages")]
    ItemsInStages(i64),
    #[error("items sit in other pipelines")]
    ItemsInPipelines(i64),
    #[error("values would be lost")]
    ValuesLost { part: TypePart, label: String, count: i64 },
    #[error("unknown linked type")]
    UnknownLink,
    #[error("too many links")]
    TooManyLinks,
}

impl TypeError {
    pub fn part(&self) -> TypePart {
        match self {
            TypeError::NameEmpty(p) | TypeError::NameTooLong(p) => *p,
            TypeError::BadCode | TypeError::CodeTaken | TypeError::TooMany => TypePart::Code,
            TypeError::ItemsInStages(_) | TypeError::ItemsInPipelines(_) => TypePart::Stages,
            TypeError::ValuesLost { part, .. } => *part,
            TypeError::UnknownLink | TypeError::TooManyLinks => TypePart::Links,
        }
    }

    pub fn message(&self) -> String {
        match self {
            TypeError::NameEmpty(_) => text::err_name_empty().into(),
            TypeError::NameTooLong(_) => text::err_too_long(MAX_NAME),
            TypeError::BadCode => text::err_type_code().into(),
            TypeError::CodeTaken => text::err_type_code_taken().into(),
            TypeError::TooMany => text::err_too_many_entries(MAX_SMART),
            TypeError::ItemsInStages(n) => text::err_items_in_stages(*n),
            TypeError::ItemsInPipelines(n) => text::err_items_in_pipelines(*n),
            TypeError::ValuesLost { label, count, .. } => text::err_values_would_go(*count, label),
            TypeError::UnknownLink => text::err_unknown_link().into(),
            TypeError::TooManyLinks => text::err_too_many_entries(MAX_LINKS),
        }
    }
}

fn clean_name(raw: &str, part: TypePart) -> Result<String, TypeError> {
    let name: String = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        Err(TypeError::NameEmpty(part))
    } else if name.chars().count() > MAX_NAME {
        Err(TypeError::NameTooLong(part))
    } else {
        Ok(name)
    }
}

/// The type an admin's spec makes: a new smart process (`existing` None; it gets `id`), or the
/// new state of `existing`. Refuses what would lose data: stages off while items sit in stages,
/// one pipeline while items sit in others, a client or link field given up while it holds values
/// (`usage` says how many). The code never changes, and system types change only their names.
pub fn settle(
    spec: &TypeSpec,
    existing: Option<&TypeDef>,
    registry: &Registry,
    usage: &Usage,
    id: i64,
) -> Result<TypeDef, TypeError> {
    let name = clean_name(&spec.name, TypePart::Name)?;
    let plural = clean_name(&spec.plural, TypePart::Plural)?;
    let entity = match existing {
        Some(def) => def.entity,
        None => {
            let entity: EntityType = spec.code.trim().parse().map_err(|_| TypeError::BadCode)?;
            if registry.get(entity).is_some() {
                return Err(TypeError::CodeTaken);
            }
            if registry.types.iter().filter(|t| !t.system).count() >= MAX_SMART {
                return Err(TypeError::TooMany);
            }
            entity
        }
    };
    if let Some(def) = existing.filter(|d| d.system) {
        return Ok(TypeDef { name, plural, ..def.clone() });
    }
    let mut links: Vec<EntityType> = vec![];
    for l in &spec.links {
        if *l == entity || registry.get(*l).is_none() {
            return Err(TypeError::UnknownLink);
        }
        if !links.contains(l) {
            links.push(*l);
        }
    }
    if links.len() > MAX_LINKS {
        return Err(TypeError::TooManyLinks);
    }
    let options = TypeOptions {
        stages: spec.stages,
        several_pipelines: spec.stages && spec.several_pipelines,
        client_contact: spec.client_contact,
        client_company: spec.client_company,
        links,
        in_menu: spec.in_menu,
    };
    if let Some(old) = existing.map(|d| &d.options) {
        if old.stages && !options.stages && usage.items_in_stages > 0 {
            return Err(TypeError::ItemsInStages(usage.items_in_stages));
        }
        if old.several_pipelines && !options.several_pipelines && usage.items_in_other_pipelines > 0 {
            return Err(TypeError::ItemsInPipelines(usage.items_in_other_pipelines));
        }
        let given_up = [
            (old.client_contact && !options.client_contact, "contact", text::type_client_contact()),
            (old.client_company && !options.client_company, "company", text::type_client_company()),
        ];
        for (gone, code, label) in given_up {
            let count = usage.values_of(code);
            if gone && count > 0 {
                return Err(TypeError::ValuesLost { part: TypePart::Client, label: label.into(), count });
            }
        }
        for l in old.links.iter().filter(|l| !options.links.contains(l)) {
            let count = usage.values_of(&TypeDef::link_field(*l));
            if count > 0 {
                let label = registry.get(*l).map_or_else(|| l.slug().to_string(), |t| t.name.clone());
                return Err(TypeError::ValuesLost { part: TypePart::Links, label, count });
            }
        }
    }
    let id = existing.map_or(id, |d| d.id);
    Ok(TypeDef { id, entity, name, plural, system: false, options })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed step should stop the test right there
mod tests {
    use super::*;

    fn registry() -> Registry {
        Registry { types: system_types() }
    }

    fn spec(code: &str) -> TypeSpec {
        TypeSpec {
            name: "Delivery".into(),
            plural: "Deliveries".into(),
            code: code.into(),
            stages: true,
            several_pipelines: false,
            client_contact: true,
            client_company: true,
            links: vec![EntityType::DEAL],
            in_menu: true,
        }
    }

    #[test]
    fn the_system_types_have_bitrix24_ids_and_their_current_behaviour() {
        let r = registry();
        let ids: Vec<(&str, i64)> = r.types.iter().map(|t| (t.entity.slug(), t.id)).collect();
        assert_eq!(ids, [("lead", 1), ("deal", 2), ("contact", 3), ("company", 4), ("invoice", 31), ("quote", 7)]);
        assert!(r.get(EntityType::DEAL).unwrap().cards_per_pipeline());
        assert!(!r.get(EntityType::LEAD).unwrap().cards_per_pipeline());
        assert!(!r.get(EntityType::CONTACT).unwrap().has_stages());
        assert!(r.get(EntityType::INVOICE).unwrap().has_stages());
        assert_eq!(r.get(EntityType::CONTACT).unwrap().title_fields(), ["first_name", "last_name"]);
        assert!(r.get(EntityType::LEAD).unwrap().has_repeat_items());
        assert_eq!(r.next_smart_id(), 128, "smart processes start at 128");
    }

    #[test]
    fn a_new_smart_process_takes_the_next_id_and_cleaned_names() {
        let mut r = registry();
        let mut s = spec(" delivery ");
        s.name = "  Delivery \n order ".into();
        let def = settle(&s, None, &r, &Usage::default(), r.next_smart_id()).unwrap();
        assert_eq!((def.id, def.entity.slug(), def.name.as_str()), (128, "delivery", "Delivery order"));
        assert_eq!(def.options.links, vec![EntityType::DEAL]);
        r.types.push(def);
        assert_eq!(r.next_smart_id(), 129);
    }

    #[test]
    fn bad_names_and_codes_are_refused_with_the_part_they_belong_to() {
        let r = registry();
        let ok = |s: &TypeSpec| settle(s, None, &r, &Usage::default(), 128);
        let mut s = spec("delivery");
        s.name = "  ".into();
        assert_eq!(ok(&s).unwrap_err().part(), TypePart::Name);
        s = spec("delivery");
        s.plural = "x".repeat(MAX_NAME + 1);
        assert_eq!(ok(&s), Err(TypeError::NameTooLong(TypePart::Plural)));
        for bad in ["Delivery", "de livery", "доставка", "", "9lives"] {
            assert_eq!(ok(&spec(bad)), Err(TypeError::BadCode), "{bad}");
        }
        assert_eq!(ok(&spec("deal")), Err(TypeError::CodeTaken));
        let mut s = spec("delivery");
        s.links = vec!["nothing".parse().unwrap()];
        assert_eq!(ok(&s), Err(TypeError::UnknownLink));
        s.links = vec!["delivery".parse().unwrap()];
        assert_eq!(ok(&s), Err(TypeError::UnknownLink), "not to itself");
        assert!(TypeError::CodeTaken.message().contains("code"));
    }

    #[test]
    fn options_that_would_lose_data_are_refused_and_others_pass() {
        let r = registry();
        let def = settle(&spec("delivery"), None, &r, &Usage::default(), 128).unwrap();
        let busy = Usage {
            items_in_stages: 3,
            items_in_other_pipelines: 0,
            values: vec![("company".into(), 2), ("link_deal".into(), 1)],
        };
        let mut s = TypeSpec::of(&def);
        s.stages = false;
        assert_eq!(settle(&s, Some(&def), &r, &busy, 0), Err(TypeError::ItemsInStages(3)));
        assert!(settle(&s, Some(&def), &r, &Usage::default(), 0).is_ok(), "no items: fine");
        let mut s = TypeSpec::of(&def);
        s.client_company = false;
        assert_eq!(settle(&s, Some(&def), &r, &busy, 0).unwrap_err().part(), TypePart::Client);
        s.client_company = true;
        s.client_contact = false;
        assert!(settle(&s, Some(&def), &r, &busy, 0).is_ok(), "no contact values");
        let mut s = TypeSpec::of(&def);
        s.links.clear();
        assert_eq!(settle(&s, Some(&def), &r, &busy, 0).unwrap_err().part(), TypePart::Links);
        let mut s = TypeSpec::of(&def);
        s.code = "other".into();
        s.name = "Shipment".into();
        let renamed = settle(&s, Some(&def), &r, &busy, 0).unwrap();
        assert_eq!((renamed.entity.slug(), renamed.name.as_str(), renamed.id), ("delivery", "Shipment", 128));
    }

    #[test]
    fn a_system_type_changes_its_names_only() {
        let r = registry();
        let deal = r.get(EntityType::DEAL).unwrap();
        let mut s = TypeSpec::of(deal);
        s.name = "Opportunity".into();
        s.stages = false;
        let after = settle(&s, Some(deal), &r, &Usage::default(), 0).unwrap();
        assert_eq!(after.name, "Opportunity");
        assert_eq!(after.options, deal.options);
        assert!(after.system);
    }
}
