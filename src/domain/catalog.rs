//! What the product ships: the system fields, default layout and pipelines of each entity type.
//! Written to the database on first start; admins change the stored copies, not this file.

use super::field::{FieldDef, FieldSettings, FieldType, ListOption, RequiredRule};
use super::layout::{Layout, Section, Tab, TabCode};
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

/// The system fields of an entity type, in the order the field list shows them.
pub fn system_fields(entity: EntityType) -> Vec<FieldDef> {
    use EntityType as E;
    use FieldType as T;
    let fields = match entity {
        E::Lead => vec![
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
        E::Deal => vec![
            f("title", "Deal name", T::String).required(),
            f("amount", "Amount", T::Money).currency("USD"),
            f("close_date", "Expected close date", T::Date),
            f("deal_type", "Type", T::List).options(deal_types()),
            f("source", "Source", T::List).options(sources()),
            f("probability", "Probability, %", T::Integer),
            f("next_call", "Next call", T::DateTime),
            f("contact", "Contact", T::CrmItem).items(&[E::Contact]),
            f("company", "Company", T::CrmItem).items(&[E::Company]),
            f("responsible", "Responsible", T::User),
            f("comment", "Comment", T::String).multiline(),
        ],
        E::Contact => vec![
            f("first_name", "First name", T::String).required(),
            f("last_name", "Last name", T::String),
            f("position", "Position", T::String),
            f("phone", "Phone", T::Phone).multiple(),
            f("email", "Email", T::Email).multiple(),
            f("company", "Company", T::CrmItem).items(&[E::Company]),
            f("birthday", "Birthday", T::Date),
            f("contact_type", "Contact type", T::List).options(contact_types()),
            f("source", "Source", T::List).options(sources()),
            f("newsletter", "Agrees to newsletters", T::Boolean),
            f("address", "Address", T::Address),
            f("responsible", "Responsible", T::User),
            f("comment", "Comment", T::String).multiline(),
        ],
        E::Company => vec![
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
        E::Invoice => vec![
            f("number", "Invoice number", T::String).required(),
            f("amount", "Amount", T::Money).currency("USD"),
            f("due_date", "Due date", T::Date),
            f("deal", "Deal", T::CrmItem).items(&[E::Deal]),
            f("payer", "Payer", T::CrmItem).items(&[E::Company, E::Contact]),
            f("responsible", "Responsible", T::User),
            f("comment", "Comment", T::String).multiline(),
        ],
        E::Quote => vec![
            f("title", "Quote name", T::String).required(),
            f("amount", "Amount", T::Money).currency("USD"),
            f("valid_until", "Valid until", T::Date),
            f("deal", "Deal", T::CrmItem).items(&[E::Deal]),
            f("contact", "Contact", T::CrmItem).items(&[E::Contact]),
            f("responsible", "Responsible", T::User),
            f("comment", "Comment", T::String).multiline(),
        ],
    };
    fields.into_iter().map(|f| f.def).collect()
}

fn section(id: &str, title: &str, fields: &[&str]) -> Section {
    Section { id: id.into(), title: title.into(), fields: fields.iter().map(|s| (*s).into()).collect() }
}

/// The shipped ("default" scope) layout of an entity type's card.
pub fn default_layout(entity: EntityType) -> Layout {
    use EntityType as E;
    let sections = match entity {
        E::Lead => vec![
            section("about", "About the lead", &["title", "source", "opportunity", "comment"]),
            section(
                "contact",
                "Contact information",
                &["first_name", "last_name", "company_name", "phone", "email", "address"],
            ),
            section("more", "More", &["responsible"]),
        ],
        E::Deal => vec![
            section(
                "about",
                "About the deal",
                &["title", "amount", "close_date", "deal_type", "source", "probability", "next_call"],
            ),
            section("client", "Client", &["contact", "company"]),
            section("more", "More", &["responsible", "comment"]),
        ],
        E::Contact => vec![
            section(
                "about",
                "About the contact",
                &["first_name", "last_name", "position", "company", "birthday", "contact_type"],
            ),
            section("contact", "Contact information", &["phone", "email", "address"]),
            section("more", "More", &["source", "newsletter", "responsible", "comment"]),
        ],
        E::Company => vec![
            section("about", "About the company", &["name", "industry", "employees", "annual_revenue"]),
            section("contact", "Contact information", &["phone", "email", "website", "address"]),
            section("more", "More", &["responsible", "comment"]),
        ],
        E::Invoice => vec![
            section("about", "About the invoice", &["number", "amount", "due_date"]),
            section("links", "Deal and payer", &["deal", "payer"]),
            section("more", "More", &["responsible", "comment"]),
        ],
        E::Quote => vec![
            section("about", "About the quote", &["title", "amount", "valid_until"]),
            section("links", "Deal and client", &["deal", "contact"]),
            section("more", "More", &["responsible", "comment"]),
        ],
    };
    Layout { sections, tabs: TabCode::ALL.into_iter().map(|code| Tab { code, hidden: false }).collect() }
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

/// The shipped pipelines of an entity type; the first is the default one.
pub fn pipelines(entity: EntityType) -> Vec<PipelineSpec> {
    use StageSemantics::{Failure as L, InProgress as P, Success as W};
    match entity {
        EntityType::Lead => vec![PipelineSpec {
            code: "leads",
            name: "Leads",
            stages: vec![
                st("new", "New", "#39a8ef", P),
                st("in_progress", "In progress", "#f5a623", P),
                st("converted", "Converted", "#7bd500", W),
                st("junk", "Junk lead", "#ff5752", L),
            ],
        }],
        EntityType::Deal => vec![
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
        EntityType::Invoice => vec![PipelineSpec {
            code: "invoices",
            name: "Invoices",
            stages: vec![
                st("draft", "New", "#39a8ef", P),
                st("sent", "Sent to client", "#f5a623", P),
                st("paid", "Paid", "#7bd500", W),
                st("cancelled", "Cancelled", "#ff5752", L),
            ],
        }],
        EntityType::Quote => vec![PipelineSpec {
            code: "quotes",
            name: "Quotes",
            stages: vec![
                st("draft", "Draft", "#39a8ef", P),
                st("sent", "Sent to client", "#f5a623", P),
                st("accepted", "Accepted", "#7bd500", W),
                st("declined", "Declined", "#ff5752", L),
            ],
        }],
        EntityType::Contact | EntityType::Company => vec![],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_default_layout_shows_only_existing_fields_and_each_once() {
        for e in EntityType::ALL {
            let codes: HashSet<String> = system_fields(e).into_iter().map(|f| f.code).collect();
            let layout = default_layout(e);
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
        for e in EntityType::ALL {
            let fields = system_fields(e);
            for t in e.title_fields() {
                let def = fields.iter().find(|f| f.code == *t);
                assert!(def.is_some(), "{e}: title field {t} missing");
            }
            let first = e.title_fields()[0];
            assert!(fields.iter().any(|f| f.code == first && f.settings.required.always), "{e}");
        }
    }

    #[test]
    fn staged_entities_have_pipelines_that_start_in_progress_and_end_final() {
        for e in EntityType::ALL {
            let ps = pipelines(e);
            assert_eq!(!ps.is_empty(), e.has_stages(), "{e}");
            for p in ps {
                assert_eq!(p.stages[0].semantics, StageSemantics::InProgress);
                assert!(p.stages.iter().any(|s| s.semantics == StageSemantics::Success));
                assert!(p.stages.iter().any(|s| s.semantics == StageSemantics::Failure));
            }
        }
    }

    #[test]
    fn every_entity_has_a_responsible_user_field() {
        for e in EntityType::ALL {
            assert!(system_fields(e).iter().any(|f| f.code == "responsible" && f.field_type == FieldType::User));
        }
    }
}
