//! Timeline events: what is stored for each, and what a viewer is shown.

use super::value::Value;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Created,
    FieldChanged,
    StageChanged,
    Comment,
}

impl EventKind {
    pub fn code(self) -> &'static str {
        match self {
            EventKind::Created => "created",
            EventKind::FieldChanged => "field_changed",
            EventKind::StageChanged => "stage_changed",
            EventKind::Comment => "comment",
        }
    }
}

/// Longest comment accepted.
pub const MAX_COMMENT: usize = 10_000;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageRef {
    pub id: i64,
    pub name: String,
    pub color: String,
}

/// The pipelines of a stage change that crossed pipelines (by their names then; boxed in events,
/// which rarely have one).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PipelineChange {
    pub from: String,
    pub to: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredChange {
    pub code: String,
    pub old: Option<Value>,
    pub new: Option<Value>,
}

/// The JSON stored with an event. Field changes keep codes and typed values, so that labels,
/// option names and visibility are applied when the event is read.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EventPayload {
    Created {
        title: String,
    },
    FieldChanged {
        changes: Vec<StoredChange>,
    },
    StageChanged {
        from: Option<StageRef>,
        to: StageRef,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pipeline: Option<Box<PipelineChange>>,
    },
    Comment {
        text: String,
    },
}

impl EventPayload {
    pub fn kind(&self) -> EventKind {
        match self {
            EventPayload::Created { .. } => EventKind::Created,
            EventPayload::FieldChanged { .. } => EventKind::FieldChanged,
            EventPayload::StageChanged { .. } => EventKind::StageChanged,
            EventPayload::Comment { .. } => EventKind::Comment,
        }
    }
}

/// One field change as a viewer reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeView {
    pub label: String,
    pub old: String,
    pub new: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EventBody {
    Created {
        title: String,
    },
    FieldChanged {
        changes: Vec<ChangeView>,
    },
    StageChanged {
        from: Option<StageRef>,
        to: StageRef,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pipeline: Option<Box<PipelineChange>>,
    },
    Comment {
        text: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEvent {
    pub id: i64,
    /// Unix milliseconds, UTC.
    pub at: i64,
    pub author: Option<String>,
    pub body: EventBody,
}

/// Where the next page of a timeline starts: strictly older than this (at, id).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    pub at: i64,
    pub id: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelinePage {
    pub events: Vec<TimelineEvent>,
    pub next: Option<Cursor>,
}

/// Events per timeline page.
pub const PAGE_SIZE: usize = 20;

/// An instant as the reader reads it: in their time zone and language (`12/07/2026, 3:05 PM`,
/// `07.12.2026, 15:05`); the same on the server and in the browser, which has the zone's offsets
/// from the page (`i18n::tz`).
pub fn format_time(ms: i64) -> String {
    let locale = crate::i18n::current();
    crate::i18n::format::datetime(&locale.offsets.local(ms), locale.lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads_store_their_kind_as_a_tag() {
        let p = EventPayload::Comment { text: "hi".into() };
        let json = serde_json::to_string(&p).unwrap_or_default();
        assert_eq!(json, r#"{"kind":"comment","text":"hi"}"#);
        assert_eq!(p.kind().code(), "comment");
    }

    #[test]
    fn times_are_shown_in_utc_minutes() {
        assert_eq!(format_time(0), "01/01/1970, 12:00\u{a0}AM");
        assert_eq!(format_time(1_763_900_000_000), "11/23/2025, 12:13\u{a0}PM");
    }
}
