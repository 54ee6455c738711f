//! Which card view a person sees (docs/CARD_VIEWS.md), for an entity type (and a deal
//! pipeline or lead kind where layouts differ): the common view when it is forced for all;
//! else their own view when they switched it on and may have one; else a named view given to
//! them or their department; else the common view when published; else the shipped default.
//! Where several are open to them, the one they chose wins (unless the common view is forced).

use super::{EntityType, TypeDef};
use serde::{Deserialize, Serialize};

/// The cards whose layouts are kept together: an entity type, for types with several pipelines
/// (deals) the pipeline, for leads the kind (regular or repeat) — the cards of two pipelines or two kinds may differ. Such
/// a layout of a view starts as the entity type's and is kept apart from the first change made
/// on a card of that pipeline or kind. Views themselves (who sees which) are per entity type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CardKind {
    pub entity: EntityType,
    pub pipeline: Option<i64>,
    #[serde(default)]
    pub repeat_lead: bool,
}

impl CardKind {
    /// The kind of the cards of a type in `pipeline` (only types with several pipelines differ
    /// by pipeline).
    pub fn of(def: &TypeDef, pipeline: Option<i64>) -> CardKind {
        CardKind { entity: def.entity, pipeline: pipeline.filter(|_| def.cards_per_pipeline()), repeat_lead: false }
    }

    /// The cards of repeat leads (`repeat` on a lead) apart from those of regular leads.
    pub fn with_repeat_lead(self, repeat: bool) -> CardKind {
        CardKind { repeat_lead: repeat && self.entity == EntityType::LEAD, ..self }
    }

    pub fn entity(entity: EntityType) -> CardKind {
        CardKind { entity, pipeline: None, repeat_lead: false }
    }

    /// The key its layouts are stored under: `deal`, `deal:3`, `lead:repeat`.
    pub fn key(self) -> String {
        match (self.pipeline, self.repeat_lead) {
            (Some(p), _) => format!("{}:{p}", self.entity.slug()),
            (None, true) => format!("{}:repeat", self.entity.slug()),
            (None, false) => self.entity.slug().to_string(),
        }
    }

    pub fn from_key(key: &str) -> Option<CardKind> {
        let (entity, part) = match key.split_once(':') {
            Some((e, p)) => (e.parse().ok()?, Some(p)),
            None => (key.parse().ok()?, None),
        };
        match part {
            None => Some(CardKind::entity(entity)),
            Some("repeat") if entity == EntityType::LEAD => Some(CardKind::entity(entity).with_repeat_lead(true)),
            Some(p) => Some(CardKind { entity, pipeline: Some(p.parse().ok()?), repeat_lead: false }),
        }
    }

    /// The kind whose layouts this one starts from.
    pub fn parent(self) -> Option<CardKind> {
        (self.pipeline.is_some() || self.repeat_lead).then(|| CardKind::entity(self.entity))
    }
}

/// The key a card's layout watch names its kind of card by in `/events/layouts?watch=…`:
/// `deal`, `deal:3` (a pipeline's cards), `lead:repeat` (repeat leads).
pub fn watch_key(entity: &str, pipeline: Option<i64>, repeat_lead: Option<bool>) -> String {
    match (pipeline, repeat_lead) {
        (Some(p), _) => format!("{entity}:{p}"),
        (None, Some(true)) => format!("{entity}:repeat"),
        _ => entity.to_string(),
    }
}

/// What a watch key names: `(entity, pipeline, repeat_lead)`, as [`watch_key`] takes them;
/// `None` when it names nothing.
pub fn parse_watch_key(key: &str) -> Option<(&str, Option<i64>, Option<bool>)> {
    let (entity, rest) = key.split_once(':').unwrap_or((key, ""));
    match rest {
        "" => Some((entity, None, None)),
        "repeat" => Some((entity, None, Some(true))),
        p => p.parse().ok().map(|p| (entity, Some(p), None)),
    }
}

/// A stored layout scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum ViewRef {
    /// What the product ships.
    Default,
    /// The view an admin publishes for everybody.
    Common,
    /// A user's own view.
    Personal(i64),
    /// A view an admin made for some users and departments.
    Named(i64),
}

impl ViewRef {
    /// The scope key under which the layout is stored.
    pub fn scope(self) -> String {
        match self {
            ViewRef::Default => "default".into(),
            ViewRef::Common => "common".into(),
            ViewRef::Personal(id) => format!("user:{id}"),
            ViewRef::Named(id) => format!("view:{id}"),
        }
    }

    pub fn from_scope(s: &str) -> Option<ViewRef> {
        match s {
            "default" => Some(ViewRef::Default),
            "common" => Some(ViewRef::Common),
            _ => {
                let (kind, id) = s.split_once(':')?;
                let id: i64 = id.parse().ok()?;
                match kind {
                    "user" => Some(ViewRef::Personal(id)),
                    "view" => Some(ViewRef::Named(id)),
                    _ => None,
                }
            }
        }
    }
}

/// A named view and who works with it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedView {
    pub id: i64,
    pub name: String,
    pub users: Vec<i64>,
    pub departments: Vec<i64>,
}

impl NamedView {
    pub fn is_for(&self, user_id: i64, department_id: Option<i64>) -> bool {
        self.users.contains(&user_id) || department_id.is_some_and(|d| self.departments.contains(&d))
    }
}

/// Everything the rule looks at.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Situation<'a> {
    pub user_id: i64,
    pub department_id: Option<i64>,
    /// The user's roles allow a view of their own.
    pub may_have_own: bool,
    /// The user switched their own view on.
    pub own_enabled: bool,
    /// An admin published the common view.
    pub common_published: bool,
    /// …and forced it on everybody.
    pub common_forced: bool,
    pub views: &'a [NamedView],
    /// The view the user last switched to, if any.
    pub chosen: Option<ViewRef>,
}

/// The views a user may switch among, in the order the switcher lists them.
pub fn open_views(s: &Situation) -> Vec<ViewRef> {
    if s.common_published && s.common_forced {
        return vec![ViewRef::Common];
    }
    let mut out = Vec::new();
    if s.may_have_own && s.own_enabled {
        out.push(ViewRef::Personal(s.user_id));
    }
    out.extend(s.views.iter().filter(|v| v.is_for(s.user_id, s.department_id)).map(|v| ViewRef::Named(v.id)));
    out.push(if s.common_published { ViewRef::Common } else { ViewRef::Default });
    out
}

/// The view the user sees.
pub fn resolve(s: &Situation) -> ViewRef {
    let open = open_views(s);
    match s.chosen {
        Some(c) if open.contains(&c) => c,
        _ => open.first().copied().unwrap_or(ViewRef::Default),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed step should stop the test right there
mod tests {

    #[test]
    fn a_watch_key_names_what_it_was_made_of() {
        for (entity, pipeline, repeat) in [("deal", None, None), ("deal", Some(3), None), ("lead", None, Some(true))] {
            assert_eq!(parse_watch_key(&watch_key(entity, pipeline, repeat)), Some((entity, pipeline, repeat)));
        }
        assert_eq!(parse_watch_key("deal:three"), None);
    }
    use super::*;

    #[test]
    fn deals_keep_layouts_per_pipeline_and_leads_per_kind() {
        let types = crate::domain::registry::system_types();
        let def = |e: EntityType| types.iter().find(|t| t.entity == e).unwrap();
        let (deal, lead) = (def(EntityType::DEAL), def(EntityType::LEAD));
        assert_eq!(CardKind::of(deal, Some(3)).key(), "deal:3");
        assert_eq!(CardKind::of(deal, Some(3)).parent(), Some(CardKind::entity(EntityType::DEAL)));
        assert_eq!(CardKind::of(deal, None).key(), "deal");
        assert_eq!(CardKind::of(lead, Some(1)), CardKind::entity(EntityType::LEAD));
        assert_eq!(CardKind::entity(EntityType::LEAD).parent(), None);
        let repeat = CardKind::entity(EntityType::LEAD).with_repeat_lead(true);
        assert_eq!((repeat.key().as_str(), repeat.parent()), ("lead:repeat", Some(CardKind::entity(EntityType::LEAD))));
        assert_eq!(CardKind::entity(EntityType::DEAL).with_repeat_lead(true), CardKind::entity(EntityType::DEAL));
        for kind in [CardKind::of(deal, Some(3)), CardKind::entity(EntityType::QUOTE), repeat] {
            assert_eq!(CardKind::from_key(&kind.key()), Some(kind));
        }
        assert_eq!(CardKind::from_key("deal:x"), None);
        assert_eq!(CardKind::from_key("deal:repeat"), None);
    }

    fn views() -> Vec<NamedView> {
        vec![
            NamedView { id: 7, name: "Sales".into(), users: vec![], departments: vec![10] },
            NamedView { id: 8, name: "Anna's".into(), users: vec![1], departments: vec![] },
            NamedView { id: 9, name: "Support".into(), users: vec![], departments: vec![11] },
        ]
    }

    /// (published, forced, may have own, own on, user, department, chosen) → expected.
    type Row = (bool, bool, bool, bool, i64, Option<i64>, Option<ViewRef>, ViewRef);

    #[test]
    fn the_resolution_rule_as_a_table() {
        use ViewRef::*;
        let v = views();
        #[rustfmt::skip]
        let table: [Row; 16] = [
            // nothing published, no views for this user: the shipped default
            (false, false, false, false, 5, None, None, Default),
            // published common
            (true, false, false, false, 5, None, None, Common),
            // forced common beats own view, named views and choices
            (true, true, true, true, 1, Some(10), None, Common),
            (true, true, true, true, 1, Some(10), Some(Named(7)), Common),
            // own view on and permitted
            (true, false, true, true, 5, None, None, Personal(5)),
            // own view on but not permitted: ignored
            (true, false, false, true, 5, None, None, Common),
            // permitted but not switched on
            (true, false, true, false, 5, None, None, Common),
            // a view for the user's department
            (true, false, false, false, 5, Some(10), None, Named(7)),
            (false, false, false, false, 5, Some(11), None, Named(9)),
            // a view for the user by name comes with the department's; first listed wins
            (true, false, false, false, 1, Some(10), None, Named(7)),
            // …and choosing another open one sticks
            (true, false, false, false, 1, Some(10), Some(Named(8)), Named(8)),
            (true, false, false, false, 1, Some(10), Some(Common), Common),
            // a choice that is not open (another department's view, a stale own view) is ignored
            (true, false, false, false, 1, Some(10), Some(Named(9)), Named(7)),
            (true, false, false, false, 5, None, Some(Personal(5)), Common),
            // own view beats named views unless the user picks a named one
            (true, false, true, true, 1, Some(10), None, Personal(1)),
            (true, false, true, true, 1, Some(10), Some(Named(7)), Named(7)),
        ];
        for (i, (published, forced, may, on, user, dept, chosen, expected)) in table.into_iter().enumerate() {
            let s = Situation {
                user_id: user,
                department_id: dept,
                may_have_own: may,
                own_enabled: on,
                common_published: published,
                common_forced: forced,
                views: &v,
                chosen,
            };
            assert_eq!(resolve(&s), expected, "row {i}");
        }
    }

    #[test]
    fn the_switcher_lists_only_views_open_to_the_user() {
        let v = views();
        let s = Situation {
            user_id: 1,
            department_id: Some(10),
            may_have_own: true,
            own_enabled: true,
            common_published: true,
            views: &v,
            ..Default::default()
        };
        assert_eq!(open_views(&s), vec![ViewRef::Personal(1), ViewRef::Named(7), ViewRef::Named(8), ViewRef::Common]);
        let forced = Situation { common_forced: true, ..s.clone() };
        assert_eq!(open_views(&forced), vec![ViewRef::Common]);
        let unpublished = Situation { common_published: false, may_have_own: false, ..s };
        assert_eq!(open_views(&unpublished), vec![ViewRef::Named(7), ViewRef::Named(8), ViewRef::Default]);
    }

    #[test]
    fn scopes_name_each_view() {
        for v in [ViewRef::Default, ViewRef::Common, ViewRef::Personal(3), ViewRef::Named(12)] {
            assert_eq!(ViewRef::from_scope(&v.scope()), Some(v));
        }
        assert_eq!(ViewRef::from_scope("user:x"), None);
        assert_eq!(ViewRef::from_scope("team:1"), None);
    }
}
