//! Who may do what with which items: roles hold, per entity type, a scope for each action
//! (none, own — the items one is responsible for —, department, all); a user's rights are the
//! union of their roles' rights. Decided here, enforced by the server on every path.

use super::EntityType;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How far a right reaches, from nothing to every item. Ordered: a wider scope includes the
/// narrower ones.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    #[default]
    None,
    Own,
    Department,
    All,
}

impl Scope {
    pub const ALL: [Scope; 4] = [Scope::None, Scope::Own, Scope::Department, Scope::All];

    pub fn code(self) -> &'static str {
        match self {
            Scope::None => "none",
            Scope::Own => "own",
            Scope::Department => "department",
            Scope::All => "all",
        }
    }

    pub fn from_code(code: &str) -> Option<Scope> {
        Scope::ALL.into_iter().find(|s| s.code() == code)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Read,
    Create,
    Update,
    Delete,
    Export,
}

impl Action {
    pub const ALL: [Action; 5] = [Action::Read, Action::Create, Action::Update, Action::Delete, Action::Export];
}

/// The scope of each action on one entity type (or one of its pipelines).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityRights {
    #[serde(default)]
    pub read: Scope,
    #[serde(default)]
    pub create: Scope,
    #[serde(default)]
    pub update: Scope,
    #[serde(default)]
    pub delete: Scope,
    #[serde(default)]
    pub export: Scope,
}

impl EntityRights {
    pub fn everything(scope: Scope) -> EntityRights {
        EntityRights { read: scope, create: scope, update: scope, delete: scope, export: scope }
    }

    pub fn get(&self, action: Action) -> Scope {
        match action {
            Action::Read => self.read,
            Action::Create => self.create,
            Action::Update => self.update,
            Action::Delete => self.delete,
            Action::Export => self.export,
        }
    }

    pub fn set(&mut self, action: Action, scope: Scope) {
        match action {
            Action::Read => self.read = scope,
            Action::Create => self.create = scope,
            Action::Update => self.update = scope,
            Action::Delete => self.delete = scope,
            Action::Export => self.export = scope,
        }
    }
}

/// What a role grants (and, as a union, what a user may do).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rights {
    #[serde(default)]
    pub entities: BTreeMap<EntityType, EntityRights>,
    /// May switch on a card view of their own.
    #[serde(default)]
    pub my_view: bool,
    /// May change CRM settings (layouts, fields, views, access). Implies every scope.
    #[serde(default)]
    pub admin: bool,
    /// Per entity type, the pipelines whose scopes differ from the type's in `entities`. A role
    /// hides a pipeline by giving it no scope at all ([`EntityRights::default`]); a user's rights
    /// (a union) keep, for every pipeline one of their roles treats apart, the widest scopes
    /// their roles give on it.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub pipelines: BTreeMap<EntityType, BTreeMap<i64, EntityRights>>,
}

impl Rights {
    /// Every right on every system type (smart processes get rights when an admin gives them).
    pub fn full(admin: bool) -> Rights {
        Rights {
            entities: EntityType::SYSTEM.into_iter().map(|e| (e, EntityRights::everything(Scope::All))).collect(),
            my_view: true,
            admin,
            pipelines: BTreeMap::new(),
        }
    }

    /// The union: for each action the widest scope any of them grants, on the type and on each
    /// pipeline some of them treat apart (where a role without an entry for that pipeline
    /// gives it the type's scopes).
    pub fn union<'a>(all: impl IntoIterator<Item = &'a Rights>) -> Rights {
        let all: Vec<&Rights> = all.into_iter().collect();
        let mut out = Rights::default();
        let widen = |mine: &mut EntityRights, theirs: EntityRights| {
            for action in Action::ALL {
                mine.set(action, mine.get(action).max(theirs.get(action)));
            }
        };
        for r in &all {
            out.my_view |= r.my_view;
            out.admin |= r.admin;
            for (entity, rights) in &r.entities {
                widen(out.entities.entry(*entity).or_default(), *rights);
            }
        }
        let apart: Vec<(EntityType, i64)> =
            all.iter().flat_map(|r| r.pipelines.iter().flat_map(|(e, ps)| ps.keys().map(|p| (*e, *p)))).collect();
        for (entity, pipeline) in apart {
            let mut mine = EntityRights::default();
            for r in &all {
                widen(&mut mine, r.on_pipeline(entity, pipeline));
            }
            out.pipelines.entry(entity).or_default().insert(pipeline, mine);
        }
        out
    }

    /// The scopes a role (without the admin flag) gives on one pipeline of a type.
    fn on_pipeline(&self, entity: EntityType, pipeline: i64) -> EntityRights {
        self.pipelines
            .get(&entity)
            .and_then(|ps| ps.get(&pipeline))
            .or_else(|| self.entities.get(&entity))
            .copied()
            .unwrap_or_default()
    }

    /// The widest scope of `action` on any item of the type, whatever its pipeline: whether
    /// the type is there for this user at all.
    pub fn scope(&self, entity: EntityType, action: Action) -> Scope {
        if self.admin {
            return Scope::All;
        }
        let base = self.entities.get(&entity).map(|r| r.get(action)).unwrap_or_default();
        let apart = self.pipelines.get(&entity).into_iter().flat_map(|ps| ps.values()).map(|r| r.get(action));
        apart.fold(base, Scope::max)
    }

    /// The scope of `action` on an item of the type in `pipeline` (`None`: a type without
    /// pipelines).
    pub fn scope_in(&self, entity: EntityType, pipeline: Option<i64>, action: Action) -> Scope {
        if self.admin {
            return Scope::All;
        }
        match pipeline {
            Some(p) => self.on_pipeline(entity, p).get(action),
            None => self.entities.get(&entity).map(|r| r.get(action)).unwrap_or_default(),
        }
    }

    /// Whether the user sees `pipeline` of the type at all: its board, its items, its name.
    pub fn sees_pipeline(&self, entity: EntityType, pipeline: i64) -> bool {
        self.scope_in(entity, Some(pipeline), Action::Read) != Scope::None
    }

    /// The scope `of` picks from a type's rights (say, the narrower of read and export) outside
    /// the pipelines treated apart, and on each of those where it differs: what a list query
    /// turns into SQL.
    pub fn scopes_by(&self, entity: EntityType, of: impl Fn(&EntityRights) -> Scope) -> (Scope, Vec<(i64, Scope)>) {
        if self.admin {
            return (Scope::All, vec![]);
        }
        let base = self.entities.get(&entity).map(&of).unwrap_or_default();
        let apart = self.pipelines.get(&entity).into_iter().flatten().map(|(p, r)| (*p, of(r)));
        (base, apart.filter(|(_, s)| *s != base).collect())
    }

    pub fn may_use_my_view(&self) -> bool {
        self.admin || self.my_view
    }
}

/// A role as stored and edited.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Role {
    pub id: i64,
    pub name: String,
    pub rights: Rights,
}

/// Whether making `parent` the parent of department `id` keeps the tree a tree: no department
/// may end up inside itself. `parents` holds (department, parent) for every department.
pub fn parent_allowed(parents: &[(i64, Option<i64>)], id: i64, parent: Option<i64>) -> bool {
    let mut at = parent;
    let mut steps = 0;
    while let Some(p) = at {
        if p == id || steps > parents.len() {
            return false;
        }
        at = parents.iter().find(|(d, _)| *d == p).and_then(|(_, up)| *up);
        steps += 1;
    }
    true
}

/// The person acting, as scopes see them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Member {
    pub user_id: i64,
    pub department_id: Option<i64>,
}

/// The item acted on, as scopes see it: who is responsible for it and their department, and
/// the pipeline it is in (scopes may differ per pipeline).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Owner {
    pub responsible_id: Option<i64>,
    pub department_id: Option<i64>,
    pub pipeline_id: Option<i64>,
}

/// Whether `scope` reaches an item owned by `owner` for `me`.
pub fn reaches(scope: Scope, me: &Member, owner: &Owner) -> bool {
    let own = owner.responsible_id == Some(me.user_id);
    match scope {
        Scope::None => false,
        Scope::Own => own,
        Scope::Department => own || (me.department_id.is_some() && owner.department_id == me.department_id),
        Scope::All => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ME: Member = Member { user_id: 1, department_id: Some(10) };

    fn owner(responsible: Option<i64>, department: Option<i64>) -> Owner {
        Owner { responsible_id: responsible, department_id: department, pipeline_id: None }
    }

    #[test]
    fn each_scope_reaches_exactly_its_items() {
        let mine = owner(Some(1), Some(10));
        let colleague = owner(Some(2), Some(10));
        let stranger = owner(Some(3), Some(11));
        let nobody = owner(None, None);
        let table = [
            (Scope::None, [false, false, false, false]),
            (Scope::Own, [true, false, false, false]),
            (Scope::Department, [true, true, false, false]),
            (Scope::All, [true, true, true, true]),
        ];
        for (scope, expected) in table {
            let got = [&mine, &colleague, &stranger, &nobody].map(|o| reaches(scope, &ME, o));
            assert_eq!(got, expected, "{scope:?}");
        }
        let homeless = Member { user_id: 5, department_id: None };
        assert!(!reaches(Scope::Department, &homeless, &nobody), "no department matches no department");
    }

    #[test]
    fn a_users_rights_are_the_widest_of_their_roles() {
        let mut seller = Rights::default();
        seller
            .entities
            .insert(EntityType::DEAL, EntityRights { read: Scope::All, update: Scope::Own, ..Default::default() });
        let mut lead = Rights { my_view: true, ..Default::default() };
        lead.entities.insert(
            EntityType::DEAL,
            EntityRights { update: Scope::Department, export: Scope::Own, ..Default::default() },
        );
        lead.entities.insert(EntityType::LEAD, EntityRights::everything(Scope::Own));
        let both = Rights::union([&seller, &lead]);
        assert_eq!(both.scope(EntityType::DEAL, Action::Read), Scope::All);
        assert_eq!(both.scope(EntityType::DEAL, Action::Update), Scope::Department);
        assert_eq!(both.scope(EntityType::DEAL, Action::Export), Scope::Own);
        assert_eq!(both.scope(EntityType::DEAL, Action::Delete), Scope::None);
        assert_eq!(both.scope(EntityType::LEAD, Action::Create), Scope::Own);
        assert_eq!(both.scope(EntityType::CONTACT, Action::Read), Scope::None, "nothing granted, nothing allowed");
        assert!(both.may_use_my_view() && !both.admin);
        assert_eq!(Rights::union([]), Rights::default());
    }

    #[test]
    fn an_admin_role_reaches_everything() {
        let admin = Rights { admin: true, ..Default::default() };
        assert_eq!(admin.scope(EntityType::INVOICE, Action::Delete), Scope::All);
        assert!(admin.may_use_my_view());
        assert!(Rights::union([&Rights::default(), &admin]).admin);
    }

    const SALES: i64 = 1;
    const SUPPORT: i64 = 2;

    fn hiding(entity: EntityType, scope: Scope, hidden: &[i64]) -> Rights {
        let mut r = Rights::default();
        r.entities.insert(entity, EntityRights::everything(scope));
        r.pipelines.insert(entity, hidden.iter().map(|p| (*p, EntityRights::default())).collect());
        r
    }

    #[test]
    fn a_role_that_hides_a_pipeline_gives_nothing_there() {
        let sales = hiding(EntityType::DEAL, Scope::All, &[SUPPORT]);
        let me = Rights::union([&sales]);
        assert_eq!(me.scope_in(EntityType::DEAL, Some(SALES), Action::Read), Scope::All);
        assert_eq!(me.scope_in(EntityType::DEAL, Some(SUPPORT), Action::Read), Scope::None);
        assert!(me.sees_pipeline(EntityType::DEAL, SALES) && !me.sees_pipeline(EntityType::DEAL, SUPPORT));
        assert_eq!(me.scope(EntityType::DEAL, Action::Update), Scope::All, "the type is there: Sales is");
        assert_eq!(me.scopes_by(EntityType::DEAL, |r| r.read), (Scope::All, vec![(SUPPORT, Scope::None)]));
        assert_eq!(me.scope_in(EntityType::LEAD, None, Action::Read), Scope::None);
    }

    #[test]
    fn per_pipeline_scopes_unite_role_by_role() {
        // Sales reads every Sales deal but no Support deal; Helpdesk reads its own deals anywhere.
        let sales = hiding(EntityType::DEAL, Scope::All, &[SUPPORT]);
        let helpdesk = hiding(EntityType::DEAL, Scope::Own, &[]);
        let both = Rights::union([&sales, &helpdesk]);
        assert_eq!(both.scope_in(EntityType::DEAL, Some(SALES), Action::Read), Scope::All);
        assert_eq!(both.scope_in(EntityType::DEAL, Some(SUPPORT), Action::Read), Scope::Own, "not All: Sales hides it");
        assert_eq!(both.scopes_by(EntityType::DEAL, |r| r.read), (Scope::All, vec![(SUPPORT, Scope::Own)]));
        // A role with no rights on deals at all adds nothing anywhere.
        let outsider = hiding(EntityType::LEAD, Scope::All, &[]);
        assert_eq!(
            Rights::union([&sales, &outsider]).scope_in(EntityType::DEAL, Some(SUPPORT), Action::Read),
            Scope::None
        );
        // Two roles that both hide it: hidden.
        let other = hiding(EntityType::DEAL, Scope::Department, &[SUPPORT]);
        let hidden = Rights::union([&sales, &other]);
        assert!(!hidden.sees_pipeline(EntityType::DEAL, SUPPORT));
        assert_eq!(hidden.scope_in(EntityType::DEAL, Some(3), Action::Read), Scope::All, "a pipeline nobody hides");
        // Admins see every pipeline.
        let admin = Rights { admin: true, ..hidden };
        assert!(admin.sees_pipeline(EntityType::DEAL, SUPPORT));
        assert_eq!(admin.scopes_by(EntityType::DEAL, |r| r.read), (Scope::All, vec![]));
    }

    #[test]
    fn rights_without_pipelines_read_as_before() {
        let old = r#"{"entities":{"deal":{"read":"all"}},"my_view":true,"admin":false}"#;
        let r: Rights = serde_json::from_str(old).expect("rights of before");
        assert!(r.pipelines.is_empty());
        assert_eq!(r.scope_in(EntityType::DEAL, Some(SUPPORT), Action::Read), Scope::All);
        assert!(!serde_json::to_string(&r).expect("written").contains("pipelines"));
        let hidden = hiding(EntityType::DEAL, Scope::All, &[SUPPORT]);
        let back: Rights = serde_json::from_str(&serde_json::to_string(&hidden).expect("written")).expect("read back");
        assert_eq!(back, hidden);
    }

    #[test]
    fn a_department_cannot_be_put_inside_itself() {
        // 1 ─ 2 ─ 3, and 4 alone
        let tree = [(1, None), (2, Some(1)), (3, Some(2)), (4, None)];
        assert!(parent_allowed(&tree, 4, Some(3)));
        assert!(parent_allowed(&tree, 3, None));
        assert!(!parent_allowed(&tree, 1, Some(3)), "1 would be inside its own grandchild");
        assert!(!parent_allowed(&tree, 2, Some(2)), "its own parent");
        assert!(parent_allowed(&tree, 5, Some(1)), "a new department anywhere");
    }

    #[test]
    fn scopes_round_trip_through_their_codes_and_order_by_reach() {
        for s in Scope::ALL {
            assert_eq!(Scope::from_code(s.code()), Some(s));
        }
        assert!(Scope::None < Scope::Own && Scope::Own < Scope::Department && Scope::Department < Scope::All);
    }
}
