//! What an administrator may do to a type's pipelines and stages (docs/PIPELINES.md): every edit
//! is one pure decision over the pipelines as a transaction reads them, which says what they
//! become, which items move where and what goes; the store writes exactly that.
//!
//! The rules:
//! - A pipeline's stages run in progress first, then the one success stage, then one or more
//!   failure stages. Items start in the first stage.
//! - The first stage, the success stage and the last failure stage can be renamed and recoloured
//!   but not deleted; the first stays in progress and the success stage keeps its semantics.
//! - A stage that holds items is deleted only with a target stage of the same pipeline for them;
//!   a pipeline that holds items only with a target stage of another pipeline of the type.
//! - Only types with several pipelines get more than one; the default pipeline cannot be deleted.

use super::color::parse_hex;
use super::registry::TypeDef;
use super::stage::{Pipeline, Stage, StageSemantics};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Longest pipeline or stage name.
pub const MAX_NAME: usize = 60;
/// Most pipelines of one type.
pub const MAX_PIPELINES: usize = 30;
/// Most stages of one pipeline.
pub const MAX_STAGES: usize = 40;

/// The colours the stage editor offers (any other `#rrggbb` can be typed).
pub const PALETTE: [&str; 12] = [
    "#39a8ef", "#2fc6f6", "#55d0e0", "#47e4c2", "#7bd500", "#bbed21", "#ffa900", "#ff8a00", "#ff5752", "#f7a8b8",
    "#b27dfa", "#a8adb4",
];

/// One change an administrator makes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum PipelineEdit {
    /// A new pipeline, last, with the type's starting stages.
    CreatePipeline {
        name: String,
    },
    RenamePipeline {
        pipeline: i64,
        name: String,
    },
    /// Puts a pipeline at `to` (0 = first) among the type's pipelines.
    MovePipeline {
        pipeline: i64,
        to: usize,
    },
    MakeDefault {
        pipeline: i64,
    },
    /// `move_to`: the stage of another pipeline its items go to (needed when it holds any).
    DeletePipeline {
        pipeline: i64,
        move_to: Option<i64>,
    },
    /// A new stage at the end of the in-progress stages, or of the failure stages.
    AddStage {
        pipeline: i64,
        name: String,
        color: String,
        semantics: StageSemantics,
    },
    ChangeStage {
        stage: i64,
        name: String,
        color: String,
    },
    /// Puts a stage at `to` (an index in its pipeline's stage list), within its own group.
    MoveStage {
        stage: i64,
        to: usize,
    },
    /// Turns a stage in progress into a failure stage (it goes to the end of those) or back.
    SetSemantics {
        stage: i64,
        semantics: StageSemantics,
    },
    /// `move_to`: the stage of the same pipeline its items go to (needed when it holds any).
    DeleteStage {
        stage: i64,
        move_to: Option<i64>,
    },
}

/// Why an edit is refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("name is empty")]
    NameEmpty,
    #[error("name is too long")]
    NameTooLong,
    #[error("name taken")]
    NameTaken,
    #[error("bad colour")]
    BadColor,
    #[error("not found")]
    NotFound,
    #[error("one pipeline only")]
    OnePipelineOnly,
    #[error("too many pipelines")]
    TooManyPipelines,
    #[error("too many stages")]
    TooManyStages,
    #[error("the default pipeline stays")]
    DefaultPipeline,
    #[error("the first stage stays")]
    FirstStage,
    #[error("the success stage stays")]
    SuccessStage,
    #[error("the last failure stage stays")]
    LastFailureStage,
    #[error("the last stage in progress stays")]
    LastInProgress,
    /// Items sit there: a target is needed.
    #[error("items need a target")]
    NeedsTarget(i64),
    #[error("bad target")]
    BadTarget,
    /// A stage dropped outside its group (in progress before success before failure).
    #[error("bad place")]
    BadPlace,
}

impl EditError {
    /// Which part of the form the message belongs beside.
    pub fn part(&self) -> &'static str {
        match self {
            EditError::NameEmpty | EditError::NameTooLong | EditError::NameTaken => "name",
            EditError::BadColor => "color",
            EditError::NeedsTarget(_) | EditError::BadTarget => "move_to",
            _ => "edit",
        }
    }

    pub fn message(&self) -> String {
        use crate::text;
        match self {
            EditError::NameEmpty => text::err_name_empty().into(),
            EditError::NameTooLong => text::err_too_long(MAX_NAME),
            EditError::NameTaken => text::err_stage_name_taken().into(),
            EditError::BadColor => text::err_stage_color().into(),
            EditError::NotFound => text::err_not_found().into(),
            EditError::OnePipelineOnly => text::err_one_pipeline_only().into(),
            EditError::TooManyPipelines => text::err_too_many_entries(MAX_PIPELINES),
            EditError::TooManyStages => text::err_too_many_entries(MAX_STAGES),
            EditError::DefaultPipeline => text::err_default_pipeline().into(),
            EditError::FirstStage => text::err_first_stage().into(),
            EditError::SuccessStage => text::err_success_stage().into(),
            EditError::LastFailureStage => text::err_last_failure_stage().into(),
            EditError::LastInProgress => text::err_last_in_progress().into(),
            EditError::NeedsTarget(n) => text::err_stage_needs_target(*n),
            EditError::BadTarget => text::err_stage_bad_target().into(),
            EditError::BadPlace => text::err_stage_bad_place().into(),
        }
    }
}

/// Items of one stage going to another (of the same pipeline, or of another one when their
/// pipeline is deleted).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ItemMove {
    pub from: i64,
    pub to: i64,
}

/// What an edit writes. New pipelines and stages have id 0 and a code of their own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// The type's pipelines after the edit, in order, each with its stages in order.
    pub pipelines: Vec<Pipeline>,
    pub moves: Vec<ItemMove>,
    pub deleted_stages: Vec<i64>,
    pub deleted_pipeline: Option<i64>,
}

/// Decides `edit` on `def`'s `pipelines` (as stored, default first is not assumed), given how
/// many items each stage `held` (stage id → count, recycled items too: they keep their stage)
/// and the stages a new pipeline starts with (`starting`, in the admin's language).
pub fn decide(
    def: &TypeDef,
    pipelines: &[Pipeline],
    held: &BTreeMap<i64, i64>,
    starting: &[Stage],
    edit: &PipelineEdit,
) -> Result<Plan, EditError> {
    if !def.has_stages() {
        return Err(EditError::NotFound);
    }
    let mut plan =
        Plan { pipelines: pipelines.to_vec(), moves: vec![], deleted_stages: vec![], deleted_pipeline: None };
    let items_in = |stage: i64| held.get(&stage).copied().unwrap_or(0);
    match edit {
        PipelineEdit::CreatePipeline { name } => {
            if !def.options.several_pipelines {
                return Err(EditError::OnePipelineOnly);
            }
            if pipelines.len() >= MAX_PIPELINES {
                return Err(EditError::TooManyPipelines);
            }
            let name = pipeline_name(name, pipelines, None)?;
            let code = fresh_code("p", pipelines.iter().map(|p| p.code.as_str()));
            let stages = starting.iter().map(|s| Stage { id: 0, ..s.clone() }).collect();
            plan.pipelines.push(Pipeline {
                id: 0,
                entity: def.entity,
                code,
                name,
                is_default: pipelines.is_empty(),
                stages,
            });
        }
        PipelineEdit::RenamePipeline { pipeline, name } => {
            let name = pipeline_name(name, pipelines, Some(*pipeline))?;
            pipeline_mut(&mut plan, *pipeline)?.name = name;
        }
        PipelineEdit::MovePipeline { pipeline, to } => {
            let from = plan.pipelines.iter().position(|p| p.id == *pipeline).ok_or(EditError::NotFound)?;
            let p = plan.pipelines.remove(from);
            let to = (*to).min(plan.pipelines.len());
            plan.pipelines.insert(to, p);
        }
        PipelineEdit::MakeDefault { pipeline } => {
            pipeline_mut(&mut plan, *pipeline)?;
            for p in &mut plan.pipelines {
                p.is_default = p.id == *pipeline;
            }
        }
        PipelineEdit::DeletePipeline { pipeline, move_to } => {
            let doomed = pipelines.iter().find(|p| p.id == *pipeline).ok_or(EditError::NotFound)?;
            if doomed.is_default {
                return Err(EditError::DefaultPipeline);
            }
            let count: i64 = doomed.stages.iter().map(|s| items_in(s.id)).sum();
            if count > 0 {
                let target = move_to.ok_or(EditError::NeedsTarget(count))?;
                let lands = pipelines.iter().filter(|p| p.id != *pipeline).any(|p| p.stage(target).is_some());
                if !lands {
                    return Err(EditError::BadTarget);
                }
                plan.moves = doomed
                    .stages
                    .iter()
                    .filter(|s| items_in(s.id) > 0)
                    .map(|s| ItemMove { from: s.id, to: target })
                    .collect();
            }
            plan.deleted_stages = doomed.stages.iter().map(|s| s.id).collect();
            plan.deleted_pipeline = Some(*pipeline);
            plan.pipelines.retain(|p| p.id != *pipeline);
        }
        PipelineEdit::AddStage { pipeline, name, color, semantics } => {
            let p = pipeline_mut(&mut plan, *pipeline)?;
            if p.stages.len() >= MAX_STAGES {
                return Err(EditError::TooManyStages);
            }
            let name = stage_name(name, p, None)?;
            let color = stage_color(color)?;
            let code = fresh_code("s", p.stages.iter().map(|s| s.code.as_str()));
            // There is one success stage.
            if *semantics == StageSemantics::Success {
                return Err(EditError::SuccessStage);
            }
            p.stages
                .insert(group_end(&p.stages, *semantics), Stage { id: 0, code, name, color, semantics: *semantics });
        }
        PipelineEdit::ChangeStage { stage, name, color } => {
            let (pi, si) = stage_at(&plan.pipelines, *stage)?;
            let name = stage_name(name, &plan.pipelines[pi], Some(*stage))?;
            let color = stage_color(color)?;
            let s = &mut plan.pipelines[pi].stages[si];
            s.name = name;
            s.color = color;
        }
        PipelineEdit::MoveStage { stage, to } => {
            let (pi, si) = stage_at(&plan.pipelines, *stage)?;
            let stages = &mut plan.pipelines[pi].stages;
            let s = stages.remove(si);
            if s.semantics == StageSemantics::Success {
                return Err(EditError::SuccessStage);
            }
            stages.insert((*to).min(stages.len()), s);
            if !in_order(stages) {
                return Err(EditError::BadPlace);
            }
        }
        PipelineEdit::SetSemantics { stage, semantics } => {
            let (pi, si) = stage_at(&plan.pipelines, *stage)?;
            let stages = &mut plan.pipelines[pi].stages;
            let now = stages[si].semantics;
            if now == *semantics {
                return Ok(plan);
            }
            if now == StageSemantics::Success || *semantics == StageSemantics::Success {
                return Err(EditError::SuccessStage);
            }
            // Where new items start stays a stage in progress (it could then be deleted).
            if si == 0 {
                return Err(EditError::FirstStage);
            }
            let mut s = stages.remove(si);
            s.semantics = *semantics;
            stages.insert(group_end(stages, *semantics), s);
            check_groups(stages)?;
        }
        PipelineEdit::DeleteStage { stage, move_to } => {
            let (pi, si) = stage_at(&plan.pipelines, *stage)?;
            let p = &plan.pipelines[pi];
            let s = &p.stages[si];
            if si == 0 {
                return Err(EditError::FirstStage);
            }
            if s.semantics == StageSemantics::Success {
                return Err(EditError::SuccessStage);
            }
            let failures = p.stages.iter().filter(|x| x.semantics == StageSemantics::Failure).count();
            if s.semantics == StageSemantics::Failure && failures == 1 {
                return Err(EditError::LastFailureStage);
            }
            let count = items_in(*stage);
            if count > 0 {
                let target = move_to.ok_or(EditError::NeedsTarget(count))?;
                if target == *stage || p.stage(target).is_none() {
                    return Err(EditError::BadTarget);
                }
                plan.moves.push(ItemMove { from: *stage, to: target });
            }
            plan.pipelines[pi].stages.remove(si);
            plan.deleted_stages.push(*stage);
        }
    }
    Ok(plan)
}

fn pipeline_mut(plan: &mut Plan, id: i64) -> Result<&mut Pipeline, EditError> {
    plan.pipelines.iter_mut().find(|p| p.id == id).ok_or(EditError::NotFound)
}

/// `(pipeline index, stage index)` of a stage.
fn stage_at(pipelines: &[Pipeline], stage: i64) -> Result<(usize, usize), EditError> {
    pipelines.iter().enumerate().find_map(|(pi, p)| p.position(stage).map(|si| (pi, si))).ok_or(EditError::NotFound)
}

fn clean_name(name: &str) -> Result<String, EditError> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(EditError::NameEmpty);
    }
    if name.chars().count() > MAX_NAME {
        return Err(EditError::NameTooLong);
    }
    Ok(name)
}

fn same_name(a: &str, b: &str) -> bool {
    a.to_lowercase() == b.to_lowercase()
}

fn pipeline_name(name: &str, pipelines: &[Pipeline], own: Option<i64>) -> Result<String, EditError> {
    let name = clean_name(name)?;
    if pipelines.iter().any(|p| Some(p.id) != own && same_name(&p.name, &name)) {
        return Err(EditError::NameTaken);
    }
    Ok(name)
}

fn stage_name(name: &str, pipeline: &Pipeline, own: Option<i64>) -> Result<String, EditError> {
    let name = clean_name(name)?;
    if pipeline.stages.iter().any(|s| Some(s.id) != own && same_name(&s.name, &name)) {
        return Err(EditError::NameTaken);
    }
    Ok(name)
}

/// A colour as stored: `#rrggbb` in lower case.
fn stage_color(color: &str) -> Result<String, EditError> {
    let [r, g, b] = parse_hex(color).ok_or(EditError::BadColor)?;
    Ok(format!("#{r:02x}{g:02x}{b:02x}"))
}

/// A code none of `taken` has: `{prefix}{n}` with the smallest free n from 1.
fn fresh_code<'a>(prefix: &str, taken: impl Iterator<Item = &'a str> + Clone) -> String {
    (1..).map(|n| format!("{prefix}{n}")).find(|c| !taken.clone().any(|t| t == c)).unwrap_or_default()
}

/// Where a stage of `semantics` joins the end of its group: after the last stage in progress,
/// or last of all (failure stages).
fn group_end(stages: &[Stage], semantics: StageSemantics) -> usize {
    match semantics {
        StageSemantics::InProgress => stages.iter().position(Stage::is_final).unwrap_or(stages.len()),
        _ => stages.len(),
    }
}

/// In progress first, then one success stage, then failure stages; at least one of each.
fn in_order(stages: &[Stage]) -> bool {
    let rank = |s: &Stage| match s.semantics {
        StageSemantics::InProgress => 0,
        StageSemantics::Success => 1,
        StageSemantics::Failure => 2,
    };
    stages.windows(2).all(|w| rank(&w[0]) <= rank(&w[1]))
}

fn check_groups(stages: &[Stage]) -> Result<(), EditError> {
    let count = |sem| stages.iter().filter(|s| s.semantics == sem).count();
    if count(StageSemantics::InProgress) == 0 {
        return Err(EditError::LastInProgress);
    }
    if count(StageSemantics::Failure) == 0 {
        return Err(EditError::LastFailureStage);
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed step should stop the test right there
mod tests {
    use super::*;
    use crate::domain::registry::{TypeDef, TypeOptions};
    use crate::domain::EntityType;

    fn st(id: i64, code: &str, semantics: StageSemantics) -> Stage {
        Stage { id, code: code.into(), name: code.into(), color: "#39a8ef".into(), semantics }
    }

    fn deals() -> TypeDef {
        TypeDef {
            id: 2,
            entity: EntityType::DEAL,
            name: "Deal".into(),
            plural: "Deals".into(),
            system: true,
            options: TypeOptions { stages: true, several_pipelines: true, ..TypeOptions::default() },
        }
    }

    fn pipelines() -> Vec<Pipeline> {
        use StageSemantics::*;
        let p = |id, code: &str, is_default, stages| Pipeline {
            id,
            entity: EntityType::DEAL,
            code: code.into(),
            name: code.into(),
            is_default,
            stages,
        };
        vec![
            p(
                1,
                "sales",
                true,
                vec![
                    st(10, "new", InProgress),
                    st(11, "talks", InProgress),
                    st(12, "won", Success),
                    st(13, "lost", Failure),
                ],
            ),
            p(
                2,
                "support",
                false,
                vec![
                    st(20, "new", InProgress),
                    st(21, "done", Success),
                    st(22, "rejected", Failure),
                    st(23, "spam", Failure),
                ],
            ),
        ]
    }

    fn run(edit: PipelineEdit) -> Result<Plan, EditError> {
        run_held(edit, &[])
    }

    fn run_held(edit: PipelineEdit, held: &[(i64, i64)]) -> Result<Plan, EditError> {
        let starting = [
            st(0, "new", StageSemantics::InProgress),
            st(0, "won", StageSemantics::Success),
            st(0, "lost", StageSemantics::Failure),
        ];
        decide(&deals(), &pipelines(), &held.iter().copied().collect(), &starting, &edit)
    }

    fn codes(p: &Pipeline) -> Vec<&str> {
        p.stages.iter().map(|s| s.code.as_str()).collect()
    }

    #[test]
    fn a_new_pipeline_comes_last_with_the_starting_stages_and_a_code_of_its_own() {
        let plan = run(PipelineEdit::CreatePipeline { name: "  Partners  ".into() }).unwrap();
        let new = &plan.pipelines[2];
        assert_eq!((new.id, new.code.as_str(), new.name.as_str(), new.is_default), (0, "p1", "Partners", false));
        assert_eq!(codes(new), ["new", "won", "lost"]);
        assert_eq!(run(PipelineEdit::CreatePipeline { name: "SALES".into() }), Err(EditError::NameTaken));
        assert_eq!(run(PipelineEdit::CreatePipeline { name: " ".into() }), Err(EditError::NameEmpty));
        assert_eq!(run(PipelineEdit::CreatePipeline { name: "x".repeat(61) }), Err(EditError::NameTooLong));
        let mut one = deals();
        one.options.several_pipelines = false;
        let refused =
            decide(&one, &pipelines(), &BTreeMap::new(), &[], &PipelineEdit::CreatePipeline { name: "X".into() });
        assert_eq!(refused, Err(EditError::OnePipelineOnly));
    }

    #[test]
    fn pipelines_reorder_and_one_is_the_default() {
        let plan = run(PipelineEdit::MovePipeline { pipeline: 2, to: 0 }).unwrap();
        assert_eq!(plan.pipelines.iter().map(|p| p.id).collect::<Vec<_>>(), [2, 1]);
        let plan = run(PipelineEdit::MakeDefault { pipeline: 2 }).unwrap();
        assert_eq!(plan.pipelines.iter().map(|p| p.is_default).collect::<Vec<_>>(), [false, true]);
        assert_eq!(run(PipelineEdit::MakeDefault { pipeline: 9 }), Err(EditError::NotFound));
    }

    #[test]
    fn the_default_pipeline_stays_and_a_full_one_needs_a_stage_of_another_pipeline() {
        assert_eq!(run(PipelineEdit::DeletePipeline { pipeline: 1, move_to: None }), Err(EditError::DefaultPipeline));
        let empty = run(PipelineEdit::DeletePipeline { pipeline: 2, move_to: None }).unwrap();
        assert_eq!((empty.deleted_pipeline, empty.deleted_stages.len(), empty.moves.len()), (Some(2), 4, 0));
        let held = [(20, 3), (22, 1)];
        assert_eq!(
            run_held(PipelineEdit::DeletePipeline { pipeline: 2, move_to: None }, &held),
            Err(EditError::NeedsTarget(4))
        );
        assert_eq!(
            run_held(PipelineEdit::DeletePipeline { pipeline: 2, move_to: Some(21) }, &held),
            Err(EditError::BadTarget)
        );
        let plan = run_held(PipelineEdit::DeletePipeline { pipeline: 2, move_to: Some(11) }, &held).unwrap();
        assert_eq!(plan.moves, [ItemMove { from: 20, to: 11 }, ItemMove { from: 22, to: 11 }]);
        assert_eq!(plan.pipelines.len(), 1);
    }

    #[test]
    fn a_new_stage_goes_last_of_its_group() {
        let add =
            |semantics| PipelineEdit::AddStage { pipeline: 1, name: "Offer".into(), color: "#ABC".into(), semantics };
        let plan = run(add(StageSemantics::InProgress)).unwrap();
        assert_eq!(codes(&plan.pipelines[0]), ["new", "talks", "s1", "won", "lost"]);
        assert_eq!(plan.pipelines[0].stages[2].color, "#aabbcc");
        let plan = run(add(StageSemantics::Failure)).unwrap();
        assert_eq!(codes(&plan.pipelines[0]), ["new", "talks", "won", "lost", "s1"]);
        assert_eq!(run(add(StageSemantics::Success)), Err(EditError::SuccessStage));
        let bad = PipelineEdit::AddStage {
            pipeline: 1,
            name: "X".into(),
            color: "red".into(),
            semantics: StageSemantics::InProgress,
        };
        assert_eq!(run(bad), Err(EditError::BadColor));
        let taken = PipelineEdit::AddStage {
            pipeline: 1,
            name: "Won".into(),
            color: "#fff".into(),
            semantics: StageSemantics::InProgress,
        };
        assert_eq!(run(taken), Err(EditError::NameTaken));
    }

    #[test]
    fn stages_move_within_their_group_only() {
        let plan = run(PipelineEdit::MoveStage { stage: 11, to: 0 }).unwrap();
        assert_eq!(codes(&plan.pipelines[0]), ["talks", "new", "won", "lost"]);
        assert_eq!(run(PipelineEdit::MoveStage { stage: 11, to: 3 }), Err(EditError::BadPlace));
        assert_eq!(run(PipelineEdit::MoveStage { stage: 12, to: 0 }), Err(EditError::SuccessStage));
        let plan = decide(&deals(), &pipelines(), &BTreeMap::new(), &[], &PipelineEdit::MoveStage { stage: 23, to: 2 })
            .unwrap();
        assert_eq!(codes(&plan.pipelines[1]), ["new", "done", "spam", "rejected"]);
    }

    #[test]
    fn semantics_change_between_in_progress_and_failure_and_keep_one_of_each() {
        let plan = run(PipelineEdit::SetSemantics { stage: 11, semantics: StageSemantics::Failure }).unwrap();
        assert_eq!(codes(&plan.pipelines[0]), ["new", "won", "lost", "talks"]);
        let plan = run(PipelineEdit::SetSemantics { stage: 23, semantics: StageSemantics::InProgress }).unwrap();
        assert_eq!(codes(&plan.pipelines[1]), ["new", "spam", "done", "rejected"]);
        assert_eq!(
            run(PipelineEdit::SetSemantics { stage: 13, semantics: StageSemantics::InProgress }),
            Err(EditError::LastFailureStage)
        );
        assert_eq!(
            run(PipelineEdit::SetSemantics { stage: 20, semantics: StageSemantics::Failure }),
            Err(EditError::FirstStage)
        );
        assert_eq!(
            run(PipelineEdit::SetSemantics { stage: 10, semantics: StageSemantics::Failure }),
            Err(EditError::FirstStage),
            "not even with another stage in progress"
        );
        assert_eq!(
            run(PipelineEdit::SetSemantics { stage: 12, semantics: StageSemantics::Failure }),
            Err(EditError::SuccessStage)
        );
    }

    #[test]
    fn the_first_the_success_and_the_last_failure_stage_stay() {
        assert_eq!(run(PipelineEdit::DeleteStage { stage: 10, move_to: None }), Err(EditError::FirstStage));
        assert_eq!(run(PipelineEdit::DeleteStage { stage: 12, move_to: None }), Err(EditError::SuccessStage));
        assert_eq!(run(PipelineEdit::DeleteStage { stage: 13, move_to: None }), Err(EditError::LastFailureStage));
        assert!(run(PipelineEdit::DeleteStage { stage: 23, move_to: None }).is_ok(), "one of two failure stages");
        let renamed =
            run(PipelineEdit::ChangeStage { stage: 12, name: "Closed".into(), color: "#7bd500".into() }).unwrap();
        assert_eq!(renamed.pipelines[0].stages[2].name, "Closed");
    }

    #[test]
    fn a_stage_with_items_goes_only_with_a_target_of_its_pipeline() {
        let del = |move_to| PipelineEdit::DeleteStage { stage: 11, move_to };
        assert_eq!(run_held(del(None), &[(11, 5)]), Err(EditError::NeedsTarget(5)));
        assert_eq!(run_held(del(Some(20)), &[(11, 5)]), Err(EditError::BadTarget), "another pipeline's stage");
        assert_eq!(run_held(del(Some(11)), &[(11, 5)]), Err(EditError::BadTarget), "itself");
        let plan = run_held(del(Some(12)), &[(11, 5)]).unwrap();
        assert_eq!((plan.moves, plan.deleted_stages), (vec![ItemMove { from: 11, to: 12 }], vec![11]));
        assert_eq!(codes(&plan.pipelines[0]), ["new", "won", "lost"]);
    }
}
