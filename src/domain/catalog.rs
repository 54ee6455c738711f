//! What the product ships: the system fields, default layout and pipelines of each entity type.
//! Written to the database on first start; admins change the stored copies, not this file.

use super::field::{FieldDef, FieldSettings, FieldType, ListOption, RequiredRule};
use super::layout::{Layout, Section, Tab, TabCode};
use super::registry::{Registry, TypeDef};
use super::stage::StageSemantics;
use super::EntityType;

fn options(pairs: &[(&str, &str)]) -> Vec<ListOption> {
    pairs.iter().map(|(id, label)| ListOption { id: (*id).into(), label: (*label).into() }).collect()
}

pub fn sources() -> Vec<ListOption> {
    options(&[
        ("call", "Call"),
        ("email", "Email"),
        ("website", "Website"),
        ("advertising", "Advertising"),
        ("partner", "Partner"),
        ("trade_show", "Trade show"),
        ("recommendation", "Recommendation"),
        ("other", "Other"),
    ])
}

pub fn industries() -> Vec<ListOption> {
    options(&[
        ("it", "Information technology"),
        ("manufacturing", "Manufacturing"),
        ("retail", "Retail"),
        ("finance", "Banking and finance"),
        ("logistics", "Transport and logistics"),
        ("consulting", "Consulting"),
        ("other", "Other"),
    ])
}

pub fn contact_types() -> Vec<ListOption> {
    options(&[("client", "Client"), ("supplier", "Supplier"), ("partner", "Partner"), ("other", "Other")])
}

pub fn deal_types() -> Vec<ListOption> {
    options(&[("sale", "Sale"), ("goods", "Goods"), ("service", "Services"), ("support", "Service contract")])
}

struct F {
    def: FieldDef,
}

fn f(code: &str, label: &str, field_type: FieldType) -> F {
    F {
        def: FieldDef {
            code: code.into(),
            label: label.into(),
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
            f("title", "Lead name", T::String).required(),
            f("first_name", "First name", T::String),
            f("last_name", "Last name", T::String),
            f("company_name", "Company name", T::String),
            f("phone", "Phone", T::Phone).multiple(),
            f("email", "Email", T::Email).multiple(),
            f("source", "Source", T::List).options(sources()),
            f("opportunity", "Opportunity", T::Money).currency("USD"),
            f("address", "Address", T::Address),
            f("responsible", "Responsible", T::User),
            f("comment", "Comment", T::String).multiline(),
        ],
        E::DEAL => vec![
            f("title", "Deal name", T::String).required(),
            f("amount", "Amount", T::Money).currency("USD"),
            f("close_date", "Expected close date", T::Date),
            f("deal_type", "Type", T::List).options(deal_types()),
            f("source", "Source", T::List).options(sources()),
            f("probability", "Probability, %", T::Integer),
            f("next_call", "Next call", T::DateTime),
            f("contact", "Contact", T::CrmItem).items(&[E::CONTACT]),
            f("company", "Company", T::CrmItem).items(&[E::COMPANY]),
            f("responsible", "Responsible", T::User),
            f("comment", "Comment", T::String).multiline(),
        ],
        E::CONTACT => vec![
            f("first_name", "First name", T::String).required(),
            f("last_name", "Last name", T::String),
            f("position", "Position", T::String),
            f("phone", "Phone", T::Phone).multiple(),
            f("email", "Email", T::Email).multiple(),
            f("company", "Company", T::CrmItem).items(&[E::COMPANY]),
            f("birthday", "Birthday", T::Date),
            f("contact_type", "Contact type", T::List).options(contact_types()),
            f("source", "Source", T::List).options(sources()),
            f("newsletter", "Agrees to newsletters", T::Boolean),
            f("address", "Address", T::Address),
            f("responsible", "Responsible", T::User),
            f("comment", "Comment", T::String).multiline(),
        ],
        E::COMPANY => vec![
            f("name", "Company name", T::String).required(),
            f("industry", "Industry", T::List).options(industries()),
            f("employees", "Employees", T::Integer),
            f("annual_revenue", "Annual revenue", T::Money).currency("USD"),
            f("phone", "Phone", T::Phone).multiple(),
            f("email", "Email", T::Email).multiple(),
            f("website", "Website", T::Url),
            f("address", "Address", T::Address),
            f("responsible", "Responsible", T::User),
            f("comment", "Comment", T::String).multiline(),
        ],
        E::INVOICE => vec![
            f("number", "Invoice number", T::String).required(),
            f("amount", "Amount", T::Money).currency("USD"),
            f("due_date", "Due date", T::Date),
            f("deal", "Deal", T::CrmItem).items(&[E::DEAL]),
            f("payer", "Payer", T::CrmItem).items(&[E::COMPANY, E::CONTACT]),
            f("responsible", "Responsible", T::User),
            f("comment", "Comment", T::String).multiline(),
        ],
        E::QUOTE => vec![
            f("title", "Quote name", T::String).required(),
            f("amount", "Amount", T::Money).currency("USD"),
            f("valid_until", "Valid until", T::Date),
            f("deal", "Deal", T::CrmItem).items(&[E::DEAL]),
            f("contact", "Contact", T::CrmItem).items(&[E::CONTACT]),
            f("responsible", "Responsible", T::User),
            f("comment", "Comment", T::String).multiline(),
        ],
        _ => vec![],
    };
    fields.into_iter().map(|f| f.def).collect()
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
    let mut fields = vec![f("title", "Name", T::String).required(), f("responsible", "Responsible", T::User)];
    if o.client_contact {
        fields.push(f("contact", "Contact", T::CrmItem).items(&[EntityType::CONTACT]));
    }
    if o.client_company {
        fields.push(f("company", "Company", T::CrmItem).items(&[EntityType::COMPANY]));
    }
    for to in &o.links {
        let label = registry.get(*to).map_or_else(|| to.slug().to_string(), |t| t.name.clone());
        fields.push(f(&TypeDef::link_field(*to), &label, T::CrmItem).items(&[*to]));
    }
    fields.into_iter().map(|f| f.def).collect()
}

fn section(id: &str, title: &str, fields: &[&str]) -> Section {
    Section { id: id.into(), title: title.into(), fields: fields.iter().map(|s| (*s).into()).collect() }
}

/// The shipped ("default" scope) layout of an entity type's card; a smart process's follows
/// from its options.
pub fn default_layout(def: &TypeDef) -> Layout {
    use EntityType as E;
    let sections = match def.entity {
        _ if !def.system => smart_sections(def),
        E::LEAD => vec![
            section("about", "About the lead", &["title", "source", "opportunity", "comment"]),
            section(
                "contact",
                "Contact information",
                &["first_name", "last_name", "company_name", "phone", "email", "address"],
            ),
            section("more", "More", &["responsible"]),
        ],
        E::DEAL => vec![
            section(
                "about",
                "About the deal",
                &["title", "amount", "close_date", "deal_type", "source", "probability", "next_call"],
            ),
            section("client", "Client", &["contact", "company"]),
            section("more", "More", &["responsible", "comment"]),
        ],
        E::CONTACT => vec![
            section(
                "about",
                "About the contact",
                &["first_name", "last_name", "position", "company", "birthday", "contact_type"],
            ),
            section("contact", "Contact information", &["phone", "email", "address"]),
            section("more", "More", &["source", "newsletter", "responsible", "comment"]),
        ],
        E::COMPANY => vec![
            section("about", "About the company", &["name", "industry", "employees", "annual_revenue"]),
            section("contact", "Contact information", &["phone", "email", "website", "address"]),
            section("more", "More", &["responsible", "comment"]),
        ],
        E::INVOICE => vec![
            section("about", "About the invoice", &["number", "amount", "due_date"]),
            section("links", "Deal and payer", &["deal", "payer"]),
            section("more", "More", &["responsible", "comment"]),
        ],
        E::QUOTE => vec![
            section("about", "About the quote", &["title", "amount", "valid_until"]),
            section("links", "Deal and client", &["deal", "contact"]),
            section("more", "More", &["responsible", "comment"]),
        ],
        _ => vec![],
    };
    Layout { sections, tabs: TabCode::ALL.into_iter().map(|code| Tab { code, hidden: false }).collect() }
}

fn smart_sections(def: &TypeDef) -> Vec<Section> {
    let o = &def.options;
    let mut sections = vec![section("about", "About", &["title", "responsible"])];
    let client: Vec<&str> = [(o.client_contact, "contact"), (o.client_company, "company")]
        .into_iter()
        .filter(|c| c.0)
        .map(|c| c.1)
        .collect();
    if !client.is_empty() {
        sections.push(section("client", "Client", &client));
    }
    let links: Vec<String> = o.links.iter().map(|l| TypeDef::link_field(*l)).collect();
    if !links.is_empty() {
        sections.push(Section { id: "links".into(), title: "Links".into(), fields: links });
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
    pub name: &'static str,
    pub color: &'static str,
    pub semantics: StageSemantics,
}

pub struct PipelineSpec {
    pub code: &'static str,
    pub name: &'static str,
    pub stages: Vec<StageSpec>,
}

const fn st(code: &'static str, name: &'static str, color: &'static str, semantics: StageSemantics) -> StageSpec {
    StageSpec { code, name, color, semantics }
}

/// The shipped pipelines of an entity type; the first is the default one. A smart process with
/// stages starts with one pipeline.
pub fn pipelines(def: &TypeDef) -> Vec<PipelineSpec> {
    use StageSemantics::{Failure as L, InProgress as P, Success as W};
    match def.entity {
        _ if !def.has_stages() => vec![],
        _ if !def.system => vec![PipelineSpec {
            code: "general",
            name: "General",
            stages: vec![
                st("new", "New", "#39a8ef", P),
                st("in_progress", "In progress", "#f5a623", P),
                st("done", "Done", "#7bd500", W),
                st("failed", "Failed", "#ff5752", L),
            ],
        }],
        EntityType::LEAD => vec![PipelineSpec {
            code: "leads",
            name: "Leads",
            stages: vec![
                st("new", "New", "#39a8ef", P),
                st("in_progress", "In progress", "#f5a623", P),
                st("converted", "Converted", "#7bd500", W),
                st("junk", "Junk lead", "#ff5752", L),
            ],
        }],
        EntityType::DEAL => vec![
            PipelineSpec {
                code: "sales",
                name: "Sales",
                stages: vec![
                    st("new", "New", "#39a8ef", P),
                    st("preparation", "Preparing documents", "#2fc6f6", P),
                    st("invoice", "Invoice", "#55d0e0", P),
                    st("in_progress", "In progress", "#f5a623", P),
                    st("won", "Deal won", "#7bd500", W),
                    st("lost", "Deal lost", "#ff5752", L),
                ],
            },
            PipelineSpec {
                code: "support",
                name: "Support",
                stages: vec![
                    st("new", "New request", "#39a8ef", P),
                    st("diagnosis", "Diagnosis", "#f5a623", P),
                    st("resolved", "Resolved", "#7bd500", W),
                    st("rejected", "Rejected", "#ff5752", L),
                ],
            },
        ],
        EntityType::INVOICE => vec![PipelineSpec {
            code: "invoices",
            name: "Invoices",
            stages: vec![
                st("draft", "New", "#39a8ef", P),
                st("sent", "Sent to client", "#f5a623", P),
                st("paid", "Paid", "#7bd500", W),
                st("cancelled", "Cancelled", "#ff5752", L),
            ],
        }],
        EntityType::QUOTE => vec![PipelineSpec {
            code: "quotes",
            name: "Quotes",
            stages: vec![
                st("draft", "Draft", "#39a8ef", P),
                st("sent", "Sent to client", "#f5a623", P),
                st("accepted", "Accepted", "#7bd500", W),
                st("declined", "Declined", "#ff5752", L),
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
