//! Card settings mode (⚙): sections and fields moved by drag and drop (pointer: mouse and
//! touch; keyboard: Space lifts, arrows move, Space drops, Escape cancels, each step announced),
//! fields hidden and shown, sections created, renamed and deleted, tabs hidden and reordered,
//! and the layout history with rollback. Every change shows at once and is saved as layout
//! operations shortly after; a failed save is shown and undone on screen.

use super::CardCtx;
use crate::api::fields::{delete_field, get_field_settings};
use crate::api::layouts::{layout_history, rollback_layout, save_layout};
use crate::api::types::{FieldAdmin, LayoutSaved, LayoutVersionView};
use crate::domain::layout_ops::{apply, LayoutOp};
use crate::domain::timeline::format_time;
use crate::domain::FieldDef;
use crate::domain::{Layout, TabCode};
use crate::error::AppError;
use crate::text;
use crate::ui::admin::field_form::FieldForm;
use crate::ui::browser::{self, DropPoint};
use crate::ui::common::handle_error;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// How long edits gather before they are saved together.
const SAVE_DELAY_MS: u32 = 400;

#[derive(Clone, Debug, PartialEq)]
enum Status {
    Idle,
    Saving,
    Saved(Option<String>),
    Failed(String),
}

#[derive(Clone, Debug, PartialEq)]
enum Dragged {
    Field(String),
    Section(String),
    Tab(TabCode),
}

/// The drop zone of the tab list: tabs are drop targets inside it, like fields in a section.
const TAB_ZONE: &str = "__tabs";

/// How close to the window's top or bottom edge a dragged pointer scrolls the page, and how far
/// each step scrolls.
const EDGE_PX: i32 = 60;
const SCROLL_STEP_PX: i32 = 24;

/// The settings-mode state shared by its parts.
#[derive(Clone, Copy)]
pub struct Editor {
    pub(super) ctx: CardCtx,
    /// What the screen shows: the confirmed layout with the unsaved operations applied.
    draft: RwSignal<Layout>,
    /// What the server last acknowledged.
    confirmed: RwSignal<Layout>,
    version: RwSignal<i64>,
    pending: StoredValue<Vec<LayoutOp>>,
    ticket: StoredValue<u32>,
    status: RwSignal<Status>,
    announce: RwSignal<String>,
    /// A keyboard drag: what is lifted and the layout before it was.
    lifted: RwSignal<Option<(Dragged, Layout)>>,
    /// A pointer drag and where it would land.
    pointer: RwSignal<Option<Dragged>>,
    drop_at: RwSignal<Option<DropPoint>>,
    /// The pointer's last height during a drag, for scrolling near the window's edges.
    pointer_y: StoredValue<i32>,
    /// What the field dialogs need, loaded when settings mode opens.
    admin: RwSignal<Option<FieldAdmin>>,
    /// The open field dialog: (section, field to configure; `None` creates one there).
    dialog: RwSignal<Option<(String, Option<String>)>>,
    /// The custom field whose deletion awaits confirmation.
    deleting: RwSignal<Option<String>>,
}

impl Editor {
    fn known(&self) -> impl Fn(&str) -> bool + '_ {
        move |code: &str| self.ctx.fields.with_value(|f| f.iter().any(|d| d.code == code))
    }

    fn label(&self, code: &str) -> String {
        self.ctx.field(code).map(|f| f.label).unwrap_or_else(|| code.to_string())
    }

    fn section_title(&self, id: &str) -> String {
        self.draft
            .with_untracked(|l| l.sections.iter().find(|s| s.id == id).map(|s| s.title.clone()))
            .unwrap_or_default()
    }

    /// Applies an operation on screen now and queues it for saving.
    fn act(&self, op: LayoutOp) {
        let mut layout = self.draft.get_untracked();
        let result = {
            let known = self.known();
            apply(&mut layout, &op, &known)
        };
        match result {
            Ok(_) => {
                self.draft.set(layout);
                self.pending.update_value(|p| p.push(op));
                self.schedule();
            }
            Err(c) => self.status.set(Status::Failed(text::layout_conflict(&c))),
        }
    }

    /// A field was created in `section`: the card knows it now, and shows it at the section's end.
    /// Changes the card's list of fields and the field dialogs' copy alike.
    fn change_fields(&self, change: impl Fn(&mut Vec<FieldDef>)) {
        self.ctx.fields.update_value(&change);
        self.admin.update(|a| {
            if let Some(a) = a {
                change(&mut a.fields);
            }
        });
    }

    fn field_created(&self, section: String, def: FieldDef) {
        let code = def.code.clone();
        self.change_fields(|f| f.push(def.clone()));
        let after = self.draft.with_untracked(|l| l.sections.iter().find(|s| s.id == section)?.fields.last().cloned());
        self.dialog.set(None);
        self.act(LayoutOp::ShowField { code, section, after });
    }

    /// A field's settings changed: labels and rules on screen follow.
    fn field_configured(&self, def: FieldDef) {
        self.change_fields(|list| {
            if let Some(slot) = list.iter_mut().find(|f| f.code == def.code) {
                *slot = def.clone();
            }
        });
        self.dialog.set(None);
        self.draft.update(|_| ());
        self.ctx.layout.update(|_| ());
    }

    /// A custom field and its values are gone: take it off the card.
    fn field_deleted(&self, code: &str) {
        let label = self.label(code);
        self.change_fields(|f| f.retain(|d| d.code != code));
        self.ctx.values.update(|v| {
            v.remove(code);
        });
        let keep = |c: &str| c != code;
        self.draft.update(|l| l.retain_fields(keep));
        self.confirmed.update(|l| l.retain_fields(keep));
        self.ctx.layout.update(|l| l.retain_fields(keep));
        self.deleting.set(None);
        self.announce.set(text::field_deleted(&label));
    }

    fn schedule(&self) {
        let ticket = self.ticket.get_value().wrapping_add(1);
        self.ticket.set_value(ticket);
        let me = *self;
        spawn_local(async move {
            browser::sleep(SAVE_DELAY_MS).await;
            if me.ticket.get_value() == ticket {
                me.flush().await;
            }
        });
    }

    /// Sends the queued operations; on success shows the server's layout (with anything others
    /// saved meanwhile) plus what was done since, on failure undoes them on screen.
    pub(super) async fn flush(&self) {
        let ops = std::mem::take(&mut *self.pending.write_value());
        if ops.is_empty() {
            return;
        }
        self.status.set(Status::Saving);
        let result = save_layout(
            self.ctx.entity_slug(),
            self.ctx.pipeline_id(),
            self.ctx.repeat_lead(),
            self.ctx.editing.get_untracked(),
            self.version.get_untracked(),
            ops,
        )
        .await;
        match result {
            Ok(saved) => self.accept(saved),
            Err(e) => {
                handle_error(&e);
                let mut layout = self.confirmed.get_untracked();
                let later = self.pending.get_value();
                let known = self.known();
                for op in &later {
                    let _ = apply(&mut layout, op, &known);
                }
                self.draft.set(layout);
                self.status.set(Status::Failed(e.message()));
            }
        }
    }

    pub(super) fn accept(&self, saved: LayoutSaved) {
        self.version.set(saved.version);
        self.confirmed.set(saved.layout.clone());
        self.ctx.layout.set(saved.layout.clone());
        let mut layout = saved.layout;
        let later = self.pending.get_value();
        let known = self.known();
        for op in &later {
            let _ = apply(&mut layout, op, &known);
        }
        self.draft.set(layout);
        let note = if !saved.conflicts.is_empty() {
            Some(format!(
                "{} {}",
                text::layout_partly(),
                saved.conflicts.iter().map(|c| c.message.clone()).collect::<Vec<_>>().join(" ")
            ))
        } else if saved.rebased {
            Some(text::layout_merged().to_string())
        } else {
            None
        };
        self.status.set(Status::Saved(note));
    }

    fn handle_selector(d: &Dragged) -> String {
        match d {
            Dragged::Field(code) => format!("[data-field-handle='{code}']"),
            Dragged::Section(id) => format!("[data-section-handle='{id}']"),
            Dragged::Tab(t) => format!("[data-tab-handle='{}']", t.slug()),
        }
    }

    /// Starts a pointer drag; while it lasts, holding the pointer near the top or bottom of the
    /// window scrolls the page, so a field can travel to a section out of sight. With reduced
    /// motion asked for, the page moves in still steps of most of a window, not a glide.
    fn pointer_down(&self, what: Dragged, y: i32) {
        self.pointer.set(Some(what));
        self.pointer_y.set_value(y);
        let me = *self;
        let still = browser::prefers_reduced_motion();
        spawn_local(async move {
            while me.pointer.with_untracked(Option::is_some) {
                let y = me.pointer_y.get_value();
                let height = browser::window_height();
                let px = if still { (height * 2 / 3).max(SCROLL_STEP_PX) } else { SCROLL_STEP_PX };
                let step = if y < EDGE_PX {
                    -px
                } else if height > 0 && y > height - EDGE_PX {
                    px
                } else {
                    0
                };
                if step != 0 {
                    browser::scroll_by(step);
                }
                browser::sleep(if still { 700 } else { 30 }).await;
            }
        });
    }

    /// Keyboard drag and drop on a handle.
    fn key(&self, what: Dragged, ev: leptos::ev::KeyboardEvent) {
        let name = match &what {
            Dragged::Field(code) => self.label(code),
            Dragged::Section(id) => self.section_title(id),
            Dragged::Tab(t) => text::tab(*t).to_string(),
        };
        let holding = self.lifted.with_untracked(|l| l.as_ref().map(|(d, _)| d.clone()));
        match ev.key().as_str() {
            " " | "Spacebar" => {
                ev.prevent_default();
                match holding {
                    None => {
                        self.lifted.set(Some((what, self.draft.get_untracked())));
                        self.announce.set(text::lifted(&name));
                    }
                    Some(d) if d == what => self.drop_lifted(&name),
                    Some(_) => {}
                }
            }
            "ArrowUp" | "ArrowDown" | "ArrowLeft" | "ArrowRight" if holding.as_ref() == Some(&what) => {
                ev.prevent_default();
                let down = ev.key() == "ArrowDown" || ev.key() == "ArrowRight";
                let mut layout = self.draft.get_untracked();
                let message = match &what {
                    Dragged::Field(code) => step_field(&mut layout, code, down)
                        .map(|(pos, count, section)| text::moved_to(&name, pos, count, &section)),
                    Dragged::Section(id) => step_section(&mut layout, id, down)
                        .map(|(pos, count)| text::moved_to(&name, pos, count, text::configure_card())),
                    Dragged::Tab(t) => step_tab(&mut layout, *t, down)
                        .map(|(pos, count)| text::moved_to(&name, pos, count, text::tabs())),
                };
                if let Some(m) = message {
                    self.draft.set(layout);
                    self.announce.set(m);
                }
                let sel = Self::handle_selector(&what);
                refocus(sel);
            }
            "Escape" if holding.as_ref() == Some(&what) => {
                ev.prevent_default();
                if let Some((_, before)) = self.lifted.get_untracked() {
                    self.draft.set(before);
                }
                self.lifted.set(None);
                self.announce.set(text::cancelled(&name));
                let sel = Self::handle_selector(&what);
                refocus(sel);
            }
            _ => {}
        }
    }

    /// Ends a keyboard drag: the previewed place becomes one operation.
    fn drop_lifted(&self, name: &str) {
        let Some((what, before)) = self.lifted.get_untracked() else { return };
        self.lifted.set(None);
        let now = self.draft.get_untracked();
        self.draft.set(before);
        let op = match &what {
            Dragged::Field(code) => now.sections.iter().find_map(|s| {
                let p = s.fields.iter().position(|c| c == code)?;
                Some(LayoutOp::MoveField {
                    code: code.clone(),
                    section: s.id.clone(),
                    after: p.checked_sub(1).map(|q| s.fields[q].clone()),
                })
            }),
            Dragged::Section(id) => now.sections.iter().position(|s| s.id == *id).map(|p| LayoutOp::MoveSection {
                id: id.clone(),
                after: p.checked_sub(1).map(|q| now.sections[q].id.clone()),
            }),
            Dragged::Tab(t) => now
                .tabs
                .iter()
                .position(|x| x.code == *t)
                .map(|p| LayoutOp::MoveTab { tab: *t, after: p.checked_sub(1).map(|q| now.tabs[q].code) }),
        };
        if let Some(op) = op {
            let place = match &op {
                LayoutOp::MoveField { section, .. } => self.section_title(section),
                LayoutOp::MoveTab { .. } => text::tabs().to_string(),
                _ => String::new(),
            };
            self.act(op);
            self.announce.set(text::dropped(name, &place));
        }
        let sel = Self::handle_selector(&what);
        refocus(sel);
    }

    fn pointer_move(&self, x: i32, y: i32) {
        if self.pointer.with_untracked(Option::is_some) {
            self.pointer_y.set_value(y);
            self.drop_at.set(browser::drop_point(x, y));
        }
    }

    /// Ends a pointer drag where it was let go.
    fn pointer_up(&self) {
        let (Some(what), Some(at)) = (self.pointer.get_untracked(), self.drop_at.get_untracked()) else {
            self.pointer.set(None);
            self.drop_at.set(None);
            return;
        };
        self.pointer.set(None);
        self.drop_at.set(None);
        let layout = self.draft.get_untracked();
        // Fields and sections land among sections, tabs among tabs.
        if (at.section == TAB_ZONE) != matches!(what, Dragged::Tab(_)) {
            return;
        }
        let op = match what {
            Dragged::Tab(tab) => {
                let others: Vec<TabCode> = layout.tabs.iter().map(|t| t.code).filter(|c| *c != tab).collect();
                let Some(target) = at.field.as_deref().and_then(TabCode::from_slug) else { return };
                if target == tab {
                    return;
                }
                let p = others.iter().position(|c| *c == target).unwrap_or(others.len());
                let p = if at.upper { p } else { p + 1 };
                LayoutOp::MoveTab { tab, after: p.checked_sub(1).map(|q| others[q]) }
            }
            Dragged::Field(code) => {
                let Some(section) = layout.sections.iter().find(|s| s.id == at.section) else { return };
                let others: Vec<&String> = section.fields.iter().filter(|c| **c != code).collect();
                let after = match &at.field {
                    Some(f) if *f == code => return,
                    Some(f) => {
                        let p = others.iter().position(|c| *c == f).unwrap_or(others.len());
                        let p = if at.upper { p } else { p + 1 };
                        p.checked_sub(1).map(|q| others[q].clone())
                    }
                    None => others.last().map(|c| (*c).clone()),
                };
                LayoutOp::MoveField { code, section: at.section.clone(), after }
            }
            Dragged::Section(id) => {
                if at.section == id {
                    return;
                }
                let others: Vec<&String> = layout.sections.iter().map(|s| &s.id).filter(|s| **s != id).collect();
                let p = others.iter().position(|s| **s == at.section).unwrap_or(others.len());
                let p = if at.upper { p } else { p + 1 };
                LayoutOp::MoveSection { id, after: p.checked_sub(1).map(|q| others[q].clone()) }
            }
        };
        self.act(op);
    }
}

/// Puts focus back on a drag handle once the re-render it waits for has run: the render is
/// queued on the same executor first, so this runs after it and before the next key press.
fn refocus(selector: String) {
    spawn_local(async move { browser::focus(&selector) });
}

/// Moves a field one place up or down, across section borders; returns its new position.
fn step_field(layout: &mut Layout, code: &str, down: bool) -> Option<(usize, usize, String)> {
    let si = layout.sections.iter().position(|s| s.fields.iter().any(|c| c == code))?;
    let fi = layout.sections[si].fields.iter().position(|c| c == code)?;
    let len = layout.sections[si].fields.len();
    let target = match (down, fi) {
        (false, 0) if si > 0 => {
            layout.sections[si].fields.remove(fi);
            layout.sections[si - 1].fields.push(code.to_string());
            si - 1
        }
        (false, 0) => return None,
        (false, _) => {
            layout.sections[si].fields.swap(fi, fi - 1);
            si
        }
        (true, _) if fi + 1 < len => {
            layout.sections[si].fields.swap(fi, fi + 1);
            si
        }
        (true, _) if si + 1 < layout.sections.len() => {
            layout.sections[si].fields.remove(fi);
            layout.sections[si + 1].fields.insert(0, code.to_string());
            si + 1
        }
        (true, _) => return None,
    };
    let s = &layout.sections[target];
    Some((s.fields.iter().position(|c| c == code)? + 1, s.fields.len(), s.title.clone()))
}

fn step_tab(layout: &mut Layout, tab: TabCode, down: bool) -> Option<(usize, usize)> {
    let i = layout.tabs.iter().position(|t| t.code == tab)?;
    let j = if down { i + 1 } else { i.checked_sub(1)? };
    if j >= layout.tabs.len() {
        return None;
    }
    layout.tabs.swap(i, j);
    Some((j + 1, layout.tabs.len()))
}

fn step_section(layout: &mut Layout, id: &str, down: bool) -> Option<(usize, usize)> {
    let i = layout.sections.iter().position(|s| s.id == id)?;
    let j = if down { i + 1 } else { i.checked_sub(1)? };
    if j >= layout.sections.len() {
        return None;
    }
    layout.sections.swap(i, j);
    Some((j + 1, layout.sections.len()))
}

/// A fresh section id, unique enough within one layout.
fn new_section_id(layout: &Layout) -> String {
    (1..).map(|n| format!("section{n}")).find(|id| layout.sections.iter().all(|s| s.id != *id)).unwrap_or_default()
}

#[component]
pub fn LayoutEditorPanel(version: i64) -> impl IntoView {
    let ctx = expect_context::<CardCtx>();
    let start = ctx.layout.get_untracked();
    let ed = Editor {
        ctx,
        draft: RwSignal::new(start.clone()),
        confirmed: RwSignal::new(start),
        version: RwSignal::new(version),
        pending: StoredValue::new(vec![]),
        ticket: StoredValue::new(0),
        status: RwSignal::new(Status::Idle),
        announce: RwSignal::new(String::new()),
        lifted: RwSignal::new(None),
        pointer: RwSignal::new(None),
        drop_at: RwSignal::new(None),
        pointer_y: StoredValue::new(0),
        admin: RwSignal::new(None),
        dialog: RwSignal::new(None),
        deleting: RwSignal::new(None),
    };
    if ctx.admin {
        spawn_local(async move {
            match get_field_settings(ed.ctx.entity_slug()).await {
                Ok(a) => ed.admin.set(Some(a)),
                Err(e) => {
                    handle_error(&e);
                    ed.status.set(Status::Failed(e.message()));
                }
            }
        });
    }
    let creating = RwSignal::new(false);
    let new_title = RwSignal::new(String::new());
    let create = move || {
        let title = new_title.get_untracked();
        let layout = ed.draft.get_untracked();
        ed.act(LayoutOp::CreateSection {
            id: new_section_id(&layout),
            title,
            after: layout.sections.last().map(|s| s.id.clone()),
        });
        new_title.set(String::new());
        creating.set(false);
    };
    let finish = move |_| {
        spawn_local(async move {
            ed.ticket.set_value(ed.ticket.get_value().wrapping_add(1));
            ed.flush().await;
            if !matches!(ed.status.get_untracked(), Status::Failed(_)) {
                ed.ctx.reload_layout();
            }
        });
    };
    view! {
        <div
            class="layout-editor"
            class:dragging=move || ed.pointer.with(Option::is_some)
            on:pointermove=move |ev| ed.pointer_move(ev.client_x(), ev.client_y())
            on:pointerup=move |_| ed.pointer_up()
            on:pointercancel=move |_| {
                ed.pointer.set(None);
                ed.drop_at.set(None);
            }
        >
            <div class="editor-bar">
                <strong>{text::configure_card()}</strong>
                <span class="save-status" role="status">
                    {move || match ed.status.get() {
                        Status::Idle => String::new(),
                        Status::Saving => text::saving().to_string(),
                        Status::Saved(None) => text::saved().to_string(),
                        Status::Saved(Some(note)) => format!("{} — {note}", text::saved()),
                        Status::Failed(m) => format!("{}: {m}", text::save_failed()),
                    }}
                </span>
                <button type="button" class="primary" on:click=finish>{text::finish_configuration()}</button>
            </div>
            <super::views::ViewsPanel ed/>
            <p class="hint">{text::drag_hint()}</p>
            <div class="sr-only" aria-live="assertive">{move || ed.announce.get()}</div>
            // Keyed by id alone: a section editor follows its own title and fields, so a change to
            // them (a drag step, or another admin's save arriving) never makes it anew and loses
            // what is open in it (a field being created, a rename, a confirmation).
            <For each=move || ed.draft.get().sections key=|s| s.id.clone() let:section>
                <SectionEditor ed section_id=section.id.clone()/>
            </For>
            {move || if creating.get() {
                view! {
                    <form class="create-section" on:submit=move |ev| {
                        ev.prevent_default();
                        create();
                    }>
                        <input type="text" aria-label=text::section_name() placeholder=text::section_name() autofocus
                            prop:value=move || new_title.get() on:input=move |ev| new_title.set(event_target_value(&ev))/>
                        <button type="submit" class="primary">{text::create()}</button>
                        <button type="button" on:click=move |_| creating.set(false)>{text::cancel()}</button>
                    </form>
                }.into_any()
            } else {
                view! { <button type="button" class="link create" on:click=move |_| creating.set(true)>"+ "{text::create_section()}</button> }.into_any()
            }}
            <TabsEditor ed/>
            <HistoryPanel ed/>
        </div>
    }
}

#[component]
fn SectionEditor(ed: Editor, section_id: String) -> impl IntoView {
    let id = StoredValue::new(section_id.clone());
    // Memos: a step of a drag changes the draft, and only the sections whose fields or title
    // changed render again, a moved row moved rather than made anew (INP, docs/PERFORMANCE.md).
    let title = Memo::new(move |_| {
        ed.draft.with(|l| l.sections.iter().find(|s| s.id == id.get_value()).map(|s| s.title.clone()))
    });
    let fields = Memo::new(move |_| {
        ed.draft.with(|l| l.sections.iter().find(|s| s.id == id.get_value()).map(|s| s.fields.clone()))
    });
    let fields = move || fields.get().unwrap_or_default();
    let title = move || title.get().unwrap_or_default();
    let renaming = RwSignal::new(false);
    let rename_to = RwSignal::new(String::new());
    let deleting = RwSignal::new(false);
    let selecting = RwSignal::new(false);
    // Every field of the type: ticked where the card shows it, unticked where hidden.
    let all_fields = move || {
        let shown: Vec<String> = ed.draft.with(|l| l.field_codes().map(String::from).collect());
        ed.ctx.fields.with_value(|f| {
            f.iter().map(|d| (d.code.clone(), d.label.clone(), shown.contains(&d.code))).collect::<Vec<_>>()
        })
    };
    let is_target =
        move || ed.drop_at.with(|d| d.as_ref().is_some_and(|d| d.section == id.get_value() && d.field.is_none()));
    view! {
        <section
            class="card-section layout-section"
            class:lifted=move || ed.lifted.with(|l| matches!(l, Some((Dragged::Section(s), _)) if *s == id.get_value()))
            class:drop-target=is_target
            data-drop-section=section_id.clone()
            data-section=section_id.clone()
        >
            <header class="section-head">
                <button
                    type="button"
                    class="handle"
                    data-section-handle=section_id.clone()
                    aria-label=move || text::move_handle(title())
                    aria-roledescription="drag handle"
                    on:keydown=move |ev| ed.key(Dragged::Section(id.get_value()), ev)
                    on:pointerdown=move |ev| {
                        ev.prevent_default();
                        ed.pointer_down(Dragged::Section(id.get_value()), ev.client_y());
                    }
                >"⠿"</button>
                {move || if renaming.get() {
                    view! {
                        <form class="rename" on:submit=move |ev| {
                            ev.prevent_default();
                            ed.act(LayoutOp::RenameSection { id: id.get_value(), title: rename_to.get_untracked() });
                            renaming.set(false);
                        }>
                            <input type="text" aria-label=text::section_name() autofocus prop:value=move || rename_to.get()
                                on:input=move |ev| rename_to.set(event_target_value(&ev))/>
                            <button type="submit" class="primary">{text::save()}</button>
                            <button type="button" on:click=move |_| renaming.set(false)>{text::cancel()}</button>
                        </form>
                    }.into_any()
                } else {
                    view! {
                        <h2>{title}</h2>
                        <button type="button" class="link" aria-label=text::rename() title=text::rename() on:click=move |_| {
                            rename_to.set(title());
                            renaming.set(true);
                        }>"✎"</button>
                        <button type="button" class="link danger" on:click=move |_| deleting.set(true)>{text::delete_section()}</button>
                    }.into_any()
                }}
            </header>
            <Show when=move || deleting.get()>
                <div class="confirm-delete" role="alert">
                    <p>{text::delete_section_warning()}</p>
                    <button type="button" class="primary" on:click=move |_| {
                        deleting.set(false);
                        ed.act(LayoutOp::DeleteSection { id: id.get_value() });
                    }>{text::delete()}</button>
                    <button type="button" on:click=move |_| deleting.set(false)>{text::cancel()}</button>
                </div>
            </Show>
            <ul class="layout-fields">
                <For each=fields key=|code| code.clone() let:code>
                {
                    let label = ed.label(&code);
                    let c = StoredValue::new(code.clone());
                    let mark = move |upper: bool| ed.drop_at.with(|d| d.as_ref().is_some_and(|d| d.field.as_deref() == Some(c.get_value().as_str()) && d.upper == upper));
                    view! {
                        <li
                            data-drop-field=code.clone()
                            data-field=code.clone()
                            class:lifted=move || ed.lifted.with(|l| matches!(l, Some((Dragged::Field(f), _)) if *f == c.get_value()))
                            class:drop-before=move || mark(true)
                            class:drop-after=move || mark(false)
                        >
                            <button
                                type="button"
                                class="handle"
                                data-field-handle=code.clone()
                                aria-label=text::move_handle(&label)
                                aria-roledescription="drag handle"
                                on:keydown=move |ev| ed.key(Dragged::Field(c.get_value()), ev)
                                on:pointerdown=move |ev| {
                                    ev.prevent_default();
                                    ed.pointer_down(Dragged::Field(c.get_value()), ev.client_y());
                                }
                            >"⠿"</button>
                            <span class="label">{label.clone()}</span>
                            <button type="button" class="link" on:click=move |_| ed.act(LayoutOp::HideField { code: c.get_value() })>{text::hide()}</button>
                            {ed.ctx.admin.then(|| view! {
                                <button type="button" class="link" disabled=move || ed.admin.with(Option::is_none)
                                    on:click=move |_| ed.dialog.set(Some((id.get_value(), Some(c.get_value()))))>{text::configure()}</button>
                            })}
                            {(ed.ctx.admin && ed.ctx.field(&code).is_some_and(|d| !d.system)).then(|| view! {
                                <button type="button" class="link danger" on:click=move |_| ed.deleting.set(Some(c.get_value()))>{text::delete()}</button>
                            })}
                            <Show when=move || ed.deleting.get().as_deref() == Some(c.get_value().as_str())>
                                <ConfirmFieldDelete ed code=c.get_value()/>
                            </Show>
                            <Show when=move || ed.dialog.with(|d| matches!(d, Some((_, Some(f))) if *f == c.get_value()))>
                                <FieldDialog ed section=id.get_value() code=Some(c.get_value())/>
                            </Show>
                        </li>
                    }
                }
                </For>
            </ul>
            <Show when=move || ed.dialog.with(|d| matches!(d, Some((s, None)) if *s == id.get_value()))>
                <FieldDialog ed section=id.get_value() code=None/>
            </Show>
            {ed.ctx.admin.then(|| view! {
                <button type="button" class="link" disabled=move || ed.admin.with(Option::is_none)
                    on:click=move |_| ed.dialog.set(Some((id.get_value(), None)))>"+ "{text::create_field()}</button>
            })}
            <button type="button" class="link" aria-expanded=move || selecting.get().to_string() on:click=move |_| selecting.update(|s| *s = !*s)>
                {text::select_field()}
            </button>
            <Show when=move || selecting.get()>
                <ul class="select-field">
                    {move || {
                        let all = all_fields();
                        if all.iter().all(|(_, _, shown)| *shown) {
                            view! { <li class="empty">{text::no_hidden_fields()}</li> }.into_any()
                        } else {
                            ().into_any()
                        }
                    }}
                    {move || all_fields().into_iter().map(|(code, label, shown)| {
                        let c = code.clone();
                        view! {
                            <li>
                                <label>
                                    <input type="checkbox" data-show-field=code prop:checked=shown on:change=move |ev| {
                                        if event_target_checked(&ev) {
                                            let after = fields().last().cloned();
                                            ed.act(LayoutOp::ShowField { code: c.clone(), section: id.get_value(), after });
                                        } else {
                                            ed.act(LayoutOp::HideField { code: c.clone() });
                                        }
                                    }/>
                                    {label}
                                </label>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </Show>
        </section>
    }
}

/// The create/configure dialog inside settings mode.
#[component]
fn FieldDialog(ed: Editor, section: String, code: Option<String>) -> impl IntoView {
    let Some(admin) = ed.admin.get_untracked() else { return ().into_any() };
    let existing = code.as_ref().and_then(|c| admin.fields.iter().find(|f| f.code == *c).cloned());
    let admin = StoredValue::new(admin);
    let creating = code.is_none();
    let section = StoredValue::new(section);
    let on_done = Callback::new(move |def: FieldDef| {
        if creating {
            ed.field_created(section.get_value(), def);
        } else {
            ed.field_configured(def);
        }
    });
    let on_cancel = Callback::new(move |_| ed.dialog.set(None));
    view! { <div class="field-dialog"><FieldForm admin existing on_done on_cancel/></div> }.into_any()
}

/// "Delete field?" with the warning that its values go too.
#[component]
fn ConfirmFieldDelete(ed: Editor, code: String) -> impl IntoView {
    let label = ed.label(&code);
    let code = StoredValue::new(code);
    let busy = RwSignal::new(false);
    let confirm = move |_| {
        busy.set(true);
        spawn_local(async move {
            match delete_field(ed.ctx.entity_slug(), code.get_value()).await {
                Ok(()) => ed.field_deleted(&code.get_value()),
                Err(e) => {
                    handle_error(&e);
                    ed.status.set(Status::Failed(e.message()));
                    ed.deleting.set(None);
                }
            }
            busy.set(false);
        });
    };
    view! {
        <div class="confirm-delete" role="alert">
            <p>{text::delete_field_warning(&label)}</p>
            <button type="button" class="primary danger" disabled=move || busy.get() on:click=confirm>{text::delete_field()}</button>
            <button type="button" on:click=move |_| ed.deleting.set(None)>{text::cancel()}</button>
        </div>
    }
}

/// The tabs: drag a handle (pointer or keyboard) to reorder, Hide / Show each.
#[component]
fn TabsEditor(ed: Editor) -> impl IntoView {
    let mark = move |slug: &'static str, upper: bool| {
        ed.drop_at.with(|d| {
            d.as_ref().is_some_and(|d| d.section == TAB_ZONE && d.field.as_deref() == Some(slug) && d.upper == upper)
        })
    };
    view! {
        <section class="card-section tabs-editor" data-drop-section=TAB_ZONE>
            <header class="section-head"><h2>{text::tabs()}</h2></header>
            <ul class="layout-fields">
                <For each=move || ed.draft.get().tabs key=|t| (t.code, t.hidden) let:t>
                    {
                        let code = t.code;
                        let slug = code.slug();
                        view! {
                            <li data-tab=slug data-drop-field=slug class:hidden-tab=t.hidden
                                class:lifted=move || ed.lifted.with(|l| matches!(l, Some((Dragged::Tab(x), _)) if *x == code))
                                class:drop-before=move || mark(slug, true)
                                class:drop-after=move || mark(slug, false)
                            >
                                <button
                                    type="button"
                                    class="handle"
                                    data-tab-handle=slug
                                    aria-label=text::move_handle(text::tab(code))
                                    aria-roledescription="drag handle"
                                    on:keydown=move |ev| ed.key(Dragged::Tab(code), ev)
                                    on:pointerdown=move |ev| {
                                        ev.prevent_default();
                                        ed.pointer_down(Dragged::Tab(code), ev.client_y());
                                    }
                                >"⠿"</button>
                                <span class="label">{text::tab(code)}</span>
                                <button type="button" class="link" on:click=move |_| ed.act(if t.hidden { LayoutOp::ShowTab { tab: code } } else { LayoutOp::HideTab { tab: code } })>
                                    {if t.hidden { text::show() } else { text::hide() }}
                                </button>
                            </li>
                        }
                    }
                </For>
            </ul>
        </section>
    }
}

#[component]
fn HistoryPanel(ed: Editor) -> impl IntoView {
    let open = RwSignal::new(false);
    let versions: RwSignal<Vec<LayoutVersionView>> = RwSignal::new(vec![]);
    let load = move || {
        spawn_local(async move {
            match layout_history(
                ed.ctx.entity_slug(),
                ed.ctx.pipeline_id(),
                ed.ctx.repeat_lead(),
                ed.ctx.editing.get_untracked(),
            )
            .await
            {
                Ok(v) => versions.set(v),
                Err(e) => ed.status.set(Status::Failed(e.message())),
            }
        });
    };
    let roll_back = move |to: i64| {
        spawn_local(async move {
            ed.ticket.set_value(ed.ticket.get_value().wrapping_add(1));
            ed.flush().await;
            match rollback_layout(
                ed.ctx.entity_slug(),
                ed.ctx.pipeline_id(),
                ed.ctx.repeat_lead(),
                ed.ctx.editing.get_untracked(),
                to,
            )
            .await
            {
                Ok(saved) => {
                    ed.accept(saved);
                    load();
                }
                Err(AppError::Unauthenticated) => handle_error(&AppError::Unauthenticated),
                Err(e) => ed.status.set(Status::Failed(e.message())),
            }
        });
    };
    view! {
        <section class="card-section layout-history">
            <button type="button" class="link" aria-expanded=move || open.get().to_string() on:click=move |_| {
                open.update(|o| *o = !*o);
                if open.get_untracked() {
                    load();
                }
            }>{text::layout_history()}</button>
            <Show when=move || open.get()>
                <ol class="versions">
                    {move || versions.get().into_iter().enumerate().map(|(i, v)| {
                        let label = move |code: &str| ed.label(code);
                        let changes: Vec<String> = v.changes.iter().map(|c| text::change_text(c, &label)).collect();
                        let to = v.version;
                        view! {
                            <li data-version=v.version>
                                <div class="event-head">
                                    <strong>{text::version_label(v.version)}</strong>
                                    <span class="who">{v.author.clone().unwrap_or_else(|| text::system_author().to_string())}</span>
                                    <time>{format_time(v.at)}</time>
                                </div>
                                {v.rollback_to.map(|r| view! { <p>{text::rolled_back_to(r)}</p> })}
                                <ul class="changes">{changes.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}</ul>
                                {(i > 0).then(|| view! {
                                    <button type="button" class="link" on:click=move |_| roll_back(to)>{text::roll_back()}</button>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ol>
            </Show>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::layout::Section;

    fn layout() -> Layout {
        Layout {
            sections: vec![
                Section { id: "a".into(), title: "A".into(), fields: vec!["x".into(), "y".into()] },
                Section { id: "b".into(), title: "B".into(), fields: vec!["z".into()] },
            ],
            tabs: crate::domain::catalog::fallback_layout(crate::domain::EntityType::DEAL).tabs,
        }
    }

    #[test]
    fn arrow_keys_step_a_field_across_section_borders() {
        let mut l = layout();
        assert_eq!(step_field(&mut l, "y", true), Some((1, 2, "B".into())));
        assert_eq!(l.sections[1].fields, ["y", "z"]);
        assert_eq!(step_field(&mut l, "y", false), Some((2, 2, "A".into())));
        assert_eq!(step_field(&mut l, "x", false), None, "the top stays the top");
    }

    #[test]
    fn arrow_keys_step_a_tab_and_stop_at_the_ends() {
        let mut l = layout();
        let first = l.tabs[0].code;
        assert_eq!(step_tab(&mut l, first, false), None);
        assert_eq!(step_tab(&mut l, first, true), Some((2, l.tabs.len())));
        assert_eq!(l.tabs[1].code, first);
    }

    #[test]
    fn arrow_keys_step_a_section_and_new_ids_are_unique() {
        let mut l = layout();
        assert_eq!(step_section(&mut l, "a", true), Some((2, 2)));
        assert_eq!(step_section(&mut l, "a", true), None);
        assert_eq!(new_section_id(&l), "section1");
    }
}
