//! What travels between server and browser, apart from the domain types themselves.

use crate::domain::timeline::TimelinePage;
use crate::domain::value::Names;
use crate::domain::views::ViewRef;
use crate::domain::{EntityType, FieldDef, Layout, Pipeline, Value, Values};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: i64,
    pub name: String,
    pub email: String,
    /// May change CRM settings (a role's admin flag, or the user's own).
    pub is_admin: bool,
    pub department_id: Option<i64>,
    /// The union of the user's roles.
    #[serde(default)]
    pub rights: crate::domain::access::Rights,
    /// The language they chose (`None`: their browser's).
    #[serde(default)]
    pub language: Option<String>,
    /// Their time zone (`None`: UTC until a sign-in stores the browser's).
    #[serde(default)]
    pub time_zone: Option<String>,
    /// What the product remembers for them (`server::store::choices`): read with the session,
    /// so a page costs no statement for it.
    #[serde(default)]
    pub choices: std::collections::BTreeMap<String, String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserRef {
    pub id: i64,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemLink {
    pub entity: EntityType,
    pub id: i64,
    pub title: String,
}

impl ItemLink {
    pub fn href(&self) -> String {
        format!("/crm/{}/{}", self.entity, self.id)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemHeader {
    pub id: i64,
    pub entity: EntityType,
    pub title: String,
    pub version: i64,
    pub pipeline_id: Option<i64>,
    pub stage_id: Option<i64>,
    pub responsible: Option<UserRef>,
    pub created_at: i64,
    pub updated_at: i64,
    /// A lead from a client already known (its card may be arranged apart).
    #[serde(default)]
    pub repeat_lead: bool,
}

/// An entity type as pages name it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypeName {
    pub entity: EntityType,
    pub name: String,
    pub plural: String,
    /// Shown in the main menu.
    #[serde(default)]
    pub in_menu: bool,
}

impl TypeName {
    pub fn of(def: &crate::domain::TypeDef) -> TypeName {
        let (name, plural) = def.shown_names();
        TypeName { entity: def.entity, name, plural, in_menu: def.options.in_menu }
    }
}

/// The entity types a page may mention, in menu order: the ones the viewer may read.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypeNames(pub Vec<TypeName>);

impl TypeNames {
    /// "Deal"; the code for a type the page does not know.
    pub fn name(&self, e: EntityType) -> String {
        self.0.iter().find(|t| t.entity == e).map_or_else(|| e.slug().to_string(), |t| t.name.clone())
    }

    pub fn plural(&self, e: EntityType) -> String {
        self.0.iter().find(|t| t.entity == e).map_or_else(|| e.slug().to_string(), |t| t.plural.clone())
    }

    pub fn entities(&self) -> Vec<EntityType> {
        self.0.iter().map(|t| t.entity).collect()
    }
}

/// An item in the recycle bin.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BinItem {
    pub id: i64,
    pub entity: EntityType,
    pub type_name: String,
    pub title: String,
    pub deleted_at: i64,
    pub deleted_by: Option<String>,
}

/// The recycle bin as one user sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecycleBin {
    pub items: Vec<BinItem>,
    /// Everybody's deletions (administrators), else only the user's own.
    pub everybody: bool,
    /// Days after which the server deletes an item of the bin for good.
    pub days: i64,
}

/// Settings → Smart processes: every entity type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypesAdmin {
    pub types: Vec<crate::domain::TypeDef>,
}

/// A kanban board: the stages of one pipeline as columns of the items the reader reaches.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Board {
    pub entity: EntityType,
    /// "Deals".
    pub plural: String,
    /// Every pipeline of the type, `(id, name)`, for the switcher.
    pub pipelines: Vec<(i64, String)>,
    pub pipeline: Pipeline,
    /// One per stage, in the pipeline's order.
    pub columns: Vec<BoardColumn>,
    pub search: Option<String>,
    /// The pipeline's change token when the board was read (an open board polls for another).
    pub token: String,
    /// The user shows final stages as columns (else as drop zones below the board).
    #[serde(default)]
    pub finals_as_columns: bool,
    /// The reader may create items (quick add) / move them (their update scope reaches some).
    pub can_create: bool,
    pub can_move: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardColumn {
    pub stage_id: i64,
    /// Items in the stage the reader reaches (with the search).
    pub count: i64,
    /// Their amounts summed, one per currency, as the reader writes money.
    pub sums: Vec<String>,
    /// The newest first, a page at a time.
    pub cards: Vec<BoardCard>,
    /// Pass as `before` for the column's next page.
    pub next: Option<i64>,
}

/// One item on a board.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardCard {
    pub id: i64,
    pub title: String,
    pub version: i64,
    pub amount: Option<String>,
    /// The company, else the contact, where the reader sees those fields.
    pub client: Option<String>,
    pub responsible: Option<String>,
    pub updated_at: i64,
}

/// Settings → Pipelines and stages of one type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PipelinesAdmin {
    pub entity: EntityType,
    /// "Deals".
    pub plural: String,
    /// The type may have several pipelines.
    pub several: bool,
    /// In order, each with its stages in order; names in the reader's language where seeded.
    pub pipelines: Vec<Pipeline>,
    /// Items per stage id (recycled ones too: they keep their stage); stages not named hold none.
    pub held: Vec<(i64, i64)>,
    /// The types with stages, for the page's switcher.
    pub types: Vec<TypeName>,
}

impl PipelinesAdmin {
    /// How many items a stage holds.
    pub fn held_in(&self, stage: i64) -> i64 {
        self.held.iter().find(|(s, _)| *s == stage).map_or(0, |(_, n)| *n)
    }
}

/// What deleting a smart process would take with it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypeContents {
    pub name: String,
    pub items: i64,
    pub custom_fields: i64,
    pub files: i64,
    /// Types whose items link to it (it cannot be deleted while they do).
    pub linked_from: Vec<String>,
}

/// The frame around every signed-in page: who is signed in and the main menu.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Frame {
    pub name: String,
    pub is_admin: bool,
    pub types: TypeNames,
    /// The types whose menu link opens the kanban: the user last looked at them there.
    #[serde(default)]
    pub boards: Vec<EntityType>,
}

/// Everything the card page needs in one answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CardData {
    pub header: ItemHeader,
    /// The fields the viewer may see.
    pub fields: Vec<FieldDef>,
    pub layout: Layout,
    pub values: Values,
    pub names: Names,
    pub pipeline: Option<Pipeline>,
    /// The type has several pipelines: the card offers Change pipeline.
    #[serde(default)]
    pub several_pipelines: bool,
    /// Choices of user fields.
    pub users: Vec<UserRef>,
    pub timeline: TimelinePage,
    /// The viewer may change the card's layout (settings mode).
    pub can_configure: bool,
    /// The view shown and the others open to the viewer.
    pub view: ViewState,
    /// Nothing on the card can be changed (a preview, or no update scope).
    pub read_only: bool,
    /// Set when an admin previews the card as someone else: whom.
    pub preview_of: Option<String>,
    /// The viewer administers the CRM (all views, fields, preview).
    pub admin: bool,
    /// Names of the types the viewer may read (the card's own first is not guaranteed).
    pub types: TypeNames,
    /// The viewer's delete scope reaches the item (the card offers Delete).
    #[serde(default)]
    pub can_delete: bool,
    /// Types whose items link to this one and that the viewer may create: "+ New …" from here.
    #[serde(default)]
    pub create_here: Vec<TypeName>,
    /// In the recycle bin since then (only administrators open such a card, read-only).
    #[serde(default)]
    pub deleted_at: Option<i64>,
}

/// What the new-item form needs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewItemForm {
    pub entity: EntityType,
    /// The type's name ("Delivery").
    pub name: String,
    /// Items of the type may be repeat leads (leads).
    pub repeat_items: bool,
    /// Names of the types an item field may point to.
    pub types: TypeNames,
    /// Values the form starts with (the link to the item it is created from).
    #[serde(default)]
    pub values: Values,
    /// Titles of the items those values point to.
    #[serde(default)]
    pub titles: std::collections::BTreeMap<i64, String>,
    pub fields: Vec<FieldDef>,
    pub layout: Layout,
    pub pipelines: Vec<Pipeline>,
    pub users: Vec<UserRef>,
    pub me: i64,
}

/// A successful save: the item as it now is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Saved {
    pub version: i64,
    pub title: String,
    pub values: Values,
    pub names: Names,
    pub responsible: Option<UserRef>,
    /// Someone else saved meanwhile and their changes to other fields were kept.
    pub merged: bool,
    pub event: Option<crate::domain::TimelineEvent>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StageMoved {
    pub version: i64,
    pub stage_id: i64,
    pub event: Option<crate::domain::TimelineEvent>,
    /// The values at `version` (others may have saved since the card was loaded).
    pub values: Values,
    pub names: Names,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ListRow {
    pub id: i64,
    pub title: String,
    pub stage: Option<crate::domain::timeline::StageRef>,
    pub responsible: Option<String>,
    pub amount: Option<String>,
    pub updated_at: i64,
    #[serde(default)]
    pub repeat_lead: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ListPage {
    pub entity: EntityType,
    /// The type's names ("Delivery", "Deliveries").
    pub name: String,
    pub plural: String,
    pub rows: Vec<ListRow>,
    /// Pass as `before` for the next page.
    pub next: Option<i64>,
    pub pipelines: Vec<Pipeline>,
    /// The reader's create and export scopes reach something (else New / Export are not shown).
    pub can_create: bool,
    pub can_export: bool,
    /// The reader's delete scope reaches something (rows can be chosen and deleted).
    #[serde(default)]
    pub can_delete: bool,
    /// The list's change token when it was read (an open list polls for another).
    #[serde(default)]
    pub token: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relation {
    pub field_label: String,
    /// This item's field points at the other item (else the other item's field points here).
    pub outgoing: bool,
    pub item: ItemLink,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryRow {
    pub id: i64,
    pub field_label: String,
    pub old: String,
    pub new: String,
    pub author: Option<String>,
    pub at: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryPage {
    pub rows: Vec<HistoryRow>,
    pub next: Option<i64>,
}

/// A value as the card shows it, used by the conflict message.
pub fn shown(def: &FieldDef, value: Option<&Value>, names: &crate::domain::value::Names) -> String {
    value.map(|v| crate::domain::value::display(def, v, names)).unwrap_or_default()
}

/// What the card's settings mode needs: the layout as it is, and every field (shown or not).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LayoutEditor {
    /// The view being configured.
    pub view: ViewRef,
    pub version: i64,
    pub layout: Layout,
    pub fields: Vec<FieldDef>,
    /// Whether this user may change the layout.
    pub can_edit: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LayoutConflict {
    pub op: crate::domain::layout_ops::LayoutOp,
    pub message: String,
}

/// A layout save: the layout as it now is, and the operations that could not apply.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LayoutSaved {
    pub version: i64,
    pub layout: Layout,
    /// Someone else saved after the editor's version; these operations were applied on top.
    pub rebased: bool,
    pub conflicts: Vec<LayoutConflict>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LayoutVersionView {
    pub version: i64,
    pub author: Option<String>,
    pub at: i64,
    /// What changed from the version before.
    pub changes: Vec<crate::domain::layout_ops::LayoutChange>,
    /// Set when this version rolled back to an earlier one.
    pub rollback_to: Option<i64>,
}

/// What configuring fields needs (the card's field dialogs and CRM settings → Custom fields):
/// every field of the type, and the stages, users and departments its rules may name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldAdmin {
    pub entity: EntityType,
    /// Every entity type (the tabs of the page, the choices of a CRM-item field).
    pub types: TypeNames,
    pub fields: Vec<FieldDef>,
    pub pipelines: Vec<Pipeline>,
    pub users: Vec<UserRef>,
    pub departments: Vec<UserRef>,
}

/// A user as CRM settings → Access lists them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserRow {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub department_id: Option<i64>,
    pub roles: Vec<i64>,
    pub active: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepartmentRow {
    pub id: i64,
    pub name: String,
    pub parent_id: Option<i64>,
    pub head_id: Option<i64>,
}

/// What CRM settings → Access shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessAdmin {
    /// Every entity type: a role gives rights on each.
    pub types: TypeNames,
    pub users: Vec<UserRow>,
    pub departments: Vec<DepartmentRow>,
    pub roles: Vec<crate::domain::access::Role>,
    /// The pipelines (id, name) of each type with more than one: a role may be kept from some.
    pub pipelines: std::collections::BTreeMap<EntityType, Vec<(i64, String)>>,
    /// The administrator looking (who may not switch themselves off).
    pub me: i64,
}

/// A user as the Access form sends it. A password is needed for a new user; for an existing
/// one an empty password keeps the old.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserInput {
    pub name: String,
    pub email: String,
    #[serde(default)]
    pub password: String,
    pub department_id: Option<i64>,
    #[serde(default)]
    pub roles: Vec<i64>,
    pub active: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepartmentInput {
    pub name: String,
    pub parent_id: Option<i64>,
    pub head_id: Option<i64>,
}

/// The card layout as one user sees it now: sent to open cards when the layout changes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CardLayout {
    pub view: ViewState,
    pub layout: Layout,
    /// The fields the user may see.
    pub fields: Vec<FieldDef>,
    /// The type's pipelines with their stages as they are now (an open card's stage bar).
    #[serde(default)]
    pub pipelines: Vec<Pipeline>,
}

/// A view the user may switch to, with the name the switcher shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ViewOption {
    pub view: ViewRef,
    pub name: String,
}

/// Which card view a user sees and which others are open to them (docs/CARD_VIEWS.md).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ViewState {
    pub active: ViewRef,
    pub open: Vec<ViewOption>,
    /// The user's roles allow a view of their own.
    pub may_own: bool,
    pub own_enabled: bool,
    pub common_published: bool,
    pub common_forced: bool,
    /// Changes whenever what the card shows may change (view, its version, views' settings).
    pub token: String,
}

impl ViewState {
    pub fn active_name(&self) -> String {
        self.open.iter().find(|o| o.view == self.active).map(|o| o.name.clone()).unwrap_or_default()
    }
}

/// What the views part of card settings shows an administrator.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ViewsAdmin {
    pub common_published: bool,
    pub common_forced: bool,
    pub views: Vec<crate::domain::views::NamedView>,
    pub users: Vec<UserRef>,
    /// Departments by id and name.
    pub departments: Vec<UserRef>,
}

/// A named view as the admin's form sends it (no id: a new view, which starts as a copy of
/// `from`, the view being configured).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ViewInput {
    pub id: Option<i64>,
    pub name: String,
    pub users: Vec<i64>,
    pub departments: Vec<i64>,
    pub from: ViewRef,
}

/// Whom an admin previews the card as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum PreviewAs {
    User(i64),
    Department(i64),
}

impl PreviewAs {
    /// `user-5` / `department-2`, as in the preview page's address.
    pub fn slug(self) -> String {
        match self {
            PreviewAs::User(id) => format!("user-{id}"),
            PreviewAs::Department(id) => format!("department-{id}"),
        }
    }

    pub fn from_slug(s: &str) -> Option<PreviewAs> {
        let (kind, id) = s.split_once('-')?;
        let id = id.parse().ok()?;
        match kind {
            "user" => Some(PreviewAs::User(id)),
            "department" => Some(PreviewAs::Department(id)),
            _ => None,
        }
    }
}

/// A person's language and time zone, and what they may choose from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    /// The language code they chose; empty: their browser's.
    pub language: String,
    pub time_zone: String,
    /// IANA names, sorted, `UTC` last.
    pub time_zones: Vec<String>,
}
