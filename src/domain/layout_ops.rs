//! Layout operations: what a person did to a card's layout ("move field F into section S after
//! field G"), saved as intent rather than as a whole new layout. The server applies them to the
//! layout as it is *now*, so two people editing at once keep both their changes; an operation
//! whose target is gone (its section was deleted) is reported as a conflict instead.

use super::layout::{Layout, Section, TabCode};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Longest section title.
pub const MAX_SECTION_TITLE: usize = 100;
/// Most operations in one save.
pub const MAX_OPS: usize = 200;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum LayoutOp {
    /// `id` is chosen by the client, so later operations of the same save can name it.
    CreateSection {
        id: String,
        title: String,
        after: Option<String>,
    },
    RenameSection {
        id: String,
        title: String,
    },
    /// `after: None` puts the section first.
    MoveSection {
        id: String,
        after: Option<String>,
    },
    /// Its fields become hidden; their values stay.
    DeleteSection {
        id: String,
    },
    /// Show a hidden field (or move a shown one) into `section` after `after` (`None`: first).
    ShowField {
        code: String,
        section: String,
        after: Option<String>,
    },
    HideField {
        code: String,
    },
    MoveField {
        code: String,
        section: String,
        after: Option<String>,
    },
    HideTab {
        tab: TabCode,
    },
    ShowTab {
        tab: TabCode,
    },
    MoveTab {
        tab: TabCode,
        after: Option<TabCode>,
    },
}

/// Why an operation could not apply to the current layout.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum OpConflict {
    SectionGone { id: String },
    SectionExists { id: String },
    FieldHidden { code: String },
    UnknownField { code: String },
    BadTitle,
    LastTab,
}

/// What applying one operation did, for the invariants and the history.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Effect {
    /// Fields the operation took off the card.
    pub hidden: BTreeSet<String>,
    /// Fields the operation put on the card.
    pub shown: BTreeSet<String>,
}

fn section_index(layout: &Layout, id: &str) -> Option<usize> {
    layout.sections.iter().position(|s| s.id == id)
}

/// Removes `code` from whichever section shows it; returns whether it was shown.
fn take_field(layout: &mut Layout, code: &str) -> bool {
    let mut found = false;
    for s in &mut layout.sections {
        let before = s.fields.len();
        s.fields.retain(|c| c != code);
        found |= s.fields.len() != before;
    }
    found
}

/// Puts `code` into section `target` after `after` (missing anchor: at the end).
fn put_field(layout: &mut Layout, code: &str, target: usize, after: Option<&str>) {
    let fields = &mut layout.sections[target].fields;
    let at = match after {
        None => 0,
        Some(a) => fields.iter().position(|c| c == a).map_or(fields.len(), |p| p + 1),
    };
    fields.insert(at, code.to_string());
}

fn valid_title(title: &str) -> Option<String> {
    let t: String = title.trim().chars().filter(|c| !c.is_control()).collect();
    (!t.is_empty() && t.chars().count() <= MAX_SECTION_TITLE).then_some(t)
}

/// Applies one operation to `layout`. `known` says whether a field code exists (and may be
/// shown to the editor). On a conflict the layout is unchanged.
pub fn apply(layout: &mut Layout, op: &LayoutOp, known: &dyn Fn(&str) -> bool) -> Result<Effect, OpConflict> {
    let mut effect = Effect::default();
    match op {
        LayoutOp::CreateSection { id, title, after } => {
            if section_index(layout, id).is_some() {
                return Err(OpConflict::SectionExists { id: id.clone() });
            }
            let title = valid_title(title).ok_or(OpConflict::BadTitle)?;
            if id.is_empty() || id.len() > 64 {
                return Err(OpConflict::BadTitle);
            }
            let at = match after {
                None => 0,
                Some(a) => section_index(layout, a).map_or(layout.sections.len(), |p| p + 1),
            };
            layout.sections.insert(at, Section { id: id.clone(), title, fields: vec![] });
        }
        LayoutOp::RenameSection { id, title } => {
            let i = section_index(layout, id).ok_or_else(|| OpConflict::SectionGone { id: id.clone() })?;
            layout.sections[i].title = valid_title(title).ok_or(OpConflict::BadTitle)?;
        }
        LayoutOp::MoveSection { id, after } => {
            let i = section_index(layout, id).ok_or_else(|| OpConflict::SectionGone { id: id.clone() })?;
            if after.as_deref() == Some(id.as_str()) {
                return Ok(effect);
            }
            let s = layout.sections.remove(i);
            let at = match after {
                None => 0,
                Some(a) => section_index(layout, a).map_or(layout.sections.len(), |p| p + 1),
            };
            layout.sections.insert(at, s);
        }
        LayoutOp::DeleteSection { id } => {
            // Deleted meanwhile by someone else: the intent is already met.
            if let Some(i) = section_index(layout, id) {
                let s = layout.sections.remove(i);
                effect.hidden = s.fields.into_iter().collect();
            }
        }
        LayoutOp::ShowField { code, section, after } => {
            if !known(code) {
                return Err(OpConflict::UnknownField { code: code.clone() });
            }
            let target =
                section_index(layout, section).ok_or_else(|| OpConflict::SectionGone { id: section.clone() })?;
            // Anchored on itself: nothing to do if it is on the card; a hidden one goes last.
            if after.as_deref() == Some(code.as_str()) && layout.field_codes().any(|c| c == code) {
                return Ok(effect);
            }
            if !take_field(layout, code) {
                effect.shown.insert(code.clone());
            }
            put_field(layout, code, target, after.as_deref());
        }
        LayoutOp::HideField { code } => {
            if take_field(layout, code) {
                effect.hidden.insert(code.clone());
            }
        }
        LayoutOp::MoveField { code, section, after } => {
            let target =
                section_index(layout, section).ok_or_else(|| OpConflict::SectionGone { id: section.clone() })?;
            if !layout.field_codes().any(|c| c == code) {
                return Err(OpConflict::FieldHidden { code: code.clone() });
            }
            if after.as_deref() == Some(code.as_str()) {
                return Ok(effect);
            }
            take_field(layout, code);
            put_field(layout, code, target, after.as_deref());
        }
        LayoutOp::HideTab { tab } => {
            let visible = layout.tabs.iter().filter(|t| !t.hidden && t.code != *tab).count();
            if visible == 0 {
                return Err(OpConflict::LastTab);
            }
            layout.tabs.iter_mut().filter(|t| t.code == *tab).for_each(|t| t.hidden = true);
        }
        LayoutOp::ShowTab { tab } => {
            match layout.tabs.iter_mut().find(|t| t.code == *tab) {
                Some(t) => t.hidden = false,
                None => layout.tabs.push(super::layout::Tab { code: *tab, hidden: false }),
            };
        }
        LayoutOp::MoveTab { tab, after } => {
            if let Some(i) = layout.tabs.iter().position(|t| t.code == *tab) {
                if *after == Some(*tab) {
                    return Ok(effect);
                }
                let t = layout.tabs.remove(i);
                let at = match after {
                    None => 0,
                    Some(a) => layout.tabs.iter().position(|x| x.code == *a).map_or(layout.tabs.len(), |p| p + 1),
                };
                layout.tabs.insert(at, t);
            }
        }
    }
    Ok(effect)
}

/// The outcome of applying a save's operations to the current layout.
#[derive(Clone, Debug, PartialEq)]
pub struct Rebased {
    pub layout: Layout,
    /// Operations that applied, in order.
    pub applied: Vec<LayoutOp>,
    /// Operations that could not, with why.
    pub conflicts: Vec<(LayoutOp, OpConflict)>,
}

/// Applies `ops` in order to `current`, skipping (and reporting) those that no longer apply.
pub fn rebase(current: &Layout, ops: &[LayoutOp], known: &dyn Fn(&str) -> bool) -> Rebased {
    let mut layout = current.clone();
    let mut applied = Vec::new();
    let mut conflicts = Vec::new();
    for op in ops {
        match apply(&mut layout, op, known) {
            Ok(_) => applied.push(op.clone()),
            Err(c) => conflicts.push((op.clone(), c)),
        }
    }
    Rebased { layout, applied, conflicts }
}

/// One difference between two layouts, as the history shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum LayoutChange {
    SectionAdded { title: String },
    SectionRemoved { title: String },
    SectionRenamed { from: String, to: String },
    SectionsReordered,
    FieldShown { code: String, section: String },
    FieldHidden { code: String },
    FieldMoved { code: String, section: String },
    TabHidden { tab: TabCode },
    TabShown { tab: TabCode },
    TabsReordered,
}

/// What changed from `old` to `new`.
pub fn diff(old: &Layout, new: &Layout) -> Vec<LayoutChange> {
    let mut out = Vec::new();
    let find = |l: &Layout, id: &str| l.sections.iter().find(|s| s.id == id).cloned();
    for s in &new.sections {
        match find(old, &s.id) {
            None => out.push(LayoutChange::SectionAdded { title: s.title.clone() }),
            Some(o) if o.title != s.title => {
                out.push(LayoutChange::SectionRenamed { from: o.title, to: s.title.clone() })
            }
            _ => {}
        }
    }
    for s in &old.sections {
        if find(new, &s.id).is_none() {
            out.push(LayoutChange::SectionRemoved { title: s.title.clone() });
        }
    }
    let order = |l: &Layout, other: &Layout| -> Vec<String> {
        l.sections.iter().filter(|s| find(other, &s.id).is_some()).map(|s| s.id.clone()).collect()
    };
    if order(old, new) != order(new, old) {
        out.push(LayoutChange::SectionsReordered);
    }
    let place = |l: &Layout, code: &str| -> Option<(String, String, Option<String>)> {
        l.sections.iter().find_map(|s| {
            let p = s.fields.iter().position(|c| c == code)?;
            Some((s.id.clone(), s.title.clone(), p.checked_sub(1).map(|q| s.fields[q].clone())))
        })
    };
    let mut codes: Vec<&str> = new.field_codes().chain(old.field_codes()).collect();
    codes.sort_unstable();
    codes.dedup();
    for code in codes {
        match (place(old, code), place(new, code)) {
            (None, Some((_, title, _))) => out.push(LayoutChange::FieldShown { code: code.into(), section: title }),
            (Some(_), None) => out.push(LayoutChange::FieldHidden { code: code.into() }),
            (Some(a), Some(b)) if a.0 != b.0 || a.2 != b.2 => {
                out.push(LayoutChange::FieldMoved { code: code.into(), section: b.1 })
            }
            _ => {}
        }
    }
    for t in &new.tabs {
        let was = old.tabs.iter().find(|o| o.code == t.code).is_some_and(|o| o.hidden);
        if t.hidden && !was {
            out.push(LayoutChange::TabHidden { tab: t.code });
        } else if !t.hidden && was {
            out.push(LayoutChange::TabShown { tab: t.code });
        }
    }
    let tab_order = |l: &Layout| l.tabs.iter().map(|t| t.code).collect::<Vec<_>>();
    if tab_order(old) != tab_order(new) {
        out.push(LayoutChange::TabsReordered);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::layout::Tab;
    use proptest::prelude::*;

    const FIELDS: [&str; 8] = ["a", "b", "c", "d", "e", "f", "g", "h"];

    fn base() -> Layout {
        Layout {
            sections: vec![
                Section { id: "s1".into(), title: "One".into(), fields: vec!["a".into(), "b".into(), "c".into()] },
                Section { id: "s2".into(), title: "Two".into(), fields: vec!["d".into(), "e".into()] },
            ],
            tabs: TabCode::ALL.into_iter().map(|code| Tab { code, hidden: false }).collect(),
        }
    }

    fn known(code: &str) -> bool {
        FIELDS.contains(&code)
    }

    fn mv(code: &str, section: &str, after: Option<&str>) -> LayoutOp {
        LayoutOp::MoveField { code: code.into(), section: section.into(), after: after.map(Into::into) }
    }

    fn fields_of(l: &Layout, id: &str) -> Vec<String> {
        l.sections.iter().find(|s| s.id == id).map(|s| s.fields.clone()).unwrap_or_default()
    }

    #[test]
    fn a_field_moves_into_another_section_after_a_given_field() {
        let mut l = base();
        apply(&mut l, &mv("a", "s2", Some("d")), &known).ok();
        assert_eq!(fields_of(&l, "s1"), ["b", "c"]);
        assert_eq!(fields_of(&l, "s2"), ["d", "a", "e"]);
        apply(&mut l, &mv("e", "s2", None), &known).ok();
        assert_eq!(fields_of(&l, "s2"), ["e", "d", "a"]);
    }

    #[test]
    fn deleting_a_section_hides_its_fields_and_later_moves_into_it_conflict() {
        let mut l = base();
        let effect = apply(&mut l, &LayoutOp::DeleteSection { id: "s2".into() }, &known).ok();
        assert_eq!(
            effect.map(|e| e.hidden.into_iter().collect::<Vec<_>>()),
            Some(vec!["d".to_string(), "e".to_string()])
        );
        assert_eq!(apply(&mut l, &mv("a", "s2", None), &known), Err(OpConflict::SectionGone { id: "s2".into() }));
        assert_eq!(fields_of(&l, "s1"), ["a", "b", "c"], "a conflicting operation changes nothing");
    }

    #[test]
    fn moving_a_field_someone_hid_is_a_conflict_but_showing_it_again_works() {
        let mut l = base();
        apply(&mut l, &LayoutOp::HideField { code: "b".into() }, &known).ok();
        assert_eq!(apply(&mut l, &mv("b", "s2", None), &known), Err(OpConflict::FieldHidden { code: "b".into() }));
        let show = LayoutOp::ShowField { code: "b".into(), section: "s2".into(), after: Some("e".into()) };
        assert!(apply(&mut l, &show, &known).is_ok_and(|e| e.shown.contains("b")));
        assert_eq!(fields_of(&l, "s2"), ["d", "e", "b"]);
        let unknown = LayoutOp::ShowField { code: "zz".into(), section: "s2".into(), after: None };
        assert_eq!(apply(&mut l, &unknown, &known), Err(OpConflict::UnknownField { code: "zz".into() }));
    }

    #[test]
    fn showing_a_hidden_field_anchored_on_itself_still_shows_it() {
        let mut l = base();
        apply(&mut l, &LayoutOp::HideField { code: "d".into() }, &known).ok();
        let show = LayoutOp::ShowField { code: "d".into(), section: "s1".into(), after: Some("d".into()) };
        assert!(apply(&mut l, &show, &known).is_ok_and(|e| e.shown.contains("d")));
        assert_eq!(fields_of(&l, "s1"), ["a", "b", "c", "d"]);
    }

    #[test]
    fn sections_are_created_renamed_and_moved_with_checked_titles() {
        let mut l = base();
        let create = LayoutOp::CreateSection { id: "n1".into(), title: "  Money  ".into(), after: Some("s1".into()) };
        assert!(apply(&mut l, &create, &known).is_ok());
        assert_eq!(l.sections.iter().map(|s| s.title.as_str()).collect::<Vec<_>>(), ["One", "Money", "Two"]);
        assert_eq!(apply(&mut l, &create, &known), Err(OpConflict::SectionExists { id: "n1".into() }));
        let blank = LayoutOp::RenameSection { id: "n1".into(), title: " ".into() };
        assert_eq!(apply(&mut l, &blank, &known), Err(OpConflict::BadTitle));
        apply(&mut l, &LayoutOp::MoveSection { id: "s2".into(), after: None }, &known).ok();
        assert_eq!(l.sections[0].id, "s2");
    }

    #[test]
    fn the_last_visible_tab_cannot_be_hidden_and_tabs_reorder() {
        let mut l = base();
        apply(&mut l, &LayoutOp::HideTab { tab: TabCode::History }, &known).ok();
        apply(&mut l, &LayoutOp::HideTab { tab: TabCode::Relations }, &known).ok();
        assert_eq!(apply(&mut l, &LayoutOp::HideTab { tab: TabCode::General }, &known), Err(OpConflict::LastTab));
        apply(&mut l, &LayoutOp::MoveTab { tab: TabCode::History, after: None }, &known).ok();
        assert_eq!(l.tabs[0].code, TabCode::History);
        assert_eq!(l.visible_tabs().collect::<Vec<_>>(), [TabCode::General]);
    }

    #[test]
    fn the_diff_names_what_changed() {
        let old = base();
        let mut new = base();
        apply(&mut new, &mv("a", "s2", None), &known).ok();
        apply(&mut new, &LayoutOp::HideField { code: "b".into() }, &known).ok();
        apply(&mut new, &LayoutOp::RenameSection { id: "s1".into(), title: "First".into() }, &known).ok();
        let changes = diff(&old, &new);
        assert!(changes.contains(&LayoutChange::FieldMoved { code: "a".into(), section: "Two".into() }));
        assert!(changes.contains(&LayoutChange::FieldHidden { code: "b".into() }));
        assert!(changes.contains(&LayoutChange::SectionRenamed { from: "One".into(), to: "First".into() }));
        assert!(diff(&old, &old).is_empty());
    }

    fn op_strategy() -> impl Strategy<Value = LayoutOp> {
        let code = prop::sample::select(FIELDS.to_vec()).prop_map(String::from);
        let section = prop::sample::select(vec!["s1", "s2", "s3", "n1", "n2"]).prop_map(String::from);
        let anchor = prop::option::of(prop::sample::select(FIELDS.to_vec()).prop_map(String::from));
        let sec_anchor = prop::option::of(prop::sample::select(vec!["s1", "s2", "n1"]).prop_map(String::from));
        let tab = prop::sample::select(TabCode::ALL.to_vec());
        prop_oneof![
            (code.clone(), section.clone(), anchor.clone()).prop_map(|(code, section, after)| LayoutOp::MoveField {
                code,
                section,
                after
            }),
            (code.clone(), section.clone(), anchor).prop_map(|(code, section, after)| LayoutOp::ShowField {
                code,
                section,
                after
            }),
            code.prop_map(|code| LayoutOp::HideField { code }),
            (section.clone(), sec_anchor.clone()).prop_map(|(id, after)| LayoutOp::CreateSection {
                id,
                title: "New".into(),
                after
            }),
            section.clone().prop_map(|id| LayoutOp::DeleteSection { id }),
            (section.clone(), sec_anchor).prop_map(|(id, after)| LayoutOp::MoveSection { id, after }),
            section.prop_map(|id| LayoutOp::RenameSection { id, title: "Renamed".into() }),
            tab.prop_map(|tab| LayoutOp::HideTab { tab }),
        ]
    }

    /// Every field shown once at most, only known fields, unique section ids, a visible tab.
    fn well_formed(l: &Layout) -> Result<(), String> {
        let shown: Vec<&str> = l.field_codes().collect();
        let unique: BTreeSet<&str> = shown.iter().copied().collect();
        if unique.len() != shown.len() {
            return Err(format!("a field is shown twice: {shown:?}"));
        }
        if let Some(c) = shown.iter().find(|c| !known(c)) {
            return Err(format!("unknown field {c}"));
        }
        let ids: BTreeSet<&str> = l.sections.iter().map(|s| s.id.as_str()).collect();
        if ids.len() != l.sections.len() {
            return Err("two sections share an id".into());
        }
        if l.visible_tabs().next().is_none() {
            return Err("no visible tab".into());
        }
        Ok(())
    }

    /// Applies ops in order, tracking which fields some applied operation took off the card.
    fn run(start: &Layout, ops: &[LayoutOp]) -> (Layout, BTreeSet<String>) {
        let mut l = start.clone();
        let mut removed = BTreeSet::new();
        for op in ops {
            if let Ok(e) = apply(&mut l, op, &known) {
                removed.extend(e.hidden);
                for s in e.shown {
                    removed.remove(&s);
                }
                if let LayoutOp::ShowField { code, .. } | LayoutOp::MoveField { code, .. } = op {
                    removed.remove(code);
                }
            }
        }
        (l, removed)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2048))]

        /// Two editors start from the same version; one saves first, the other's operations are
        /// rebased onto the result. In any interleaving no field is lost (off the card without
        /// an operation that took it off), none is duplicated, none sits in two sections.
        #[test]
        fn rebased_edits_never_lose_or_duplicate_a_field(
            first in prop::collection::vec(op_strategy(), 0..12),
            second in prop::collection::vec(op_strategy(), 0..12),
            split in 0usize..12,
        ) {
            let start = base();
            // Editor one's save lands in two parts, editor two's in between.
            let cut = split.min(first.len());
            let mut ops = first[..cut].to_vec();
            ops.extend(second.iter().cloned());
            ops.extend(first[cut..].iter().cloned());
            let rebased = rebase(&start, &ops, &known);
            prop_assert!(well_formed(&rebased.layout).is_ok(), "{:?}", well_formed(&rebased.layout));
            let (replayed, removed) = run(&start, &ops);
            prop_assert_eq!(&replayed, &rebased.layout, "rebase is the sequential application of what applied");
            let before: BTreeSet<String> = start.field_codes().map(String::from).collect();
            let after: BTreeSet<String> = rebased.layout.field_codes().map(String::from).collect();
            for code in before.difference(&after) {
                prop_assert!(removed.contains(code), "field {} vanished without an operation removing it", code);
            }
            prop_assert_eq!(rebased.applied.len() + rebased.conflicts.len(), ops.len());
        }

        /// Re-applying what applied to the start gives the same layout (the history can replay).
        #[test]
        fn applied_operations_replay_to_the_same_layout(ops in prop::collection::vec(op_strategy(), 0..20)) {
            let start = base();
            let once = rebase(&start, &ops, &known);
            let again = rebase(&start, &once.applied, &known);
            prop_assert_eq!(again.layout, once.layout);
            prop_assert!(again.conflicts.is_empty());
        }
    }
}
