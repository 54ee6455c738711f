//! Concurrent saves of one item: changes to different fields merge, a field changed by someone
//! else since the editor's version is a conflict unless both wrote the same value.

use super::value::{Value, Values};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// A save's changes by field code; `None` empties the field.
pub type Changes = BTreeMap<String, Option<Value>>;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldConflict {
    pub code: String,
    pub current: Option<Value>,
}

/// The fields of `changes` that someone else changed after the editor's version
/// (`changed_since`) to something other than what the editor now writes.
pub fn conflicts(changes: &Changes, changed_since: &BTreeSet<String>, current: &Values) -> Vec<FieldConflict> {
    changes
        .iter()
        .filter(|(code, _)| changed_since.contains(*code))
        .filter(|(code, new)| current.get(*code) != new.as_ref())
        .map(|(code, _)| FieldConflict { code: code.clone(), current: current.get(code).cloned() })
        .collect()
}

/// The changes that actually change something: `(code, old, new)`.
pub fn effective(changes: &Changes, current: &Values) -> Vec<(String, Option<Value>, Option<Value>)> {
    changes
        .iter()
        .filter(|(code, new)| current.get(*code) != new.as_ref())
        .map(|(code, new)| (code.clone(), current.get(code).cloned(), new.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Option<Value> {
        Some(Value::Text(s.into()))
    }

    fn current() -> Values {
        [("title".to_string(), Value::Text("Theirs".into())), ("phone".to_string(), Value::Text("1".into()))]
            .into_iter()
            .collect()
    }

    #[test]
    fn changes_to_fields_nobody_else_touched_merge() {
        let changes: Changes = [("comment".to_string(), text("mine"))].into_iter().collect();
        let since = ["title".to_string()].into_iter().collect();
        assert!(conflicts(&changes, &since, &current()).is_empty());
    }

    #[test]
    fn the_same_field_changed_by_someone_else_is_a_conflict_with_their_value() {
        let changes: Changes = [("title".to_string(), text("Mine"))].into_iter().collect();
        let since = ["title".to_string()].into_iter().collect();
        assert_eq!(
            conflicts(&changes, &since, &current()),
            vec![FieldConflict { code: "title".into(), current: text("Theirs") }]
        );
    }

    #[test]
    fn writing_the_value_someone_else_already_wrote_is_no_conflict() {
        let changes: Changes = [("title".to_string(), text("Theirs"))].into_iter().collect();
        let since = ["title".to_string()].into_iter().collect();
        assert!(conflicts(&changes, &since, &current()).is_empty());
    }

    #[test]
    fn only_real_changes_are_effective() {
        let changes: Changes =
            [("title".to_string(), text("Theirs")), ("phone".to_string(), None)].into_iter().collect();
        assert_eq!(effective(&changes, &current()), vec![("phone".into(), text("1"), None)]);
    }
}
