//! Pipelines and their stages.

use super::EntityType;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StageSemantics {
    InProgress,
    Success,
    Failure,
}

impl StageSemantics {
    pub fn code(self) -> &'static str {
        match self {
            StageSemantics::InProgress => "in_progress",
            StageSemantics::Success => "success",
            StageSemantics::Failure => "failure",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [StageSemantics::InProgress, StageSemantics::Success, StageSemantics::Failure]
            .into_iter()
            .find(|s| s.code() == code)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stage {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub color: String,
    pub semantics: StageSemantics,
}

impl Stage {
    /// A final stage (won / lost, paid / cancelled) closes the item; moving there is confirmed.
    pub fn is_final(&self) -> bool {
        self.semantics != StageSemantics::InProgress
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pipeline {
    pub id: i64,
    pub entity: EntityType,
    pub code: String,
    pub name: String,
    pub is_default: bool,
    /// In order along the stage bar.
    pub stages: Vec<Stage>,
}

impl Pipeline {
    pub fn stage(&self, id: i64) -> Option<&Stage> {
        self.stages.iter().find(|s| s.id == id)
    }

    pub fn position(&self, id: i64) -> Option<usize> {
        self.stages.iter().position(|s| s.id == id)
    }

    /// Where a new item starts: the first stage.
    pub fn first_stage(&self) -> Option<&Stage> {
        self.stages.first()
    }
}

/// How a stage-bar segment looks for an item at `current`: passed stages are filled
/// with the current stage's colour, as a progress bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StageMark {
    Passed,
    Current,
    Ahead,
}

pub fn stage_mark(pipeline: &Pipeline, current: Option<i64>, stage_id: i64) -> StageMark {
    let cur = current.and_then(|c| pipeline.position(c));
    let this = pipeline.position(stage_id);
    match (cur, this) {
        (Some(c), Some(t)) if c == t => StageMark::Current,
        // A failure stage does not mark the success stage before it as passed.
        (Some(c), Some(t)) if t < c && !pipeline.stages[t].is_final() => StageMark::Passed,
        _ => StageMark::Ahead,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pipeline() -> Pipeline {
        let st = |id, code: &str, semantics| Stage {
            id,
            code: code.into(),
            name: code.into(),
            color: "#39f".into(),
            semantics,
        };
        Pipeline {
            id: 1,
            entity: EntityType::DEAL,
            code: "sales".into(),
            name: "Sales".into(),
            is_default: true,
            stages: vec![
                st(10, "new", StageSemantics::InProgress),
                st(11, "invoice", StageSemantics::InProgress),
                st(12, "won", StageSemantics::Success),
                st(13, "lost", StageSemantics::Failure),
            ],
        }
    }

    #[test]
    fn stages_before_the_current_one_are_passed() {
        let p = pipeline();
        assert_eq!(stage_mark(&p, Some(11), 10), StageMark::Passed);
        assert_eq!(stage_mark(&p, Some(11), 11), StageMark::Current);
        assert_eq!(stage_mark(&p, Some(11), 12), StageMark::Ahead);
    }

    #[test]
    fn a_lost_item_has_not_passed_the_won_stage() {
        let p = pipeline();
        assert_eq!(stage_mark(&p, Some(13), 11), StageMark::Passed);
        assert_eq!(stage_mark(&p, Some(13), 12), StageMark::Ahead);
    }

    #[test]
    fn won_and_lost_are_final() {
        let p = pipeline();
        assert!(!p.stages[0].is_final());
        assert!(p.stages[2].is_final() && p.stages[3].is_final());
        assert_eq!(p.first_stage().map(|s| s.id), Some(10));
    }
}
