//! The one decision about every write of an item: create, save, stage move and delete. Given
//! what was read of the item (version, stage, values), the change, which fields changed since
//! the version the writer saw, and the type's fields and pipelines, it answers: a conflict,
//! required fields missing, an unknown stage, nothing to do, or what to write — the effective
//! values, the title and search text, the value changes to log, the stage, the timeline event.
//!
//! The card calls it through the store today; the kanban, the API, import and automation will
//! call the same function. It is the only place such rules live: the store only reads, claims
//! and writes what this answers (docs/ENTITY_TYPES.md, "One write decision").

use super::field::{missing_required, FieldDef};
use super::merge::{self, Changes, FieldConflict};
use super::stage::{Pipeline, Stage};
use super::timeline::{EventPayload, PipelineChange, StageRef, StoredChange};
use super::value::{display, Names, Value, Values};
use super::EntityType;
use std::collections::BTreeSet;

/// The field code under which stage moves are logged and merged.
pub const STAGE_FIELD: &str = "stage";

/// The type's rules for a writer: every field with its required rule as it applies to them, and
/// the pipelines with their stages.
#[derive(Clone, Copy)]
pub struct Rules<'a> {
    pub entity: EntityType,
    pub fields: &'a [FieldDef],
    pub pipelines: &'a [Pipeline],
}

/// What the writer's read found of the item.
#[derive(Clone, Copy, Debug)]
pub struct Read<'a> {
    pub version: i64,
    pub pipeline_id: Option<i64>,
    pub stage_id: Option<i64>,
    /// Its values (a delete does not look at them, and its caller need not read them).
    pub values: &'a Values,
}

/// Which fields were written after the version the writer started from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Since {
    /// The writer saw the version read: nothing changed since.
    Nothing,
    /// These fields (and [`STAGE_FIELD`] for a stage move).
    Changed(BTreeSet<String>),
    /// The writer names a version newer than the item's: nothing they saw can be trusted.
    Unknown,
}

impl Since {
    /// From the writer's version and the version read; `changed` is asked only when needed.
    pub fn of(base_version: i64, read_version: i64, changed: impl FnOnce() -> BTreeSet<String>) -> Since {
        match base_version {
            b if b == read_version => Since::Nothing,
            b if b > read_version => Since::Unknown,
            _ => Since::Changed(changed()),
        }
    }

    fn touches(&self, code: &str) -> bool {
        match self {
            Since::Nothing => false,
            Since::Changed(codes) => codes.contains(code),
            Since::Unknown => true,
        }
    }
}

/// What a writer asks for.
#[derive(Clone, Copy, Debug)]
pub enum Change<'a> {
    /// A new item with these values, in this pipeline (its first stage).
    Create { values: &'a Values, pipeline: Option<&'a Pipeline> },
    /// These field changes, made from `since`'s version.
    Save { changes: &'a Changes },
    /// To this stage of the item's pipeline.
    MoveStage { stage_id: i64 },
    /// To this stage of another pipeline of the type (Change pipeline on the card).
    ChangePipeline { stage_id: i64 },
    /// To the recycle bin.
    Delete,
}

/// What to write.
#[derive(Clone, Debug, PartialEq)]
pub struct Write<'a> {
    /// The item's values after the write.
    pub values: Values,
    pub title: String,
    pub search_text: String,
    pub responsible: Option<i64>,
    /// Every value written: `(code, old, new)`, logged in History under the new version.
    pub changes: Vec<(String, Option<Value>, Option<Value>)>,
    /// The stage the item is in after the write, and the one it left (a move or a new item).
    pub stage: Option<(Option<&'a Stage>, &'a Stage)>,
    /// Someone else wrote other fields since the writer's version; theirs are kept.
    pub merged: bool,
    pub event: EventPayload,
}

// One decision per write, moved once from `decide` to its caller: boxing the write would buy
// nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum Decision<'a> {
    Write(Write<'a>),
    /// Nothing changes (the same values, the stage it is in): no new version.
    Nothing {
        values: Values,
        title: String,
        merged: bool,
    },
    /// Someone else changed these fields since the writer's version, to other values.
    Conflict(Vec<FieldConflict>),
    /// Someone else moved the item since the writer's version: it is in this stage now.
    StageConflict {
        stage_id: Option<i64>,
    },
    /// Required fields left empty (in field order), for the stage the item would be in.
    MissingRequired(Vec<String>),
    /// The stage is not one of the item's pipeline.
    UnknownStage,
    /// The item goes to the recycle bin.
    Delete,
    /// The item is not there (any more).
    NotFound,
}

/// The decision. `read` is `None` only for [`Change::Create`].
pub fn decide<'a>(rules: Rules<'a>, read: Option<Read<'_>>, change: Change<'a>, since: &Since) -> Decision<'a> {
    match (change, read) {
        (Change::Create { values, pipeline }, _) => create(rules, values, pipeline),
        (Change::Save { changes }, Some(read)) => save(rules, read, changes, since),
        (Change::MoveStage { stage_id }, Some(read)) => move_stage(rules, read, stage_id, false, since),
        (Change::ChangePipeline { stage_id }, Some(read)) => move_stage(rules, read, stage_id, true, since),
        (Change::Delete, Some(_)) => Decision::Delete,
        // Only a new item has nothing to read; anything else is an item that is not there.
        (_, None) => Decision::NotFound,
    }
}

fn create<'a>(rules: Rules<'a>, values: &Values, pipeline: Option<&'a Pipeline>) -> Decision<'a> {
    let stage = pipeline.and_then(Pipeline::first_stage);
    let missing = missing_required(rules.fields, values, stage);
    if !missing.is_empty() {
        return Decision::MissingRequired(missing);
    }
    let title = title_of(rules.entity, rules.fields, values);
    Decision::Write(Write {
        search_text: search_text(&title, rules.fields, values),
        responsible: responsible_of(values),
        changes: values.iter().map(|(c, v)| (c.clone(), None, Some(v.clone()))).collect(),
        stage: stage.map(|s| (None, s)),
        merged: false,
        event: EventPayload::Created { title: title.clone() },
        values: values.clone(),
        title,
    })
}

fn stage_in(pipelines: &[Pipeline], stage_id: Option<i64>) -> Option<&Stage> {
    let id = stage_id?;
    pipelines.iter().find_map(|p| p.stage(id))
}

fn save<'a>(rules: Rules<'a>, read: Read<'_>, changes: &Changes, since: &Since) -> Decision<'a> {
    let merged_in = *since != Since::Nothing;
    let conflicts: Vec<FieldConflict> = match since {
        Since::Nothing => vec![],
        Since::Changed(codes) => merge::conflicts(changes, codes, read.values),
        Since::Unknown => merge::conflicts(changes, &changes.keys().cloned().collect(), read.values),
    };
    if !conflicts.is_empty() {
        return Decision::Conflict(conflicts);
    }
    let effective = merge::effective(changes, read.values);
    let mut values = read.values.clone();
    for (code, _, new) in &effective {
        match new {
            Some(v) => values.insert(code.clone(), v.clone()),
            None => values.remove(code),
        };
    }
    let missing = missing_required(rules.fields, &values, stage_in(rules.pipelines, read.stage_id));
    if !missing.is_empty() {
        return Decision::MissingRequired(missing);
    }
    let title = title_of(rules.entity, rules.fields, &values);
    if effective.is_empty() {
        return Decision::Nothing { values, title, merged: merged_in };
    }
    let logged = effective.iter().map(|(code, old, new)| StoredChange {
        code: code.clone(),
        old: old.clone(),
        new: new.clone(),
    });
    Decision::Write(Write {
        search_text: search_text(&title, rules.fields, &values),
        responsible: responsible_of(&values),
        event: EventPayload::FieldChanged { changes: logged.collect() },
        changes: effective,
        stage: None,
        merged: merged_in,
        values,
        title,
    })
}

/// A stage move; `across`: to a stage of another pipeline (a pipeline change), else of its own.
fn move_stage<'a>(rules: Rules<'a>, read: Read<'_>, stage_id: i64, across: bool, since: &Since) -> Decision<'a> {
    let Some(pipeline) = rules.pipelines.iter().find(|p| Some(p.id) == read.pipeline_id) else {
        return Decision::UnknownStage;
    };
    let landing = rules.pipelines.iter().find_map(|p| p.stage(stage_id).map(|s| (p, s)));
    let Some((to_pipeline, target)) = landing.filter(|(p, _)| (p.id != pipeline.id) == across) else {
        return Decision::UnknownStage;
    };
    let title = title_of(rules.entity, rules.fields, read.values);
    if read.stage_id == Some(target.id) {
        return Decision::Nothing { values: read.values.clone(), title, merged: false };
    }
    if since.touches(STAGE_FIELD) {
        return Decision::StageConflict { stage_id: read.stage_id };
    }
    let missing = missing_required(rules.fields, read.values, Some(target));
    if !missing.is_empty() {
        return Decision::MissingRequired(missing);
    }
    let from = read.stage_id.and_then(|id| pipeline.stage(id));
    let stage_ref = |s: &Stage| StageRef { id: s.id, name: s.name.clone(), color: s.color.clone() };
    let as_value = |s: &Stage| Value::Text(s.name.clone());
    Decision::Write(Write {
        search_text: search_text(&title, rules.fields, read.values),
        responsible: responsible_of(read.values),
        changes: vec![(STAGE_FIELD.to_string(), from.map(as_value), Some(as_value(target)))],
        stage: Some((from, target)),
        merged: *since != Since::Nothing,
        event: EventPayload::StageChanged {
            from: from.map(stage_ref),
            to: stage_ref(target),
            pipeline: across
                .then(|| Box::new(PipelineChange { from: pipeline.name.clone(), to: to_pipeline.name.clone() })),
        },
        values: read.values.clone(),
        title,
    })
}

/// The responsible person a set of values names.
pub fn responsible_of(values: &Values) -> Option<i64> {
    match values.get("responsible") {
        Some(Value::User(id)) => Some(*id),
        _ => None,
    }
}

/// The item's title from its title fields, e.g. a contact's first and last name.
pub fn title_of(entity: EntityType, fields: &[FieldDef], values: &Values) -> String {
    let parts: Vec<String> = entity
        .title_fields()
        .iter()
        .filter_map(|code| {
            let def = fields.iter().find(|f| f.code == *code)?;
            values.get(*code).map(|v| display(def, v, &Names::default()))
        })
        .filter(|s| !s.trim().is_empty())
        .collect();
    if parts.is_empty() {
        format!("#{}", entity.slug())
    } else {
        parts.join(" ")
    }
}

/// What an item is found by: its title and the text of its values, folded (`i18n::fold`: lower
/// case by Unicode rules, accents off; SQLite's `LOWER()` folds ASCII only, so folding happens
/// here, for both databases).
/// Values of restricted fields are left out: a search must not reveal what a person may not see.
pub fn search_text(title: &str, fields: &[FieldDef], values: &Values) -> String {
    fn words(def: &FieldDef, v: &Value, out: &mut String) {
        let mut push = |s: &str| {
            out.push('\n');
            out.push_str(&crate::i18n::fold(s));
        };
        match v {
            Value::Text(s) | Value::Date(s) | Value::DateTime(s) => push(s),
            Value::Option(_) | Value::Booking(_) => push(&display(def, v, &Names::default())),
            Value::File(f) => push(&f.name),
            Value::Integer(i) => push(&i.to_string()),
            Value::Number(n) => push(&n.to_string()),
            Value::Money { minor, currency } => {
                push(&format!("{} {currency}", crate::i18n::format::minor(*minor, crate::i18n::Lang::En, false)))
            }
            Value::Address(a) => {
                push(&[&a.street, &a.city, &a.region, &a.postcode, &a.country].map(String::as_str).join(" "))
            }
            Value::Many(list) => list.iter().for_each(|e| words(def, e, out)),
            Value::Bool(_) | Value::User(_) | Value::Item(_) => {}
        }
    }
    let mut out = crate::i18n::fold(title);
    for def in fields.iter().filter(|f| !f.is_restricted()) {
        if let Some(v) = values.get(&def.code) {
            words(def, v, &mut out);
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed step should stop the test right there
mod tests {
    use super::*;
    use crate::domain::field::tests::field;
    use crate::domain::field::{Audience, RequiredRule};
    use crate::domain::stage::StageSemantics;

    fn stage(id: i64, name: &str, semantics: StageSemantics) -> Stage {
        Stage { id, code: name.to_lowercase(), name: name.into(), color: "#39a8ef".into(), semantics }
    }

    /// A deal type: a required title, a budget required from stage 3 on, a restricted note.
    fn fixture() -> (Vec<FieldDef>, Vec<Pipeline>) {
        let mut note = field("note", RequiredRule::default());
        note.settings.visible_to = Some(Audience::default());
        let fields = vec![
            field("title", RequiredRule { always: true, stages: vec![] }),
            field("budget", RequiredRule { always: false, stages: vec![3] }),
            note,
        ];
        let stages = vec![
            stage(1, "New", StageSemantics::InProgress),
            stage(2, "Talks", StageSemantics::InProgress),
            stage(3, "Won", StageSemantics::Success),
        ];
        let pipelines = vec![Pipeline {
            id: 10,
            entity: EntityType::DEAL,
            code: "sales".into(),
            name: "Sales".into(),
            is_default: true,
            stages,
        }];
        (fields, pipelines)
    }

    fn vals(pairs: &[(&str, &str)]) -> Values {
        pairs.iter().map(|(k, v)| (k.to_string(), Value::Text(v.to_string()))).collect()
    }

    fn changes(pairs: &[(&str, Option<&str>)]) -> Changes {
        pairs.iter().map(|(k, v)| (k.to_string(), v.map(|v| Value::Text(v.into())))).collect()
    }

    fn read(values: &Values, stage_id: i64) -> Read<'_> {
        Read { version: 4, pipeline_id: Some(10), stage_id: Some(stage_id), values }
    }

    #[test]
    fn a_new_item_starts_at_the_first_stage_with_a_created_event_and_every_value_logged() {
        let (fields, pipelines) = fixture();
        let rules = Rules { entity: EntityType::DEAL, fields: &fields, pipelines: &pipelines };
        let values = vals(&[("title", "Big Deal"), ("note", "secret")]);
        let Decision::Write(w) =
            decide(rules, None, Change::Create { values: &values, pipeline: pipelines.first() }, &Since::Nothing)
        else {
            panic!("written")
        };
        assert_eq!(w.title, "Big Deal");
        assert_eq!(w.stage.map(|(from, to)| (from.map(|s| s.id), to.id)), Some((None, 1)));
        assert_eq!(w.event, EventPayload::Created { title: "Big Deal".into() });
        assert_eq!(w.changes.len(), 2);
        assert_eq!(w.search_text, "big deal\nbig deal", "restricted values are not searchable");
    }

    #[test]
    fn a_new_item_without_its_required_fields_is_refused() {
        let (fields, pipelines) = fixture();
        let rules = Rules { entity: EntityType::DEAL, fields: &fields, pipelines: &pipelines };
        let empty = Values::new();
        let d = decide(rules, None, Change::Create { values: &empty, pipeline: pipelines.first() }, &Since::Nothing);
        assert_eq!(d, Decision::MissingRequired(vec!["title".into()]));
    }

    #[test]
    fn a_save_writes_only_what_changes_and_logs_old_and_new() {
        let (fields, pipelines) = fixture();
        let rules = Rules { entity: EntityType::DEAL, fields: &fields, pipelines: &pipelines };
        let current = vals(&[("title", "Old"), ("budget", "5")]);
        let ch = changes(&[("title", Some("New")), ("budget", Some("5"))]);
        let Decision::Write(w) = decide(rules, Some(read(&current, 1)), Change::Save { changes: &ch }, &Since::Nothing)
        else {
            panic!("written")
        };
        assert_eq!(w.changes, vec![("title".into(), Some(Value::Text("Old".into())), Some(Value::Text("New".into())))]);
        assert_eq!((w.title.as_str(), w.merged), ("New", false));
        assert!(matches!(&w.event, EventPayload::FieldChanged { changes } if changes.len() == 1));
    }

    #[test]
    fn a_save_that_changes_nothing_writes_nothing() {
        let (fields, pipelines) = fixture();
        let rules = Rules { entity: EntityType::DEAL, fields: &fields, pipelines: &pipelines };
        let current = vals(&[("title", "Same")]);
        let ch = changes(&[("title", Some("Same"))]);
        let d = decide(rules, Some(read(&current, 1)), Change::Save { changes: &ch }, &Since::Nothing);
        assert_eq!(d, Decision::Nothing { values: current.clone(), title: "Same".into(), merged: false });
    }

    #[test]
    fn others_changes_to_other_fields_merge_and_the_same_field_conflicts() {
        let (fields, pipelines) = fixture();
        let rules = Rules { entity: EntityType::DEAL, fields: &fields, pipelines: &pipelines };
        let current = vals(&[("title", "Theirs"), ("budget", "7")]);
        let since = Since::Changed(["budget".to_string()].into());
        let mine = changes(&[("title", Some("Mine"))]);
        let Decision::Write(w) = decide(rules, Some(read(&current, 1)), Change::Save { changes: &mine }, &since) else {
            panic!("merged")
        };
        assert!(w.merged);
        assert_eq!(w.values.get("budget"), Some(&Value::Text("7".into())), "theirs kept");
        let clash = changes(&[("budget", Some("9"))]);
        let d = decide(rules, Some(read(&current, 1)), Change::Save { changes: &clash }, &since);
        assert_eq!(
            d,
            Decision::Conflict(vec![FieldConflict { code: "budget".into(), current: Some(Value::Text("7".into())) }])
        );
        let same = changes(&[("budget", Some("7"))]);
        let d = decide(rules, Some(read(&current, 1)), Change::Save { changes: &same }, &since);
        assert!(matches!(d, Decision::Nothing { merged: true, .. }), "both wrote the same: no conflict");
    }

    #[test]
    fn a_version_from_the_future_trusts_nothing_the_writer_saw() {
        let (fields, pipelines) = fixture();
        let rules = Rules { entity: EntityType::DEAL, fields: &fields, pipelines: &pipelines };
        let current = vals(&[("title", "Theirs")]);
        let ch = changes(&[("title", Some("Mine"))]);
        assert_eq!(Since::of(9, 4, || unreachable!()), Since::Unknown);
        let d = decide(rules, Some(read(&current, 1)), Change::Save { changes: &ch }, &Since::Unknown);
        assert!(matches!(d, Decision::Conflict(c) if c.len() == 1));
        assert_eq!(Since::of(4, 4, || unreachable!()), Since::Nothing);
        assert_eq!(Since::of(2, 4, || ["x".to_string()].into()), Since::Changed(["x".to_string()].into()));
    }

    #[test]
    fn a_save_may_not_empty_a_field_required_at_the_stage_the_item_is_in() {
        let (fields, pipelines) = fixture();
        let rules = Rules { entity: EntityType::DEAL, fields: &fields, pipelines: &pipelines };
        let current = vals(&[("title", "T"), ("budget", "5")]);
        let ch = changes(&[("budget", None)]);
        let d = decide(rules, Some(read(&current, 3)), Change::Save { changes: &ch }, &Since::Nothing);
        assert_eq!(d, Decision::MissingRequired(vec!["budget".into()]));
        let d = decide(rules, Some(read(&current, 2)), Change::Save { changes: &ch }, &Since::Nothing);
        assert!(matches!(d, Decision::Write(_)), "not required before stage 3");
    }

    #[test]
    fn a_stage_move_is_logged_refused_without_required_fields_and_conflicts_with_another_move() {
        let (fields, pipelines) = fixture();
        let rules = Rules { entity: EntityType::DEAL, fields: &fields, pipelines: &pipelines };
        let current = vals(&[("title", "T")]);
        let to_won = Change::MoveStage { stage_id: 3 };
        assert_eq!(
            decide(rules, Some(read(&current, 1)), to_won, &Since::Nothing),
            Decision::MissingRequired(vec!["budget".into()])
        );
        let Decision::Write(w) =
            decide(rules, Some(read(&current, 1)), Change::MoveStage { stage_id: 2 }, &Since::Nothing)
        else {
            panic!("moved")
        };
        assert_eq!(w.stage.map(|(f, t)| (f.map(|s| s.id), t.id)), Some((Some(1), 2)));
        assert_eq!(
            w.changes,
            vec![(STAGE_FIELD.into(), Some(Value::Text("New".into())), Some(Value::Text("Talks".into())))]
        );
        let moved_since = Since::Changed([STAGE_FIELD.to_string()].into());
        let d = decide(rules, Some(read(&current, 1)), Change::MoveStage { stage_id: 2 }, &moved_since);
        assert_eq!(d, Decision::StageConflict { stage_id: Some(1) });
        let edited_since = Since::Changed(["title".to_string()].into());
        assert!(matches!(
            decide(rules, Some(read(&current, 1)), Change::MoveStage { stage_id: 2 }, &edited_since),
            Decision::Write(Write { merged: true, .. })
        ));
    }

    #[test]
    fn moving_to_the_stage_it_is_in_or_to_a_foreign_stage_writes_nothing() {
        let (fields, pipelines) = fixture();
        let rules = Rules { entity: EntityType::DEAL, fields: &fields, pipelines: &pipelines };
        let current = vals(&[("title", "T")]);
        let d = decide(rules, Some(read(&current, 2)), Change::MoveStage { stage_id: 2 }, &Since::Nothing);
        assert!(matches!(d, Decision::Nothing { .. }));
        let d = decide(rules, Some(read(&current, 2)), Change::MoveStage { stage_id: 99 }, &Since::Nothing);
        assert_eq!(d, Decision::UnknownStage);
        let no_pipeline = Read { pipeline_id: None, ..read(&current, 2) };
        let d = decide(rules, Some(no_pipeline), Change::MoveStage { stage_id: 2 }, &Since::Nothing);
        assert_eq!(d, Decision::UnknownStage);
    }

    #[test]
    fn a_pipeline_change_lands_in_a_stage_of_another_pipeline_and_asks_its_required_fields() {
        let (mut fields, mut pipelines) = fixture();
        let mut support = pipelines[0].clone();
        support.id = 20;
        support.name = "Support".into();
        support.is_default = false;
        support.stages =
            vec![stage(21, "Open", StageSemantics::InProgress), stage(22, "Solved", StageSemantics::Success)];
        pipelines.push(support);
        fields[1].settings.required = RequiredRule { always: false, stages: vec![21] };
        let rules = Rules { entity: EntityType::DEAL, fields: &fields, pipelines: &pipelines };
        let current = vals(&[("title", "T")]);
        let across =
            |stage_id| decide(rules, Some(read(&current, 2)), Change::ChangePipeline { stage_id }, &Since::Nothing);
        assert_eq!(across(21), Decision::MissingRequired(vec!["budget".into()]));
        assert_eq!(across(1), Decision::UnknownStage, "a stage of its own pipeline is a stage move");
        let moved = decide(rules, Some(read(&current, 2)), Change::MoveStage { stage_id: 22 }, &Since::Nothing);
        assert_eq!(moved, Decision::UnknownStage, "the stage bar never changes pipeline");
        let with_budget = vals(&[("title", "T"), ("budget", "100")]);
        let Decision::Write(w) =
            decide(rules, Some(read(&with_budget, 2)), Change::ChangePipeline { stage_id: 21 }, &Since::Nothing)
        else {
            panic!("changed")
        };
        assert_eq!(w.stage.map(|(f, t)| (f.map(|s| s.id), t.id)), Some((Some(2), 21)));
        let want = Some(Box::new(PipelineChange { from: "Sales".into(), to: "Support".into() }));
        assert!(matches!(&w.event, EventPayload::StageChanged { pipeline, .. } if *pipeline == want));
    }

    #[test]
    fn a_read_item_may_go_to_the_recycle_bin_and_a_missing_one_decides_nothing() {
        let (fields, pipelines) = fixture();
        let rules = Rules { entity: EntityType::DEAL, fields: &fields, pipelines: &pipelines };
        let current = vals(&[("title", "T")]);
        assert_eq!(decide(rules, Some(read(&current, 1)), Change::Delete, &Since::Nothing), Decision::Delete);
        assert_eq!(decide(rules, None, Change::Delete, &Since::Nothing), Decision::NotFound);
    }

    #[test]
    fn a_title_comes_from_the_title_fields_or_names_the_type() {
        let contact_fields =
            vec![field("first_name", RequiredRule::default()), field("last_name", RequiredRule::default())];
        let v = vals(&[("first_name", "Ana"), ("last_name", "Lima")]);
        assert_eq!(title_of(EntityType::CONTACT, &contact_fields, &v), "Ana Lima");
        assert_eq!(title_of(EntityType::CONTACT, &contact_fields, &Values::new()), "#contact");
        let delivery: EntityType = "delivery".parse().unwrap();
        assert_eq!(
            title_of(delivery, &[field("title", RequiredRule::default())], &vals(&[("title", "Truck")])),
            "Truck"
        );
    }
}
