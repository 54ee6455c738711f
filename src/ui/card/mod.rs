//! The card of an item: header, stage bar, tabs, sections of fields, timeline.

pub mod field_display;
pub mod field_input;
pub mod header;
pub mod history;
pub mod item_picker;
pub mod relations;
pub mod section;
pub mod settings;
pub mod stage_bar;
pub mod tabs;
pub mod views;

use crate::api::types::{CardData, CardLayout, ItemHeader, UserRef, ViewState};
use crate::domain::timeline::{Cursor, TimelineEvent};
use crate::domain::value::Names;
use crate::domain::views::ViewRef;
use crate::domain::{FieldDef, Layout, Pipeline, TabCode, Values};
use crate::text;
use crate::ui::timeline::Timeline;
use field_input::EditForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_location, use_query_map};
use std::collections::BTreeSet;

#[derive(Clone, Debug, PartialEq)]
pub enum NoticeKind {
    Info,
    Error,
}

/// The card's state, shared by its parts. `values` always belong to `header.version`: whatever
/// advances the version also brings the values of that version.
#[derive(Clone, Copy)]
pub struct CardCtx {
    pub header: RwSignal<ItemHeader>,
    pub values: RwSignal<Values>,
    pub names: RwSignal<Names>,
    pub fields: StoredValue<Vec<FieldDef>>,
    pub users: StoredValue<Vec<UserRef>>,
    /// Its pipeline with the stages; an administrator's renaming or recolouring reaches an open
    /// card with the layout events (`show_layout`).
    pub pipeline: RwSignal<Option<Pipeline>>,
    pub events: RwSignal<Vec<TimelineEvent>>,
    pub next: RwSignal<Option<Cursor>>,
    pub notice: RwSignal<Option<(NoticeKind, String)>>,
    /// Fields to highlight as needing a value (a refused stage move).
    pub highlight: RwSignal<BTreeSet<String>>,
    /// The layout the card shows.
    pub layout: RwSignal<Layout>,
    /// Settings mode, with the layout version it started from.
    pub configuring: RwSignal<Option<i64>>,
    /// The view settings mode changes.
    pub editing: RwSignal<ViewRef>,
    /// An admin's views, departments and users for the views panel (loaded with settings mode).
    pub views_admin: RwSignal<Option<crate::api::types::ViewsAdmin>>,
    /// ⚙ is offered: an admin, or someone who may have a view of their own.
    pub can_configure: bool,
    /// The viewer administers the CRM.
    pub admin: bool,
    /// Nothing can be changed (a preview, or no update scope).
    pub read_only: bool,
    /// An admin's preview as someone else (the card does not follow layout changes).
    pub preview: bool,
    /// The viewer may move the item to the recycle bin.
    pub can_delete: bool,
    /// In the recycle bin since then (an administrator looking; read-only).
    pub deleted_at: Option<i64>,
    /// Types whose items link to this one that the viewer may create from here.
    pub create_here: StoredValue<Vec<crate::api::types::TypeName>>,
    /// The type has several pipelines (Change pipeline).
    pub several_pipelines: bool,
    /// The view the card shows and the others open to the viewer.
    pub view: RwSignal<ViewState>,
    /// The offer to switch on one's own view (⚙ for a user without one).
    pub offer_own: RwSignal<bool>,
    /// Every section's edit form with its "being edited" flag: a layout change waits while one
    /// is edited ([`CardCtx::editing`]), and leaving asks while one holds typing
    /// ([`CardCtx::unsaved`]).
    pub forms: RwSignal<Vec<(EditForm, RwSignal<bool>)>>,
    /// A layout that arrived while a section was being edited or the card configured, shown
    /// once that ends (an effect in [`Card`]).
    pub waiting_layout: RwSignal<Option<CardLayout>>,
}

impl CardCtx {
    pub fn field(&self, code: &str) -> Option<FieldDef> {
        self.fields.with_value(|f| f.iter().find(|d| d.code == code).cloned())
    }

    pub fn entity_slug(&self) -> String {
        self.header.with_untracked(|h| h.entity.slug().to_string())
    }

    /// The deal pipeline whose card layout this card shows.
    pub fn pipeline_id(&self) -> Option<i64> {
        self.header.with_untracked(|h| h.pipeline_id)
    }

    /// A repeat lead's card (arranged apart from regular leads' cards).
    pub fn repeat_lead(&self) -> Option<bool> {
        self.header.with_untracked(|h| h.repeat_lead.then_some(true))
    }

    pub fn id(&self) -> i64 {
        self.header.with_untracked(|h| h.id)
    }

    /// The item as the server now has it.
    pub fn apply(&self, version: i64, values: Values, names: Names) {
        self.names.update(|n| {
            n.users.extend(names.users);
            n.items.extend(names.items);
        });
        self.values.set(values);
        self.header.update(|h| h.version = h.version.max(version));
    }

    pub fn prepend_event(&self, event: Option<TimelineEvent>) {
        if let Some(e) = event {
            self.events.update(|list| {
                if !list.iter().any(|x| x.id == e.id) {
                    list.insert(0, e);
                }
            });
        }
    }

    /// A section is being edited (tracked where it is read).
    pub fn editing(&self) -> bool {
        self.forms.with(|f| f.iter().any(|(_, editing)| editing.try_get() == Some(true)))
    }

    /// Something typed in a section being edited is not saved yet.
    pub fn unsaved(&self) -> bool {
        self.forms
            .try_with_untracked(|f| {
                f.iter().any(|(form, editing)| editing.try_get_untracked() == Some(true) && form.has_changes())
            })
            .unwrap_or(false)
    }

    pub fn say(&self, kind: NoticeKind, message: impl Into<String>) {
        self.notice.set(Some((kind, message.into())));
    }

    /// Shows the view (and fields) the server gives now, where they differ from the screen. While
    /// a section is being edited or the card configured, it waits for that to end: replacing
    /// the sections would close an open form.
    pub fn show_layout(&self, fresh: CardLayout) {
        // The stage bar is not part of any form: renamed or recoloured stages show at once.
        let pipeline = self.pipeline_id().and_then(|id| fresh.pipelines.iter().find(|p| p.id == id));
        if let Some(p) = pipeline {
            if self.pipeline.with_untracked(|c| c.as_ref() != Some(p)) {
                self.pipeline.set(Some(p.clone()));
            }
        }
        if self.configuring.with_untracked(Option::is_some) || untrack(|| self.editing()) {
            self.waiting_layout.set(Some(fresh));
            return;
        }
        self.waiting_layout.set(None);
        // Compared whole, not by the view's token: after settings mode the screen may hold
        // another view's layout than the viewer's, under the same token. The sections read the
        // fields when drawn, so new fields redraw them.
        let new_fields = self.fields.with_value(|f| *f != fresh.fields);
        if new_fields {
            self.fields.set_value(fresh.fields);
        }
        if self.view.with_untracked(|v| *v != fresh.view) {
            self.view.set(fresh.view);
        }
        if new_fields || self.layout.with_untracked(|l| *l != fresh.layout) {
            self.layout.set(fresh.layout);
        }
    }

    /// Fetches the card's view again and shows it (after switching views or configuring),
    /// leaving settings mode in the same step: the sections are then drawn once, from the
    /// fresh layout, and a click on them is not lost to a second drawing.
    pub fn reload_layout(&self) {
        let ctx = *self;
        leptos::task::spawn_local(async move {
            let fresh =
                crate::api::layouts::get_card_layout(ctx.entity_slug(), ctx.pipeline_id(), ctx.repeat_lead()).await;
            ctx.configuring.set(None);
            match fresh {
                Ok(fresh) => ctx.show_layout(fresh),
                Err(e) => {
                    crate::ui::common::handle_error(&e);
                    ctx.say(NoticeKind::Error, e.message());
                }
            }
        });
    }
}

#[component]
pub fn Card(data: CardData) -> impl IntoView {
    let CardData {
        header,
        fields,
        layout,
        values,
        names,
        pipeline,
        several_pipelines,
        users,
        timeline,
        can_configure,
        view,
        read_only,
        preview_of,
        admin,
        types,
        can_delete,
        deleted_at,
        create_here,
    } = data;
    let preview = preview_of.is_some();
    let ctx = CardCtx {
        header: RwSignal::new(header),
        values: RwSignal::new(values),
        names: RwSignal::new(names),
        fields: StoredValue::new(fields),
        users: StoredValue::new(users),
        pipeline: RwSignal::new(pipeline),
        several_pipelines,
        events: RwSignal::new(timeline.events),
        next: RwSignal::new(timeline.next),
        notice: RwSignal::new(None),
        highlight: RwSignal::new(BTreeSet::new()),
        layout: RwSignal::new(layout),
        configuring: RwSignal::new(None),
        editing: RwSignal::new(view.active),
        views_admin: RwSignal::new(None),
        can_configure: can_configure && !preview,
        admin: admin && !preview,
        read_only,
        preview,
        can_delete: can_delete && !preview,
        deleted_at,
        create_here: StoredValue::new(if preview || deleted_at.is_some() { vec![] } else { create_here }),
        view: RwSignal::new(view),
        offer_own: RwSignal::new(false),
        waiting_layout: RwSignal::new(None),
        forms: RwSignal::new(Vec::new()),
    };
    provide_context(ctx);
    // Item pickers and the field form name entity types from it.
    provide_context(types);
    if !preview {
        watch_layout(ctx);
    }
    // A layout that waited for an edit or settings mode is shown once they end.
    Effect::new(move |_| {
        if ctx.configuring.with(Option::is_some) || ctx.editing() {
            return;
        }
        if let Some(fresh) = ctx.waiting_layout.get() {
            ctx.show_layout(fresh);
        }
    });
    // "Save or cancel … first" (⚙ during an edit) is over once no section is being edited.
    Effect::new(move |_| {
        let stale = !ctx.editing()
            && ctx.notice.with_untracked(|n| n.as_ref().is_some_and(|(_, m)| m == text::save_edit_first()));
        if stale {
            ctx.notice.set(None);
        }
    });
    // Effects run in the browser only: there, the editors' code is compiled before the first
    // edit. A read-only card has no edits.
    if !read_only {
        Effect::new(move |_| section::warm_up(ctx));
        let location = use_location();
        let here = move || {
            let path = location.pathname.try_get_untracked()?;
            let query = location.search.try_get_untracked()?;
            Some(if query.is_empty() { path } else { format!("{path}?{query}") })
        };
        Effect::new(move |_| {
            let id = crate::ui::browser::guard_leaving(text::leave_unsaved(), move || ctx.unsaved(), here);
            on_cleanup(move || crate::ui::browser::unguard(id));
        });
    }
    let query = use_query_map();
    let visible = Memo::new(move |_| ctx.layout.with(|l| l.visible_tabs().collect::<Vec<TabCode>>()));
    let tab = Memo::new(move |_| {
        let visible = visible.get();
        let first = visible.first().copied().unwrap_or(TabCode::General);
        query.read().get("tab").and_then(|t| TabCode::from_slug(&t)).filter(|t| visible.contains(t)).unwrap_or(first)
    });
    let on_general = move || ctx.configuring.with(Option::is_some) || tab.get() == TabCode::General;
    // leptos_meta may call this after the card is gone (navigating to another card).
    let title = move || ctx.header.try_with(|h| h.title.clone()).unwrap_or_default();
    view! {
        <Title text=move || crate::text::page_title(&title())/>
        {preview_of.map(|who| view! {
            <div class="notice info preview-banner" role="status">
                <span>{text::preview_banner(&who)}</span>
                <a href=format!("/crm/{}/{}", ctx.entity_slug(), ctx.id())>{text::exit_preview()}</a>
            </div>
        })}
        <article
            class="card"
            class:read-only=read_only
            data-entity=move || ctx.entity_slug()
            data-version=move || ctx.header.with(|h| h.version)
            data-view=move || ctx.view.with(|v| v.active.scope())
        >
            <header::CardHeader/>
            <stage_bar::StageBar/>
            <Notice/>
            <tabs::Tabs tabs=visible active=tab/>
            <div class="card-body">
                // General stays in the page behind the other tabs, so a section being edited
                // keeps what was typed while the viewer looks at History. Settings mode stays
                // on screen whatever tab order it makes.
                <Show when=move || ctx.configuring.with(Option::is_some) || visible.with(|v| v.contains(&TabCode::General))>
                    <div class="tab-panel" hidden=move || !on_general()>
                        <General/>
                    </div>
                </Show>
                {move || match tab.get() {
                    _ if on_general() => ().into_any(),
                    TabCode::General => ().into_any(),
                    TabCode::Relations => view! { <relations::RelationsTab/> }.into_any(),
                    TabCode::History => view! { <history::HistoryTab/> }.into_any(),
                }}
            </div>
        </article>
    }
}

/// Keeps the card's layout current: when the layout changes elsewhere (another admin, another
/// tab), the card fetches it and shows it, without a reload. While the viewer configures the
/// card or edits a section, the new layout waits (`show_layout`), so nothing typed is lost.
fn watch_layout(ctx: CardCtx) {
    Effect::new(move |_| {
        let entity = ctx.entity_slug();
        let (pipeline, repeat_lead) = (ctx.pipeline_id(), ctx.repeat_lead());
        let key = crate::domain::views::watch_key(&entity, pipeline, repeat_lead);
        let id = crate::ui::shared_events::watch_layout(&key, move || {
            let entity = entity.clone();
            leptos::task::spawn_local(async move {
                if let Ok(fresh) = crate::api::layouts::get_card_layout(entity, pipeline, repeat_lead).await {
                    ctx.show_layout(fresh);
                }
            });
        });
        on_cleanup(move || crate::ui::shared_events::unwatch(id));
    });
}

#[component]
fn General() -> impl IntoView {
    let ctx = expect_context::<CardCtx>();
    view! {
        <div class="general">
            <div class="sections">
                {move || ctx.offer_own.get().then(|| view! { <views::OwnViewOffer/> })}
                {move || match ctx.configuring.get() {
                    Some(version) => view! { <settings::LayoutEditorPanel version/> }.into_any(),
                    None => ctx
                        .layout
                        .get()
                        .sections
                        .into_iter()
                        .map(|s| view! { <section::SectionView section=s/> })
                        .collect_view()
                        .into_any(),
                }}
            </div>
            <Timeline/>
        </div>
    }
}

#[component]
fn Notice() -> impl IntoView {
    let ctx = expect_context::<CardCtx>();
    move || {
        ctx.notice.get().map(|(kind, message)| {
            let (class, role) = match kind {
                NoticeKind::Info => ("notice info", "status"),
                NoticeKind::Error => ("notice error", "alert"),
            };
            view! {
                <div class=class role=role>
                    <span>{message}</span>
                    <button type="button" class="link" aria-label="Close" on:click=move |_| ctx.notice.set(None)>"×"</button>
                </div>
            }
        })
    }
}
