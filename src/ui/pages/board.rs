//! The kanban board (`/crm/{type}/kanban?pipeline=N&q=…`): a column per stage of one pipeline,
//! with its item count, amounts and newest cards (more on demand). A card is dragged to another
//! column — by pointer (mouse, touch) or keyboard (Space lifts, arrows choose the column, Space
//! drops, Escape cancels; each step announced) — and the move goes through the same write
//! decision as the card's stage bar: a final stage asks first; a stage that requires fields the
//! item lacks opens a small form with just those and completes the move on Save; a move someone
//! else made first is shown and the board corrected; nothing moves on screen that the server
//! refused. Final stages fold into
//! drop zones below the board or show as columns, as this browser last chose. An open board
//! follows others' changes within five seconds. Without JavaScript it reads as columns of links.

use super::entity_param;
use crate::api::items::{
    create_item, get_board, get_board_column, get_board_token, get_card, get_new_item_form, move_stage,
    remember_board_finals, save_fields,
};
use crate::api::types::{Board, BoardCard};
use crate::domain::timeline::format_time;
use crate::domain::{EntityType, FieldDef, FieldInput, Stage};
use crate::error::AppError;
use crate::text;
use crate::ui::browser;
use crate::ui::card::field_input::{EditForm, FieldEditor};
use crate::ui::common::{handle_error, stage_style, AppFrame, ErrorPanel, Loaded};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::{use_params_map, use_query_map};

/// How often an open board asks whether anything changed.
const POLL_MS: u32 = 5_000;

#[component]
pub fn BoardPage() -> impl IntoView {
    let entity = entity_param();
    let params = use_params_map();
    let query = use_query_map();
    let key = move || {
        let q = query.read();
        (
            params.read().get("entity").unwrap_or_default(),
            q.get("pipeline").and_then(|s| s.parse::<i64>().ok()),
            q.get("q").filter(|s| !s.is_empty()),
        )
    };
    let data = Resource::new(key, |(e, pipeline, q)| get_board(e, pipeline, q));
    view! {
        <AppFrame active=entity>
            <Suspense fallback=|| view! { <p class="loading">{text::loading()}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(b) => Loaded(view! { <BoardView board=b/> }).into_any(),
                        Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </AppFrame>
    }
}

/// A card being moved: which, from which stage, to which (keyboard: the column chosen so far).
#[derive(Clone, Debug, PartialEq)]
struct Moving {
    card: BoardCard,
    from: i64,
    to: i64,
}

#[derive(Clone, Copy)]
struct Ctx {
    entity: EntityType,
    board: RwSignal<Board>,
    /// Final stages as columns (else drop zones below).
    finals_open: RwSignal<bool>,
    lifted: RwSignal<Option<Moving>>,
    pointer: RwSignal<Option<Moving>>,
    drop_at: RwSignal<Option<i64>>,
    /// A move to a final stage waiting for its confirmation.
    confirm: RwSignal<Option<Moving>>,
    /// A move or quick add refused for required fields: what to complete and those fields' codes.
    needs: RwSignal<Option<(Missing, Vec<String>)>>,
    busy: RwSignal<bool>,
    notice: RwSignal<Option<(bool, String)>>,
    announce: RwSignal<String>,
}

impl Ctx {
    fn stage(&self, id: i64) -> Option<Stage> {
        self.board.with_untracked(|b| b.pipeline.stage(id).cloned())
    }

    fn search(&self) -> Option<String> {
        self.board.with_untracked(|b| b.search.clone())
    }

    /// Loads the board again (after a move, or when the poll saw a change).
    async fn reload(&self) {
        // The board may have left the page while an answer was awaited.
        let Some((p, q)) = self.board.try_with_untracked(|b| (b.pipeline.id, b.search.clone())) else { return };
        let e = self.entity.slug().to_string();
        match get_board(e, Some(p), q).await {
            Ok(b) => {
                // The board may have left the page meanwhile.
                let _ = self.board.try_set(b);
            }
            Err(e) => handle_error(&e),
        }
    }

    /// Starts a move: a final stage asks first.
    fn attempt(&self, m: Moving) {
        if m.to == m.from {
            return;
        }
        match self.stage(m.to) {
            Some(s) if s.is_final() => self.confirm.set(Some(m)),
            Some(_) => self.go(m),
            None => {}
        }
    }

    /// Sends a move; the board changes only once the server has made it.
    fn go(&self, m: Moving) {
        let me = *self;
        me.confirm.set(None);
        me.busy.set(true);
        let stage_name = me.stage(m.to).map(|s| s.name).unwrap_or_default();
        spawn_local(async move {
            let result = move_stage(me.entity.slug().to_string(), m.card.id, m.card.version, m.to).await;
            match result {
                Ok(_) => {
                    me.reload().await;
                    me.notice.set(None);
                    me.announce.set(text::board_moved(&m.card.title, &stage_name));
                }
                Err(AppError::Conflict { fields, .. }) => {
                    let now = fields.first().map(|f| f.shown.clone()).unwrap_or_default();
                    me.notice.set(Some((true, text::conflict_message(&now))));
                    me.reload().await;
                }
                // The stage requires fields the item lacks: a small form asks for just those.
                Err(AppError::Validation { fields, .. }) if !fields.is_empty() => {
                    me.notice.set(None);
                    me.needs.set(Some((Missing::Move(m), fields.into_iter().map(|f| f.code).collect())));
                }
                Err(e) => {
                    handle_error(&e);
                    me.notice.set(Some((true, e.message())));
                }
            }
            me.busy.set(false);
        });
    }

    /// The stage ids in board order, for the keyboard.
    fn stage_ids(&self) -> Vec<i64> {
        self.board.with_untracked(|b| b.pipeline.stages.iter().map(|s| s.id).collect())
    }

    fn key(&self, card: BoardCard, from: i64, ev: leptos::ev::KeyboardEvent) {
        let holding = self.lifted.get_untracked().filter(|m| m.card.id == card.id);
        match ev.key().as_str() {
            " " | "Spacebar" => {
                ev.prevent_default();
                match holding {
                    None => {
                        self.announce.set(text::board_lifted(&card.title));
                        self.lifted.set(Some(Moving { card, from, to: from }));
                    }
                    Some(m) => {
                        self.lifted.set(None);
                        if m.to == m.from {
                            self.announce.set(text::cancelled(&m.card.title));
                        } else {
                            self.attempt(m);
                        }
                    }
                }
            }
            "ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown" if holding.is_some() => {
                ev.prevent_default();
                let Some(m) = holding else { return };
                let ids = self.stage_ids();
                let at = ids.iter().position(|s| *s == m.to).unwrap_or(0);
                let later = ev.key() == "ArrowRight" || ev.key() == "ArrowDown";
                let next = if later { (at + 1).min(ids.len().saturating_sub(1)) } else { at.saturating_sub(1) };
                let to = ids.get(next).copied().unwrap_or(m.to);
                let name = self.stage(to).map(|s| s.name).unwrap_or_default();
                self.announce.set(text::board_over(&m.card.title, &name, next + 1, ids.len()));
                self.lifted.set(Some(Moving { to, ..m }));
            }
            "Escape" if holding.is_some() => {
                ev.prevent_default();
                self.lifted.set(None);
                self.announce.set(text::cancelled(&card.title));
            }
            _ => {}
        }
    }

    fn pointer_move(&self, x: i32, y: i32) {
        if self.pointer.with_untracked(Option::is_some) {
            let at = browser::drop_point(x, y).and_then(|d| d.section.parse::<i64>().ok());
            if self.drop_at.get_untracked() != at {
                self.drop_at.set(at);
            }
        }
    }

    fn pointer_up(&self) {
        let (Some(m), at) = (self.pointer.get_untracked(), self.drop_at.get_untracked()) else { return };
        self.pointer.set(None);
        self.drop_at.set(None);
        if let Some(to) = at {
            self.attempt(Moving { to, ..m });
        }
    }
}

/// Follows others' changes: every few seconds asks whether the pipeline's items or the
/// configuration changed, and reloads the board when they did and nobody is mid-move.
/// Stops when the board leaves the page.
fn follow(ctx: Ctx) {
    use std::sync::atomic::{AtomicBool, Ordering};
    let shown = std::sync::Arc::new(AtomicBool::new(true));
    let on_page = shown.clone();
    on_cleanup(move || shown.store(false, Ordering::Relaxed));
    spawn_local(async move {
        loop {
            browser::sleep(POLL_MS).await;
            if !on_page.load(Ordering::Relaxed) {
                return;
            }
            let Some((pipeline, seen)) = ctx.board.try_with_untracked(|b| (b.pipeline.id, b.token.clone())) else {
                return;
            };
            let Ok(token) = get_board_token(ctx.entity.slug().to_string(), pipeline).await else { continue };
            if !on_page.load(Ordering::Relaxed) {
                return;
            }
            let quiet = !ctx.busy.get_untracked()
                && ctx.lifted.with_untracked(Option::is_none)
                && ctx.pointer.with_untracked(Option::is_none)
                && ctx.confirm.with_untracked(Option::is_none)
                && ctx.needs.with_untracked(Option::is_none);
            if token != seen && quiet && on_page.load(Ordering::Relaxed) {
                ctx.reload().await;
            }
        }
    });
}

#[component]
fn BoardView(board: Board) -> impl IntoView {
    let (e, finals_as_columns) = (board.entity, board.finals_as_columns);
    let ctx = Ctx {
        entity: e,
        board: RwSignal::new(board),
        finals_open: RwSignal::new(finals_as_columns),
        lifted: RwSignal::new(None),
        pointer: RwSignal::new(None),
        drop_at: RwSignal::new(None),
        confirm: RwSignal::new(None),
        needs: RwSignal::new(None),
        busy: RwSignal::new(false),
        notice: RwSignal::new(None),
        announce: RwSignal::new(String::new()),
    };
    Effect::new(move |first: Option<()>| {
        if first.is_none() {
            follow(ctx);
        }
    });
    let (plural, pipelines, current, search, can_create) = ctx.board.with_untracked(|b| {
        (b.plural.clone(), b.pipelines.clone(), b.pipeline.id, b.search.clone().unwrap_or_default(), b.can_create)
    });
    let q_suffix = if search.is_empty() { String::new() } else { format!("&q={}", super::list::urlencode(&search)) };
    let stages = move |finals: bool| {
        ctx.board
            .with(|b| b.pipeline.stages.iter().filter(|s| s.is_final() == finals).map(|s| s.id).collect::<Vec<_>>())
    };
    let toggle = move |_| {
        let open = !ctx.finals_open.get_untracked();
        ctx.finals_open.set(open);
        // Kept for the user on the server; the board shows the choice whether or not that lands.
        let slug = ctx.entity.slug().to_string();
        spawn_local(async move {
            let _ = remember_board_finals(slug, open).await;
        });
    };
    view! {
        <Title text=text::page_title(&plural)/>
        <div class="list-head">
            <h1>{plural.clone()}</h1>
            <ViewSwitch entity=e kanban=true/>
            {can_create.then(|| view! { <a class="button primary" href=format!("/crm/{e}/new")>{text::new()}</a> })}
        </div>
        {(pipelines.len() > 1).then(|| view! {
            <nav class="type-switch pipeline-switch" aria-label=text::pipeline()>
                {pipelines.iter().map(|(id, name)| view! {
                    <a href=format!("/crm/{e}/kanban?pipeline={id}{q_suffix}") aria-current=(*id == current).then_some("page")>{name.clone()}</a>
                }).collect_view()}
            </nav>
        })}
        <Form method="GET" action="" attr:class="filters">
            <input type="hidden" name="pipeline" value=current.to_string()/>
            <input type="search" name="q" value=search placeholder=text::search_placeholder() aria-label=text::search()/>
            <button type="submit">{text::filter()}</button>
            <button type="button" class="link board-finals-toggle" aria-pressed=move || ctx.finals_open.get().to_string() on:click=toggle>
                {text::board_finals_as_columns()}
            </button>
        </Form>
        {move || ctx.notice.get().map(|(error, m)| view! {
            <p class="notice" class:error=error role="alert">{m}</p>
        })}
        <div class="sr-only" aria-live="assertive">{move || ctx.announce.get()}</div>
        <div
            class="board-area"
            class:dragging=move || ctx.pointer.with(Option::is_some)
            on:pointermove=move |ev| ctx.pointer_move(ev.client_x(), ev.client_y())
            on:pointerup=move |_| ctx.pointer_up()
            on:pointercancel=move |_| {
                ctx.pointer.set(None);
                ctx.drop_at.set(None);
            }
            on:pointerleave=move |_| {
                ctx.pointer.set(None);
                ctx.drop_at.set(None);
            }
        >
        <div class="board">
            <For each=move || stages(false) key=|id| *id let:id>
                <Column ctx stage=id/>
            </For>
            <Show when=move || ctx.finals_open.get()>
                <For each=move || stages(true) key=|id| *id let:id>
                    <Column ctx stage=id/>
                </For>
            </Show>
        </div>
        <Show when=move || !ctx.finals_open.get()>
            <div class="board-finals" role="group" aria-label=text::stages_final()>
                <For each=move || stages(true) key=|id| *id let:id>
                    <FinalZone ctx stage=id/>
                </For>
            </div>
        </Show>
        </div>
        <ConfirmFinal ctx/>
        {move || ctx.needs.get().map(|(missing, codes)| view! { <RequiredFields ctx missing codes/> })}
    }
}

/// List ↔ Kanban, on every type with stages.
#[component]
pub fn ViewSwitch(entity: EntityType, kanban: bool) -> impl IntoView {
    view! {
        <nav class="view-switch" aria-label=text::view_mode()>
            <a href=format!("/crm/{entity}") aria-current=(!kanban).then_some("page")>{text::view_list()}</a>
            <a href=format!("/crm/{entity}/kanban") aria-current=kanban.then_some("page")>{text::view_kanban()}</a>
        </nav>
    }
}

/// The stage's head: name on its colour, count, amounts.
#[component]
fn ColumnHead(ctx: Ctx, stage: i64) -> impl IntoView {
    let info = move || ctx.board.with(|b| b.pipeline.stage(stage).cloned());
    let column =
        move || ctx.board.with(|b| b.columns.iter().find(|c| c.stage_id == stage).cloned().unwrap_or_default());
    view! {
        <header class="column-head" style=move || info().map(|s| stage_style(&s.color)).unwrap_or_default()>
            <h2>{move || info().map(|s| s.name).unwrap_or_default()}</h2>
            <span class="count">{move || column().count}</span>
            <span class="sums">{move || column().sums.join(" · ")}</span>
        </header>
    }
}

#[component]
fn Column(ctx: Ctx, stage: i64) -> impl IntoView {
    let e = ctx.entity;
    let column =
        move || ctx.board.with(|b| b.columns.iter().find(|c| c.stage_id == stage).cloned().unwrap_or_default());
    let first = move || ctx.board.with(|b| b.pipeline.stages.first().map(|s| s.id) == Some(stage));
    let more = move |_| {
        let Some(before) = column().next else { return };
        let q = ctx.search();
        spawn_local(async move {
            match get_board_column(e.slug().to_string(), stage, q, Some(before)).await {
                Ok(page) => ctx.board.update(|b| {
                    if let Some(c) = b.columns.iter_mut().find(|c| c.stage_id == stage) {
                        // A reload meanwhile may already show some of them.
                        let fresh: Vec<BoardCard> =
                            page.cards.into_iter().filter(|k| c.cards.iter().all(|x| x.id != k.id)).collect();
                        c.cards.extend(fresh);
                        c.next = page.next;
                    }
                }),
                Err(err) => {
                    handle_error(&err);
                    ctx.notice.set(Some((true, err.message())));
                }
            }
        });
    };
    let over = move || {
        ctx.drop_at.get() == Some(stage)
            || ctx.lifted.with(|m| m.as_ref().is_some_and(|m| m.to == stage && m.from != stage))
    };
    view! {
        <section class="board-column" data-drop-section=stage data-stage=stage class:drop-target=over>
            <ColumnHead ctx stage/>
            <Show when=move || first() && ctx.board.with(|b| b.can_create)>
                <QuickAdd ctx/>
            </Show>
            <ol class="board-cards">
                <For each=move || column().cards key=|c| (c.id, c.version) let:card>
                    <CardTile ctx card stage/>
                </For>
            </ol>
            <Show when=move || column().next.is_some()>
                <button type="button" class="link more" on:click=more>{text::load_more()}</button>
            </Show>
        </section>
    }
}

/// A folded final stage: a drop zone with its name and count.
#[component]
fn FinalZone(ctx: Ctx, stage: i64) -> impl IntoView {
    let over = move || {
        ctx.drop_at.get() == Some(stage)
            || ctx.lifted.with(|m| m.as_ref().is_some_and(|m| m.to == stage && m.from != stage))
    };
    view! {
        <section class="final-zone board-column" data-drop-section=stage data-stage=stage class:drop-target=over>
            <ColumnHead ctx stage/>
        </section>
    }
}

#[component]
fn CardTile(ctx: Ctx, card: BoardCard, stage: i64) -> impl IntoView {
    let e = ctx.entity;
    let id = card.id;
    let title = card.title.clone();
    let for_key = card.clone();
    let for_pointer = card.clone();
    view! {
        <li class="board-card" data-item=id
            class:lifted=move || ctx.lifted.with(|m| m.as_ref().is_some_and(|m| m.card.id == id))
            class:moving=move || ctx.pointer.with(|m| m.as_ref().is_some_and(|m| m.card.id == id))
        >
            {ctx.board.with_untracked(|b| b.can_move).then(|| view! {
                <button type="button" class="handle" data-card-handle=id
                    aria-label=text::move_handle(&title) aria-roledescription="drag handle"
                    disabled=move || ctx.busy.get()
                    on:keydown=move |ev| ctx.key(for_key.clone(), stage, ev)
                    on:pointerdown=move |ev| {
                        ev.prevent_default();
                        ctx.pointer.set(Some(Moving { card: for_pointer.clone(), from: stage, to: stage }));
                    }
                >"⠿"</button>
            })}
            <a class="card-title" href=format!("/crm/{e}/{id}")>{card.title.clone()}</a>
            {card.amount.map(|a| view! { <span class="amount">{a}</span> })}
            {card.client.map(|c| view! { <span class="client">{c}</span> })}
            <span class="meta">
                {card.responsible.map(|r| view! { <span class="responsible">{r}</span> })}
                <time>{format_time(card.updated_at)}</time>
            </span>
        </li>
    }
}

/// Quick add at the top of the first column: a title, then Enter.
#[component]
fn QuickAdd(ctx: Ctx) -> impl IntoView {
    let e = ctx.entity;
    let title = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let t = title.get_untracked();
        if t.trim().is_empty() {
            return;
        }
        let pipeline = ctx.board.with_untracked(|b| b.pipeline.id);
        let code = e.title_fields().first().copied().unwrap_or("title").to_string();
        let typed = t.clone();
        let values = [(code.clone(), FieldInput::Text(t))].into_iter().collect();
        spawn_local(async move {
            match create_item(e.slug().to_string(), Some(pipeline), values, None).await {
                Ok(_) => {
                    title.set(String::new());
                    ctx.notice.set(None);
                    ctx.reload().await;
                }
                // Fields a new item needs besides its title: asked for in the small form.
                Err(AppError::Validation { fields, .. }) if fields.iter().any(|f| f.code != code) => {
                    let codes = fields.into_iter().map(|f| f.code).filter(|c| *c != code).collect();
                    title.set(String::new());
                    ctx.notice.set(None);
                    ctx.needs.set(Some((Missing::Create { title: typed }, codes)));
                }
                Err(err) => {
                    handle_error(&err);
                    ctx.notice.set(Some((true, err.message())));
                }
            }
        });
    };
    view! {
        <form class="quick-add" on:submit=submit>
            <label class="sr-only" for="quick-add-title">{text::board_quick_add()}</label>
            <input id="quick-add-title" type="text" maxlength="250" placeholder=text::board_quick_add()
                prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev))/>
        </form>
    }
}

/// "Move to Deal won?" before a move to a final stage.
#[component]
fn ConfirmFinal(ctx: Ctx) -> impl IntoView {
    move || {
        ctx.confirm.get().map(|m| {
            let stage = ctx.stage(m.to);
            let go = m.clone();
            view! {
                <div class="modal-backdrop">
                    <div class="modal" role="dialog" aria-modal="true" aria-labelledby="confirm-board-title">
                        <h2 id="confirm-board-title">{text::confirm_final_stage()}</h2>
                        <p>{m.card.title.clone()}</p>
                        {stage.map(|s| view! { <p class="stage-badge" style=stage_style(&s.color)>{s.name}</p> })}
                        <div class="actions">
                            <button type="button" class="primary" on:click=move |_| ctx.go(go.clone())>{text::confirm()}</button>
                            <button type="button" on:click=move |_| ctx.confirm.set(None)>{text::cancel()}</button>
                        </div>
                    </div>
                </div>
            }
        })
    }
}

/// What the small form of required fields completes.
#[derive(Clone, Debug, PartialEq)]
enum Missing {
    /// A move the target stage refused for fields the item lacks.
    Move(Moving),
    /// A quick add refused for fields a new item needs: its title.
    Create { title: String },
}

/// What the form needs to draw the fields: their definitions, the values they start from, the
/// version a save of an existing item starts from, the users and type names pickers offer.
#[derive(Clone)]
struct MissingContext {
    defs: Vec<FieldDef>,
    values: crate::domain::Values,
    titles: std::collections::BTreeMap<i64, String>,
    version: i64,
    users: Vec<crate::api::types::UserRef>,
    types: crate::api::types::TypeNames,
}

/// The fields a stage (or a new item) requires and the item lacks, asked for in a small form:
/// Save writes them as the card would and then makes the move, or creates the item.
#[component]
fn RequiredFields(ctx: Ctx, missing: Missing, codes: Vec<String>) -> impl IntoView {
    let e = ctx.entity;
    let loaded: RwSignal<Option<Result<MissingContext, AppError>>> = RwSignal::new(None);
    let pick = move |fields: &[FieldDef]| -> Vec<FieldDef> {
        codes.iter().filter_map(|c| fields.iter().find(|f| f.code == *c).cloned()).collect()
    };
    let heading = match &missing {
        Missing::Move(m) => {
            let stage = ctx.stage(m.to).map(|s| s.name).unwrap_or_default();
            text::board_needs_fields(&m.card.title, &stage)
        }
        Missing::Create { title } => text::board_needs_fields_new(title),
    };
    let what = missing.clone();
    spawn_local(async move {
        let answer = match &what {
            Missing::Move(m) => get_card(e.slug().to_string(), m.card.id).await.map(|d| MissingContext {
                defs: pick(&d.fields),
                values: d.values,
                titles: d.names.items,
                version: d.header.version,
                users: d.users,
                types: d.types,
            }),
            Missing::Create { .. } => get_new_item_form(e.slug().to_string(), None).await.map(|f| MissingContext {
                defs: pick(&f.fields),
                values: f.values,
                titles: f.titles,
                version: 0,
                users: f.users,
                types: f.types,
            }),
        };
        let _ = loaded.try_set(Some(answer));
    });
    view! {
        <div class="modal-backdrop">
            <div class="modal required-fields" role="dialog" aria-modal="true" aria-labelledby="required-fields-title">
                <h2 id="required-fields-title">{heading}</h2>
                {move || match loaded.get() {
                    None => view! { <p class="loading">{text::loading()}</p> }.into_any(),
                    Some(Err(err)) => view! { <p class="form-error" role="alert">{err.message()}</p> }.into_any(),
                    Some(Ok(c)) => view! { <MissingFields ctx missing=missing.clone() context=c/> }.into_any(),
                }}
            </div>
        </div>
    }
}

#[component]
fn MissingFields(ctx: Ctx, missing: Missing, context: MissingContext) -> impl IntoView {
    let e = ctx.entity;
    provide_context(context.types.clone());
    let form = EditForm::new("required", e.slug(), context.users.clone());
    form.titles.set(context.titles.clone());
    form.start(context.defs.iter(), &context.values);
    let defs = StoredValue::new(context.defs);
    let version = context.version;
    let saving = RwSignal::new(false);
    let label = if matches!(missing, Missing::Move(_)) { text::board_save_and_move() } else { text::save() };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let values = form.all();
        if !defs.with_value(|d| form.check(d, &values)) {
            return;
        }
        saving.set(true);
        let missing = missing.clone();
        spawn_local(async move {
            let done = match &missing {
                Missing::Move(m) => match save_fields(e.slug().to_string(), m.card.id, version, values).await {
                    Ok(s) => move_stage(e.slug().to_string(), m.card.id, s.version, m.to).await.map(|_| ()),
                    Err(err) => Err(err),
                },
                Missing::Create { title } => {
                    let mut values = values;
                    let code = e.title_fields().first().copied().unwrap_or("title").to_string();
                    values.insert(code, FieldInput::Text(title.clone()));
                    let pipeline = ctx.board.with_untracked(|b| b.pipeline.id);
                    create_item(e.slug().to_string(), Some(pipeline), values, None).await.map(|_| ())
                }
            };
            saving.set(false);
            match done {
                Ok(()) => {
                    if let Missing::Move(m) = &missing {
                        let stage = ctx.stage(m.to).map(|s| s.name).unwrap_or_default();
                        ctx.announce.set(text::board_moved(&m.card.title, &stage));
                    }
                    ctx.needs.set(None);
                    ctx.reload().await;
                }
                Err(AppError::Validation { message, fields }) => {
                    form.errors.set(fields.into_iter().map(|f| (f.code, f.message)).collect());
                    form.message.set(Some(message));
                }
                Err(err) => {
                    handle_error(&err);
                    form.message.set(Some(err.message()));
                }
            }
        });
    };
    view! {
        <form class="new-item" novalidate on:submit=submit>
            {defs.get_value().into_iter().map(|def| view! { <FieldEditor def form/> }).collect_view()}
            {move || form.message.get().map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
            <div class="actions">
                <button type="submit" class="primary" disabled=move || saving.get()>{label}</button>
                <button type="button" on:click=move |_| ctx.needs.set(None)>{text::cancel()}</button>
            </div>
        </form>
    }
}
