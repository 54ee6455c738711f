//! The seeded catalogue in the reader's language. A system field's label, a shipped list option,
//! a default section's title, a shipped pipeline's or stage's name is shown in the reader's
//! language while it is still the text the installation seeded (in any of the four languages);
//! a text an admin typed is shown as typed (docs/LANGUAGES.md).
//!
//! Applied where the configuration snapshot loads fields, pipelines and layouts
//! (`store::config`), so every page and server function sees the same names.

use crate::domain::{EntityType, FieldDef, Layout, Pipeline};
use crate::i18n::shown_seed;

/// `deal` for a system type, `smart` for every smart process (their seeds are shared).
fn type_key(entity: EntityType) -> &'static str {
    match entity {
        e if e == EntityType::LEAD => "lead",
        e if e == EntityType::DEAL => "deal",
        e if e == EntityType::CONTACT => "contact",
        e if e == EntityType::COMPANY => "company",
        e if e == EntityType::INVOICE => "invoice",
        e if e == EntityType::QUOTE => "quote",
        _ => "smart",
    }
}

fn part(code: &str) -> String {
    code.replace('_', "-")
}

fn swap(text: &mut String, key: &str) {
    if let Some(shown) = shown_seed(key, text) {
        if shown != text {
            *text = shown.to_string();
        }
    }
}

pub fn fields(entity: EntityType, fields: &mut [FieldDef]) {
    let t = type_key(entity);
    for f in fields.iter_mut().filter(|f| f.system) {
        swap(&mut f.label, &format!("field-{t}-{}", part(&f.code)));
        let list = part(&f.code);
        for o in &mut f.settings.options {
            swap(&mut o.label, &format!("option-{list}-{}", part(&o.id)));
        }
    }
}

pub fn pipelines(entity: EntityType, pipelines: &mut [Pipeline]) {
    let t = type_key(entity);
    for p in pipelines {
        let pk = part(&p.code);
        swap(&mut p.name, &format!("pipeline-{t}-{pk}"));
        for s in &mut p.stages {
            swap(&mut s.name, &format!("stage-{t}-{pk}-{}", part(&s.code)));
            // The stages a pipeline an administrator added started with.
            swap(&mut s.name, &format!("stage-any-{}", part(&s.code)));
        }
    }
}

pub fn layout(entity: EntityType, layout: &mut Layout) {
    let t = type_key(entity);
    for s in &mut layout.sections {
        swap(&mut s.title, &format!("section-{t}-{}", part(&s.id)));
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed step should stop the test right there
mod tests {
    use super::*;
    use crate::i18n::{with_lang, Lang};

    #[test]
    fn seeded_names_follow_the_reader_and_typed_ones_stay() {
        let mut fields = with_lang(Lang::En, || crate::domain::catalog::shipped_fields(EntityType::DEAL));
        fields[1].label = "Budget".into();
        with_lang(Lang::Ru, || super::fields(EntityType::DEAL, &mut fields));
        assert_eq!(fields[0].label, "Название сделки");
        assert_eq!(fields[1].label, "Budget", "typed by an admin");
        let source = fields.iter().find(|f| f.code == "source").unwrap();
        assert_eq!(source.settings.options[0].label, "Звонок");
        with_lang(Lang::It, || super::fields(EntityType::DEAL, &mut fields));
        assert_eq!(fields[0].label, "Nome affare", "from Russian to Italian too");
    }
}
