//! What the product ships: the system fields, default layout and pipelines of each entity type.
//! Written to the database on first start; admins change the stored copies, not this file.

use super::field::{FieldDef, FieldSettings, FieldType, ListOption, RequiredRule};
use super::layout::{Layout, Section, Tab, TabCode};
use super::registry::{Registry, TypeDef};
use super::stage::StageSemantics;
use super::EntityType;

/// A text of the seed catalogue in the language being seeded (`locales/seed/<lang>.ftl`).
pub fn seeded(key: &str) -> String {
    crate::i18n::seed(key).unwrap_or_default().to_string()
}

/// The catalogue key of a code: `trade_show` → `trade-show`.
fn key_part(code: &str) -> String {
    code.replace('_', "-")
}

fn options(list: &str, ids: &[&str]) -> Vec<ListOption> {
    ids.iter()
        .map(|id| ListOption { id: (*id).into(), label: seeded(&format!("option-{list}-{}", key_part(id))) })
        .collect()
}

pub fn sources() -> Vec<ListOption> {
    options("source", &["call", "email", "website", "advertising", "partner", "trade_show", "recommendation", "other"])
}

pub fn industries() -> Vec<ListOption> {
    options("industry", &["it", "manufacturing", "retail", "finance", "logistics", "consulting", "other"])
}

pub fn contact_types() -> Vec<ListOption> {
    options("contact-type", &["client", "supplier", "partner", "other"])
}

pub fn deal_types() -> Vec<ListOption> {
    options("deal-type", &["sale", "goods", "service", "support"])
}

struct F {
    def: FieldDef,
}

/// A system field; its label comes from the seed catalogue (see [`labelled`]).
fn f(code: &str, field_type: FieldType) -> F {
    F {
        def: FieldDef {
            code: code.into(),
            label: String::new(),
            field_type,
            multiple: false,
            system: true,
            settings: FieldSettings::default(),
        },
    }
}

impl F {
    fn required(mut self) -> F {
        self.def.settings.required = RequiredRule { always: true, stages: vec![] };
        self
    }
    fn multiple(mut self) -> F {
        self.def.multiple = true;
        self
    }
    fn multiline(mut self) -> F {
        self.def.settings.multiline = true;
        self
    }
    fn options(mut self, options: Vec<ListOption>) -> F {
        self.def.settings.options = options;
        self
    }
    fn items(mut self, types: &[EntityType]) -> F {
        self.def.settings.item_types = types.to_vec();
        self
    }
    fn currency(mut self, c: &str) -> F {
        self.def.settings.default_currency = Some(c.into());
        self
    }
}

/// The system fields of an entity type, in the order the field list shows them. A smart
/// process's follow from its options (`registry` names the types it links to).
pub fn system_fields(def: &TypeDef, registry: &Registry) -> Vec<FieldDef> {
    use EntityType as E;
    use FieldType as T;
    if !def.system {
        return smart_fields(def, registry);
    }
    let fields = match def.entity {
        E::LEAD => vec![
            f("title", T::String).required(),
            f("first_name", T::String),
            f("last_name", T::String),
            f("company_name", T::String),
            f("phone", T::Phone).multiple(),
            f("email", T::Email).multiple(),
            f("source", T::List).options(sources()),
            f("opportunity", T::Money).currency("USD"),
            f("address", T::Address),
            f("responsible", T::User),
            f("comment", T::String).multiline(),
        ],
        E::DEAL => vec![
            f("title", T::String).required(),
            f("amount", T::Money).currency("USD"),
            f("close_date", T::Date),
            f("deal_type", T::List).options(deal_types()),
            f("source", T::List).options(sources()),
            f("probability", T::Integer),
            f("next_call", T::DateTime),
            f("contact", T::CrmItem).items(&[E::CONTACT]),
            f("company", T::CrmItem).items(&[E::COMPANY]),
            f("responsible", T::User),
            f("comment", T::String).multiline(),
        ],
        E::CONTACT => vec![
            f("first_name", T::String).required(),
            f("last_name", T::String),
            f("position", T::String),
            f("phone", T::Phone).multiple(),
            f("email", T::Email).multiple(),
            f("company", T::CrmItem).items(&[E::COMPANY]),
            f("birthday", T::Date),
            f("contact_type", T::List).options(contact_types()),
            f("source", T::List).options(sources()),
            f("newsletter", T::Boolean),
            f("address", T::Address),
            f("responsible", T::User),
            f("comment", T::String).multiline(),
        ],
        E::COMPANY => vec![
            f("name", T::String).required(),
            f("industry", T::List).options(industries()),
            f("employees", T::Integer),
            f("annual_revenue", T::Money).currency("USD"),
            f("phone", T::Phone).multiple(),
            f("email", T::Email).multiple(),
            f("website", T::Url),
            f("address", T::Address),
            f("responsible", T::User),
            f("comment", T::String).multiline(),
        ],
        E::INVOICE => vec![
            f("number", T::String).required(),
            f("amount", T::Money).currency("USD"),
            f("due_date", T::Date),
            f("deal", T::CrmItem).items(&[E::DEAL]),
            f("payer", T::CrmItem).items(&[E::COMPANY, E::CONTACT]),
            f("responsible", T::User),
            f("comment", T::String).multiline(),
        ],
        E::QUOTE => vec![
            f("title", T::String).required(),
            f("amount", T::Money).currency("USD"),
            f("valid_until", T::Date),
            f("deal", T::CrmItem).items(&[E::DEAL]),
            f("contact", T::CrmItem).items(&[E::CONTACT]),
            f("responsible", T::User),
            f("comment", T::String).multiline(),
        ],
        _ => vec![],
    };
    labelled(def.entity.slug(), fields)
}

/// The fields with the seed catalogue's labels (`field-<type>-<code>`) where they have none.
fn labelled(type_key: &str, fields: Vec<F>) -> Vec<FieldDef> {
    fields
        .into_iter()
        .map(|f| {
            let mut def = f.def;
            if def.label.is_empty() {
                def.label = seeded(&format!("field-{type_key}-{}", key_part(&def.code)));
            }
            def
        })
        .collect()
}

/// The system fields a system type ships with (none for another code).
pub fn shipped_fields(entity: EntityType) -> Vec<FieldDef> {
    match super::registry::system_types().into_iter().find(|t| t.entity == entity) {
        Some(def) => system_fields(&def, &Registry::default()),
        None => vec![],
    }
}

/// A smart process's system fields: a title, the responsible person, the client where chosen,
/// one field per linked type.
fn smart_fields(def: &TypeDef, registry: &Registry) -> Vec<FieldDef> {
    use FieldType as T;
    let o = &def.options;
    let mut fields = vec![f("title", T::String).required(), f("responsible", T::User)];
    if o.client_contact {
        fields.push(f("contact", T::CrmItem).items(&[EntityType::CONTACT]));
    }
    if o.client_company {
        fields.push(f("company", T::CrmItem).items(&[EntityType::COMPANY]));
    }
    for to in &o.links {
        let label = registry.get(*to).map_or_else(|| to.slug().to_string(), |t| t.name.clone());
        let mut link = f(&TypeDef::link_field(*to), T::CrmItem).items(&[*to]);
        link.def.label = label;
        fields.push(link);
    }
    labelled("smart", fields)
}

/// A section; its title comes from the seed catalogue (see [`titled`]).
fn section(id: &str, fields: &[&str]) -> Section {
    Section { id: id.into(), title: String::new(), fields: fields.iter().map(|s| (*s).into()).collect() }
}

/// The shipped ("default" scope) layout of an entity type's card; a smart process's follows
/// from its options.
pub fn default_layout(def: &TypeDef) -> Layout {
    use EntityType as E;
    let sections = match def.entity {
        _ if !def.system => smart_sections(def),
        E::LEAD => vec![
            section("about", &["title", "source", "opportunity", "comment"]),
            section("contact", &["first_name", "last_name", "company_name", "phone", "email", "address"]),
            section("more", &["responsible"]),
        ],
        E::DEAL => vec![
            section("about", &["title", "amount", "close_date", "deal_type", "source", "probability", "next_call"]),
            section("client", &["contact", "company"]),
            section("more", &["responsible", "comment"]),
        ],
        E::CONTACT => vec![
            section("about", &["first_name", "last_name", "position", "company", "birthday", "contact_type"]),
            section("contact", &["phone", "email", "address"]),
            section("more", &["source", "newsletter", "responsible", "comment"]),
        ],
        E::COMPANY => vec![
            section("about", &["name", "industry", "employees", "annual_revenue"]),
            section("contact", &["phone", "email", "website", "address"]),
            section("more", &["responsible", "comment"]),
        ],
        E::INVOICE => vec![
            section("about", &["number", "amount", "due_date"]),
            section("links", &["deal", "payer"]),
            section("more", &["responsible", "comment"]),
        ],
        E::QUOTE => vec![
            section("about", &["title", "amount", "valid_until"]),
            section("links", &["deal", "contact"]),
            section("more", &["responsible", "comment"]),
        ],
        _ => vec![],
    };
    let type_key = if def.system { def.entity.slug() } else { "smart" };
    let sections = sections
        .into_iter()
        .map(|s| Section { title: seeded(&format!("section-{type_key}-{}", key_part(&s.id))), ..s })
        .collect();
    Layout { sections, tabs: TabCode::ALL.into_iter().map(|code| Tab { code, hidden: false }).collect() }
}

fn smart_sections(def: &TypeDef) -> Vec<Section> {
    let o = &def.options;
    let mut sections = vec![section("about", &["title", "responsible"])];
    let client: Vec<&str> = [(o.client_contact, "contact"), (o.client_company, "company")]
        .into_iter()
        .filter(|c| c.0)
        .map(|c| c.1)
        .collect();
    if !client.is_empty() {
        sections.push(section("client", &client));
    }
    let links: Vec<String> = o.links.iter().map(|l| TypeDef::link_field(*l)).collect();
    if !links.is_empty() {
        sections.push(Section { id: "links".into(), title: String::new(), fields: links });
    }
    sections
}

/// The layout of a type whose stored default layout is missing: the shipped one of a system
/// type, else the bare layout of a smart process (title and responsible person).
pub fn fallback_layout(entity: EntityType) -> Layout {
    let shipped = super::registry::system_types().into_iter().find(|t| t.entity == entity);
    let def = shipped.unwrap_or_else(|| TypeDef {
        id: 0,
        entity,
        name: String::new(),
        plural: String::new(),
        system: false,
        options: Default::default(),
    });
    default_layout(&def)
}

pub struct StageSpec {
    pub code: &'static str,
    /// From the seed catalogue, in the language being seeded.
    pub name: String,
    pub color: &'static str,
    pub semantics: StageSemantics,
}

pub struct PipelineSpec {
    pub code: &'static str,
    /// From the seed catalogue, in the language being seeded.
    pub name: String,
    pub stages: Vec<StageSpec>,
}

fn st(code: &'static str, color: &'static str, semantics: StageSemantics) -> StageSpec {
    StageSpec { code, name: String::new(), color, semantics }
}

/// The shipped pipelines of an entity type; the first is the default one. A smart process with
/// stages starts with one pipeline.
pub fn pipelines(def: &TypeDef) -> Vec<PipelineSpec> {
    let type_key = if def.system { def.entity.slug() } else { "smart" };
    let mut specs = shipped_pipelines(def);
    for p in &mut specs {
        p.name = seeded(&format!("pipeline-{type_key}-{}", key_part(p.code)));
        for s in &mut p.stages {
            s.name = seeded(&format!("stage-{type_key}-{}-{}", key_part(p.code), key_part(s.code)));
        }
    }
    specs
}

fn shipped_pipelines(def: &TypeDef) -> Vec<PipelineSpec> {
    use StageSemantics::{Failure as L, InProgress as P, Success as W};
    match def.entity {
        _ if !def.has_stages() => vec![],
        _ if !def.system => vec![PipelineSpec {
            code: "general",
            name: String::new(),
            stages: vec![
                st("new", "#39a8ef", P),
                st("in_progress", "#f5a623", P),
                st("done", "#7bd500", W),
                st("failed", "#ff5752", L),
            ],
        }],
        EntityType::LEAD => vec![PipelineSpec {
            code: "leads",
            name: String::new(),
            stages: vec![
                st("new", "#39a8ef", P),
                st("in_progress", "#f5a623", P),
                st("converted", "#7bd500", W),
                st("junk", "#ff5752", L),
            ],
        }],
        EntityType::DEAL => vec![
            PipelineSpec {
                code: "sales",
                name: String::new(),
                stages: vec![
                    st("new", "#39a8ef", P),
                    st("preparation", "#2fc6f6", P),
                    st("invoice", "#55d0e0", P),
                    st("in_progress", "#f5a623", P),
                    st("won", "#7bd500", W),
                    st("lost", "#ff5752", L),
                ],
            },
            PipelineSpec {
                code: "support",
                name: String::new(),
                stages: vec![
                    st("new", "#39a8ef", P),
                    st("diagnosis", "#f5a623", P),
                    st("resolved", "#7bd500", W),
                    st("rejected", "#ff5752", L),
                ],
            },
        ],
        EntityType::INVOICE => vec![PipelineSpec {
            code: "invoices",
            name: String::new(),
            stages: vec![
                st("draft", "#39a8ef", P),
                st("sent", "#f5a623", P),
                st("paid", "#7bd500", W),
                st("cancelled", "#ff5752", L),
            ],
        }],
        EntityType::QUOTE => vec![PipelineSpec {
            code: "quotes",
            name: String::new(),
            stages: vec![
                st("draft", "#39a8ef", P),
                st("sent", "#f5a623", P),
                st("accepted", "#7bd500", W),
                st("declined", "#ff5752", L),
            ],
        }],
        _ => vec![],
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed step should stop the test right there
mod tests {
    use super::*;
    use crate::domain::registry::{settle, system_types, TypeSpec, Usage};
    use std::collections::HashSet;

    /// The system types and a smart process with everything switched on.
    fn every_kind() -> (Registry, Vec<TypeDef>) {
        let registry = Registry { types: system_types() };
        let spec = TypeSpec {
            name: "Delivery".into(),
            plural: "Deliveries".into(),
            code: "delivery".into(),
            stages: true,
            several_pipelines: true,
            client_contact: true,
            client_company: true,
            links: vec![EntityType::DEAL, EntityType::QUOTE],
            in_menu: true,
        };
        let smart = settle(&spec, None, &registry, &Usage::default(), 128).unwrap();
        let bare = settle(
            &TypeSpec {
                code: "visit".into(),
                stages: false,
                links: vec![],
                client_company: false,
                client_contact: false,
                ..spec
            },
            None,
            &registry,
            &Usage::default(),
            129,
        )
        .unwrap();
        let mut all = registry.types.clone();
        all.extend([smart, bare]);
        (registry, all)
    }

    #[test]
    fn every_default_layout_shows_only_existing_fields_and_each_once() {
        let (registry, all) = every_kind();
        for t in &all {
            let e = t.entity;
            let codes: HashSet<String> = system_fields(t, &registry).into_iter().map(|f| f.code).collect();
            let layout = default_layout(t);
            assert_eq!(layout.field_codes().count(), codes.len(), "{e}: every system field is on the card");
            let shown: Vec<&str> = layout.field_codes().collect::<Vec<_>>();
            let unique: HashSet<&str> = shown.iter().copied().collect();
            assert_eq!(unique.len(), shown.len(), "{e}: a field shown twice");
            for c in shown {
                assert!(codes.contains(c), "{e}: layout shows unknown field {c}");
            }
        }
    }

    #[test]
    fn every_title_field_exists_and_is_required() {
        let (registry, all) = every_kind();
        for def in &all {
            let e = def.entity;
            let fields = system_fields(def, &registry);
            for t in def.title_fields() {
                let def = fields.iter().find(|f| f.code == *t);
                assert!(def.is_some(), "{e}: title field {t} missing");
            }
            let first = def.title_fields()[0];
            assert!(fields.iter().any(|f| f.code == first && f.settings.required.always), "{e}");
        }
    }

    #[test]
    fn staged_entities_have_pipelines_that_start_in_progress_and_end_final() {
        let (_, all) = every_kind();
        for def in &all {
            let ps = pipelines(def);
            assert_eq!(!ps.is_empty(), def.has_stages(), "{}", def.entity);
            for p in ps {
                assert_eq!(p.stages[0].semantics, StageSemantics::InProgress);
                assert!(p.stages.iter().any(|s| s.semantics == StageSemantics::Success));
                assert!(p.stages.iter().any(|s| s.semantics == StageSemantics::Failure));
            }
        }
    }

    #[test]
    fn every_entity_has_a_responsible_user_field() {
        let (registry, all) = every_kind();
        for def in &all {
            assert!(system_fields(def, &registry)
                .iter()
                .any(|f| f.code == "responsible" && f.field_type == FieldType::User));
        }
    }

    #[test]
    fn a_smart_process_gets_its_client_and_link_fields_named_after_the_linked_type() {
        let (registry, all) = every_kind();
        let delivery = &all[6];
        let fields = system_fields(delivery, &registry);
        let codes: Vec<&str> = fields.iter().map(|f| f.code.as_str()).collect();
        assert_eq!(codes, ["title", "responsible", "contact", "company", "link_deal", "link_quote"]);
        let link = &fields[4];
        assert_eq!((link.label.as_str(), link.settings.item_types.as_slice()), ("Deal", &[EntityType::DEAL][..]));
        assert_eq!(default_layout(delivery).sections.len(), 3);
        assert_eq!(default_layout(&all[7]).sections.len(), 1, "no client, no links: one section");
        assert_eq!(fallback_layout(EntityType::DEAL), default_layout(&all[1]));
    }
}
