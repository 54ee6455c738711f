//! Settings → Pipelines and stages (`/settings/pipelines/{type}`): a type's pipelines with their
//! stages. Stages are renamed and recoloured in place, added, turned into failure stages and
//! back, reordered by drag (pointer: mouse and touch; keyboard: Space lifts, arrows move, Space
//! drops, Escape cancels, each step announced) and deleted, asking where their items go. Every
//! change is one request; the server decides (docs/PIPELINES.md) and answers with the new state.
//! Below each pipeline, the required fields by stage, as a grid.

use super::access_page::SettingsNav;
use crate::api::fields::{configure_field, get_field_settings};
use crate::api::pipelines::{edit_pipelines, get_pipelines_admin};
use crate::api::types::PipelinesAdmin;
use crate::domain::field_spec::FieldSpec;
use crate::domain::pipeline_edit::{PipelineEdit, PALETTE};
use crate::domain::{EntityType, FieldDef, Pipeline, RequiredRule, Stage, StageSemantics};
use crate::error::AppError;
use crate::text;
use crate::ui::browser;
use crate::ui::common::{handle_error, safe_color, stage_style, AppFrame, ErrorPanel, Loaded};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use std::collections::BTreeMap;

#[component]
pub fn PipelinesPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(move || params.read().get("entity").unwrap_or_default(), get_pipelines_admin);
    view! {
        <AppFrame active=Signal::derive(|| None::<EntityType>)>
            <Title text=text::page_title(text::pipelines_and_stages())/>
            <Suspense fallback=|| view! { <p class="loading">{text::loading()}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(a) => Loaded(view! { <PipelinesView data=a/> }).into_any(),
                        Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </AppFrame>
    }
}

/// The one form open at a time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Open {
    NewPipeline,
    Stage(i64),
    DeleteStage(i64),
    RenamePipeline(i64),
    DeletePipeline(i64),
}

/// A stage lifted by keyboard: where it was and where it would land (indices in its pipeline).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Lifted {
    stage: i64,
    from: usize,
    to: usize,
}

/// A pipeline lifted by keyboard: where it was and where it would land among the pipelines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct LiftedPipeline {
    pipeline: i64,
    from: usize,
    to: usize,
}

#[derive(Clone, Copy)]
struct Page {
    entity: EntityType,
    data: RwSignal<PipelinesAdmin>,
    open: RwSignal<Option<Open>>,
    notice: RwSignal<Option<String>>,
    errors: RwSignal<BTreeMap<String, String>>,
    announce: RwSignal<String>,
    lifted: RwSignal<Option<Lifted>>,
    /// The stage a pointer drags, and the row under it.
    pointer: RwSignal<Option<i64>>,
    drop_at: RwSignal<Option<browser::DropPoint>>,
    /// The same for whole pipelines: lifted by keyboard, dragged by a pointer, the pipeline
    /// under it (and whether in its upper half).
    lifted_pipeline: RwSignal<Option<LiftedPipeline>>,
    pointer_pipeline: RwSignal<Option<i64>>,
    pipeline_drop: RwSignal<Option<(i64, bool)>>,
}

impl Page {
    /// Sends one change; the answer is the new state, or why not (beside the form's fields).
    fn run(&self, edit: PipelineEdit, done: String) {
        let me = *self;
        spawn_local(async move {
            match edit_pipelines(me.entity.slug().to_string(), edit).await {
                Ok(fresh) => {
                    me.data.set(fresh);
                    me.open.set(None);
                    me.errors.set(BTreeMap::new());
                    me.notice.set(Some(done));
                }
                Err(e) => {
                    handle_error(&e);
                    if let AppError::Validation { fields, .. } = &e {
                        me.errors.set(fields.iter().map(|f| (f.code.clone(), f.message.clone())).collect());
                    }
                    me.notice.set(Some(e.message()));
                }
            }
        });
    }

    fn show(&self, open: Open) {
        self.errors.set(BTreeMap::new());
        self.notice.set(None);
        self.open.set(Some(open));
    }

    fn error(&self, part: &'static str) -> impl Fn() -> Option<String> + Copy + 'static {
        let errors = self.errors;
        move || errors.with(|e| e.get(part).cloned())
    }

    fn stage(&self, id: i64) -> Option<(Pipeline, Stage)> {
        self.data.with_untracked(|d| d.pipelines.iter().find_map(|p| p.stage(id).map(|s| (p.clone(), s.clone()))))
    }

    /// A pipeline's stages as shown: with a lifted stage at the place it would land.
    fn shown_stages(&self, pipeline: i64) -> Vec<Stage> {
        let mut stages = self
            .data
            .with(|d| d.pipelines.iter().find(|p| p.id == pipeline).map(|p| p.stages.clone()).unwrap_or_default());
        if let Some(l) = self.lifted.get() {
            if let Some(i) = stages.iter().position(|s| s.id == l.stage) {
                let s = stages.remove(i);
                stages.insert(l.to.min(stages.len()), s);
            }
        }
        stages
    }

    /// Keyboard drag and drop on a stage's handle.
    fn key(&self, stage: i64, ev: leptos::ev::KeyboardEvent) {
        let Some((pipeline, s)) = self.stage(stage) else { return };
        let Some(at) = pipeline.position(stage) else { return };
        let holding = self.lifted.get_untracked().filter(|l| l.stage == stage);
        match ev.key().as_str() {
            " " | "Spacebar" => {
                ev.prevent_default();
                match holding {
                    None if s.semantics != StageSemantics::Success => {
                        self.lifted.set(Some(Lifted { stage, from: at, to: at }));
                        self.announce.set(text::lifted(&s.name));
                    }
                    Some(l) => {
                        self.lifted.set(None);
                        if l.to != l.from {
                            self.announce.set(text::dropped(&s.name, &pipeline.name));
                            self.run(PipelineEdit::MoveStage { stage, to: l.to }, text::pipeline_saved().into());
                        } else {
                            self.announce.set(text::cancelled(&s.name));
                        }
                    }
                    None => {}
                }
            }
            "ArrowUp" | "ArrowDown" | "ArrowLeft" | "ArrowRight" if holding.is_some() => {
                ev.prevent_default();
                let Some(l) = holding else { return };
                let later = ev.key() == "ArrowDown" || ev.key() == "ArrowRight";
                // The places of its own group once it is taken out: in progress before the
                // success stage, failure stages after it.
                let working = pipeline.stages.iter().filter(|x| !x.is_final()).count();
                let (low, high) = if s.semantics == StageSemantics::InProgress {
                    (0, working.saturating_sub(1))
                } else {
                    (working + 1, pipeline.stages.len().saturating_sub(1))
                };
                let to = if later { (l.to + 1).min(high) } else { l.to.saturating_sub(1).max(low) };
                self.lifted.set(Some(Lifted { to, ..l }));
                self.announce.set(text::moved_to(&s.name, to + 1, pipeline.stages.len(), &pipeline.name));
                refocus(stage);
            }
            "Escape" if holding.is_some() => {
                ev.prevent_default();
                self.lifted.set(None);
                self.announce.set(text::cancelled(&s.name));
                refocus(stage);
            }
            _ => {}
        }
    }

    /// The pipelines in the order shown: a lifted one at the place it would land.
    fn shown_pipelines(&self) -> Vec<(i64, String, bool)> {
        let mut all =
            self.data.with(|d| d.pipelines.iter().map(|p| (p.id, p.name.clone(), p.is_default)).collect::<Vec<_>>());
        if let Some(l) = self.lifted_pipeline.get() {
            if let Some(i) = all.iter().position(|p| p.0 == l.pipeline) {
                let p = all.remove(i);
                all.insert(l.to.min(all.len()), p);
            }
        }
        all
    }

    /// Keyboard drag and drop on a pipeline's handle.
    fn pipeline_key(&self, pipeline: i64, ev: leptos::ev::KeyboardEvent) {
        let (names, plural) = self.data.with_untracked(|d| {
            (d.pipelines.iter().map(|p| (p.id, p.name.clone())).collect::<Vec<_>>(), d.plural.clone())
        });
        let Some(at) = names.iter().position(|p| p.0 == pipeline) else { return };
        let name = names[at].1.clone();
        let holding = self.lifted_pipeline.get_untracked().filter(|l| l.pipeline == pipeline);
        match ev.key().as_str() {
            " " | "Spacebar" => {
                ev.prevent_default();
                match holding {
                    None => {
                        self.lifted_pipeline.set(Some(LiftedPipeline { pipeline, from: at, to: at }));
                        self.announce.set(text::lifted(&name));
                    }
                    Some(l) => {
                        self.lifted_pipeline.set(None);
                        if l.to != l.from {
                            self.announce.set(text::dropped(&name, &plural));
                            self.run(PipelineEdit::MovePipeline { pipeline, to: l.to }, text::pipeline_saved().into());
                        } else {
                            self.announce.set(text::cancelled(&name));
                        }
                        refocus_pipeline(pipeline);
                    }
                }
            }
            "ArrowUp" | "ArrowDown" if holding.is_some() => {
                ev.prevent_default();
                let Some(l) = holding else { return };
                let to = if ev.key() == "ArrowDown" { (l.to + 1).min(names.len() - 1) } else { l.to.saturating_sub(1) };
                self.lifted_pipeline.set(Some(LiftedPipeline { to, ..l }));
                self.announce.set(text::moved_to(&name, to + 1, names.len(), &plural));
                refocus_pipeline(pipeline);
            }
            "Escape" if holding.is_some() => {
                ev.prevent_default();
                self.lifted_pipeline.set(None);
                self.announce.set(text::cancelled(&name));
                refocus_pipeline(pipeline);
            }
            _ => {}
        }
    }

    fn pointer_move(&self, x: i32, y: i32) {
        if self.pointer.with_untracked(Option::is_some) {
            self.drop_at.set(browser::drop_point(x, y));
        }
        if self.pointer_pipeline.with_untracked(Option::is_some) {
            let at = browser::drop_on(x, y, "data-pipeline").and_then(|(id, upper)| Some((id.parse().ok()?, upper)));
            self.pipeline_drop.set(at);
        }
    }

    /// Ends a pointer drag of a pipeline: dropped on another pipeline, it goes before or after.
    fn pipeline_up(&self) {
        let (Some(pipeline), at) = (self.pointer_pipeline.get_untracked(), self.pipeline_drop.get_untracked()) else {
            return;
        };
        self.pointer_pipeline.set(None);
        self.pipeline_drop.set(None);
        let Some((target, upper)) = at.filter(|(t, _)| *t != pipeline) else { return };
        let (ids, plural) =
            self.data.with_untracked(|d| (d.pipelines.iter().map(|p| p.id).collect::<Vec<_>>(), d.plural.clone()));
        let others: Vec<i64> = ids.iter().copied().filter(|id| *id != pipeline).collect();
        let Some(p) = others.iter().position(|id| *id == target) else { return };
        let to = if upper { p } else { p + 1 };
        if ids.iter().position(|id| *id == pipeline) == Some(to) {
            return;
        }
        let name = self.data.with_untracked(|d| d.pipelines.iter().find(|p| p.id == pipeline).map(|p| p.name.clone()));
        self.announce.set(text::dropped(name.unwrap_or_default(), &plural));
        self.run(PipelineEdit::MovePipeline { pipeline, to }, text::pipeline_saved().into());
    }

    /// Drops whatever a pointer drags.
    fn cancel_pointer(&self) {
        self.pointer.set(None);
        self.drop_at.set(None);
        self.pointer_pipeline.set(None);
        self.pipeline_drop.set(None);
    }

    /// Ends a pointer drag: dropped on a stage row of the same pipeline, the dragged stage goes
    /// before or after it.
    fn pointer_up(&self) {
        let (Some(stage), at) = (self.pointer.get_untracked(), self.drop_at.get_untracked()) else { return };
        self.pointer.set(None);
        self.drop_at.set(None);
        let Some(target) = at.and_then(|a| Some((a.field?.parse::<i64>().ok()?, a.upper))) else { return };
        let Some((pipeline, s)) = self.stage(stage) else { return };
        if target.0 == stage || pipeline.stage(target.0).is_none() {
            return;
        }
        let others: Vec<i64> = pipeline.stages.iter().map(|x| x.id).filter(|id| *id != stage).collect();
        let Some(p) = others.iter().position(|id| *id == target.0) else { return };
        let to = if target.1 { p } else { p + 1 };
        if pipeline.position(stage) == Some(to) {
            return;
        }
        self.announce.set(text::dropped(&s.name, &pipeline.name));
        self.run(PipelineEdit::MoveStage { stage, to }, text::pipeline_saved().into());
    }
}

/// Puts focus back on a stage's handle once the re-render it waits for has run.
fn refocus(stage: i64) {
    spawn_local(async move { browser::focus(&format!("[data-stage-handle='{stage}']")) });
}

/// Puts focus back on a pipeline's handle once the re-render it waits for has run.
fn refocus_pipeline(pipeline: i64) {
    spawn_local(async move { browser::focus(&format!("[data-pipeline-handle='{pipeline}']")) });
}

#[component]
fn PipelinesView(data: PipelinesAdmin) -> impl IntoView {
    let page = Page {
        entity: data.entity,
        data: RwSignal::new(data),
        open: RwSignal::new(None),
        notice: RwSignal::new(None),
        errors: RwSignal::new(BTreeMap::new()),
        announce: RwSignal::new(String::new()),
        lifted: RwSignal::new(None),
        pointer: RwSignal::new(None),
        drop_at: RwSignal::new(None),
        lifted_pipeline: RwSignal::new(None),
        pointer_pipeline: RwSignal::new(None),
        pipeline_drop: RwSignal::new(None),
    };
    let types = page.data.with_untracked(|d| d.types.clone());
    let current = page.entity;
    view! {
        <section
            class="settings-page pipelines"
            class:dragging=move || page.pointer.with(Option::is_some) || page.pointer_pipeline.with(Option::is_some)
            on:pointermove=move |ev| page.pointer_move(ev.client_x(), ev.client_y())
            on:pointerup=move |_| {
                page.pointer_up();
                page.pipeline_up();
            }
            on:pointercancel=move |_| page.cancel_pointer()
            on:pointerleave=move |_| page.cancel_pointer()
        >
            <SettingsNav/>
            <h1>{move || text::pipelines_of(page.data.with(|d| d.plural.clone()))}</h1>
            <nav class="type-switch" aria-label=text::pipelines_and_stages()>
                {types.into_iter().map(|t| {
                    let here = t.entity == current;
                    view! {
                        <a href=format!("/settings/pipelines/{}", t.entity) aria-current=here.then_some("page")>{t.plural}</a>
                    }
                }).collect_view()}
            </nav>
            <p class="hint">{text::pipelines_hint()}</p>
            <p class="notice" role="status">{move || page.notice.get()}</p>
            <div class="sr-only" aria-live="assertive">{move || page.announce.get()}</div>
            <For each=move || page.shown_pipelines() key=|k| k.clone() let:k>
                <PipelineView page pipeline=k.0/>
            </For>
            <Show when=move || page.data.with(|d| d.several)>
                <NewPipeline page/>
            </Show>
        </section>
    }
}

#[component]
fn NewPipeline(page: Page) -> impl IntoView {
    let name = RwSignal::new(String::new());
    // A change made (this one or another) empties the field.
    Effect::new(move |_| {
        page.data.track();
        name.set(String::new());
    });
    let named = page.error("name");
    let err = move || named().filter(|_| page.open.get() == Some(Open::NewPipeline));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        page.show(Open::NewPipeline);
        page.run(PipelineEdit::CreatePipeline { name: name.get_untracked() }, text::pipeline_created().into());
    };
    view! {
        <form class="inline-form new-pipeline" on:submit=submit>
            <label for="new-pipeline-name">{text::pipeline_name()}</label>
            <input id="new-pipeline-name" type="text" name="name" maxlength="60" required
                prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
            <button type="submit" class="primary">"+ "{text::new_pipeline()}</button>
            {move || err().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
        </form>
    }
}

/// One pipeline: its name and actions, its stages in progress, its success stage, its failure
/// stages.
#[component]
fn PipelineView(page: Page, pipeline: i64) -> impl IntoView {
    let info = move || page.data.with(|d| d.pipelines.iter().find(|p| p.id == pipeline).cloned());
    let name = move || info().map(|p| p.name).unwrap_or_default();
    let is_default = move || info().is_some_and(|p| p.is_default);
    let several = move || page.data.with(|d| d.several);
    let place = move || page.data.with(|d| (d.pipelines.iter().position(|p| p.id == pipeline), d.pipelines.len()));
    let move_to = move |to: usize| page.run(PipelineEdit::MovePipeline { pipeline, to }, text::pipeline_saved().into());
    let group = move |semantics: StageSemantics| {
        move || page.shown_stages(pipeline).into_iter().filter(|s| s.semantics == semantics).collect::<Vec<_>>()
    };
    let mark = move |upper: bool| page.pipeline_drop.with(|d| *d == Some((pipeline, upper)));
    let movable = move || several() && place().1 > 1;
    view! {
        <section class="pipeline-box" data-pipeline=pipeline
            class:lifted=move || page.lifted_pipeline.with(|l| l.is_some_and(|l| l.pipeline == pipeline))
            class:drop-before=move || mark(true)
            class:drop-after=move || mark(false)
        >
            <header class="pipeline-head">
                <Show when=movable>
                    <button type="button" class="handle" data-pipeline-handle=pipeline
                        aria-label=move || text::move_handle(name()) aria-roledescription="drag handle"
                        on:keydown=move |ev| page.pipeline_key(pipeline, ev)
                        on:pointerdown=move |ev| {
                            ev.prevent_default();
                            page.pointer_pipeline.set(Some(pipeline));
                        }
                    >"⠿"</button>
                </Show>
                <Show when=move || page.open.get() == Some(Open::RenamePipeline(pipeline))
                    fallback=move || view! {
                        <h2>{name}</h2>
                        <Show when=is_default>
                            <span class="badge">{text::pipeline_default()}</span>
                        </Show>
                    }>
                    <RenamePipeline page pipeline start=name()/>
                </Show>
                <div class="row-actions">
                    <button type="button" class="link" on:click=move |_| page.show(Open::RenamePipeline(pipeline))>{text::rename_pipeline()}</button>
                    <Show when=move || several() && !is_default()>
                        <button type="button" class="link" on:click=move |_| page.run(PipelineEdit::MakeDefault { pipeline }, text::pipeline_saved().into())>{text::make_default()}</button>
                    </Show>
                    <Show when=move || several() && place().0.is_some_and(|i| i > 0)>
                        <button type="button" class="link" aria-label=text::move_pipeline_up() title=text::move_pipeline_up()
                            on:click=move |_| move_to(place().0.unwrap_or(0).saturating_sub(1))>"↑"</button>
                    </Show>
                    <Show when=move || several() && place().0.is_some_and(|i| i + 1 < place().1)>
                        <button type="button" class="link" aria-label=text::move_pipeline_down() title=text::move_pipeline_down()
                            on:click=move |_| move_to(place().0.unwrap_or(0) + 1)>"↓"</button>
                    </Show>
                    <Show when=move || several() && !is_default()>
                        <button type="button" class="link danger" on:click=move |_| page.show(Open::DeletePipeline(pipeline))>{text::delete_pipeline()}</button>
                    </Show>
                </div>
            </header>
            <Show when=move || page.open.get() == Some(Open::DeletePipeline(pipeline))>
                <DeletePipeline page pipeline/>
            </Show>
            <h3>{text::stages_in_progress()}</h3>
            <ol class="stage-list" data-drop-section=format!("work-{pipeline}")>
                <For each=group(StageSemantics::InProgress) key=|s| (s.id, s.name.clone(), s.color.clone(), s.semantics.code()) let:s>
                    <StageRow page stage=s/>
                </For>
            </ol>
            <AddStage page pipeline semantics=StageSemantics::InProgress/>
            <h3>{text::stages_final()}</h3>
            <p class="hint">{text::stage_success_hint()}" "{text::stage_failure_hint()}</p>
            <ol class="stage-list final" data-drop-section=format!("final-{pipeline}")>
                <For each=group(StageSemantics::Success) key=|s| (s.id, s.name.clone(), s.color.clone(), s.semantics.code()) let:s>
                    <StageRow page stage=s/>
                </For>
                <For each=group(StageSemantics::Failure) key=|s| (s.id, s.name.clone(), s.color.clone(), s.semantics.code()) let:s>
                    <StageRow page stage=s/>
                </For>
            </ol>
            <AddStage page pipeline semantics=StageSemantics::Failure/>
            <RequiredGrid page pipeline/>
        </section>
    }
}

/// The stages a click on `stage` makes a field required at: it and every later stage in
/// progress, and the success stage (a failure stage: itself).
fn from_stage_on(pipeline: &Pipeline, stage: i64) -> Vec<i64> {
    let Some(at) = pipeline.position(stage) else { return vec![] };
    if pipeline.stages[at].semantics == StageSemantics::Failure {
        return vec![stage];
    }
    pipeline.stages[at..].iter().filter(|s| s.semantics != StageSemantics::Failure).map(|s| s.id).collect()
}

/// Required fields by stage: fields down, "Always" and the pipeline's stages across. A click on
/// a cell makes the field required from that stage on; a click on its first required stage of
/// the pipeline clears them. The same rule the field's own settings edit (saved through them).
#[component]
fn RequiredGrid(page: Page, pipeline: i64) -> impl IntoView {
    let open = RwSignal::new(false);
    let fields: RwSignal<Option<Vec<FieldDef>>> = RwSignal::new(None);
    let stages = move || page.data.with(|d| d.pipelines.iter().find(|p| p.id == pipeline).cloned());
    let show = move |_| {
        let now = !open.get_untracked();
        open.set(now);
        if now && fields.with_untracked(Option::is_none) {
            spawn_local(async move {
                match get_field_settings(page.entity.slug().to_string()).await {
                    Ok(a) => fields.set(Some(a.fields)),
                    Err(e) => {
                        handle_error(&e);
                        page.notice.set(Some(e.message()));
                    }
                }
            });
        }
    };
    let change = move |def: FieldDef, rule: RequiredRule| {
        let mut spec = FieldSpec::of(&def);
        spec.settings.required = rule;
        let code = def.code.clone();
        spawn_local(async move {
            match configure_field(page.entity.slug().to_string(), code, spec).await {
                Ok(saved) => {
                    fields.update(|f| {
                        if let Some(x) = f.as_mut().and_then(|f| f.iter_mut().find(|x| x.code == saved.code)) {
                            *x = saved;
                        }
                    });
                    page.notice.set(Some(text::pipeline_saved().into()));
                }
                Err(e) => {
                    handle_error(&e);
                    page.notice.set(Some(e.message()));
                }
            }
        });
    };
    view! {
        <button type="button" class="link required-grid-toggle" aria-expanded=move || open.get().to_string() on:click=show>
            {text::required_grid()}
        </button>
        <Show when=move || open.get()>
            <p class="hint">{text::required_grid_hint()}</p>
            {move || match (fields.get(), stages()) {
                (Some(list), Some(p)) => {
                    let header = p.stages.iter().map(|s| view! {
                        <th scope="col"><span class="stage-badge" style=stage_style(&s.color)>{s.name.clone()}</span></th>
                    }).collect_view();
                    let rows = list.into_iter().map(|def| {
                        let rule = def.settings.required.clone();
                        let always_def = def.clone();
                        let always = rule.always;
                        let label = def.label.clone();
                        let cells = p.stages.iter().map(|s| {
                            let on = always || rule.stages.contains(&s.id);
                            let (def, rule, p, sid) = (def.clone(), rule.clone(), p.clone(), s.id);
                            let aria = text::required_at_stage(&label, &s.name);
                            view! {
                                <td>
                                    <button type="button" class="grid-cell" aria-pressed=on.to_string() aria-label=aria disabled=always
                                        on:click=move |_| {
                                            let mine: Vec<i64> = p.stages.iter().map(|s| s.id).collect();
                                            let first = p.stages.iter().find(|s| rule.stages.contains(&s.id)).map(|s| s.id);
                                            let mut next = rule.clone();
                                            // Stages deleted since the grid was read go too.
                                            let exist = page.data.with_untracked(|d| d.pipelines.iter().flat_map(|p| p.stages.iter().map(|s| s.id)).collect::<Vec<_>>());
                                            next.stages.retain(|id| !mine.contains(id) && exist.contains(id));
                                            if first != Some(sid) {
                                                next.stages.extend(from_stage_on(&p, sid));
                                            }
                                            change(def.clone(), next);
                                        }>{if on { "●" } else { "○" }}</button>
                                </td>
                            }
                        }).collect_view();
                        let always_label = text::required_at_stage(&label, text::required_always());
                        view! {
                            <tr data-required-row=def.code.clone()>
                                <th scope="row">{def.label.clone()}</th>
                                <td>
                                    <button type="button" class="grid-cell" aria-pressed=always.to_string() aria-label=always_label
                                        on:click=move |_| {
                                            let mut next = always_def.settings.required.clone();
                                            next.always = !next.always;
                                            change(always_def.clone(), next);
                                        }>{if always { "●" } else { "○" }}</button>
                                </td>
                                {cells}
                            </tr>
                        }
                    }).collect_view();
                    view! {
                        <div class="required-grid-wrap">
                            <table class="fields-table required-grid">
                                <thead>
                                    <tr>
                                        <th scope="col">{text::field_label()}</th>
                                        <th scope="col">{text::required_always()}</th>
                                        {header}
                                    </tr>
                                </thead>
                                <tbody>{rows}</tbody>
                            </table>
                        </div>
                    }.into_any()
                }
                _ => view! { <p class="loading">{text::loading()}</p> }.into_any(),
            }}
        </Show>
    }
}

#[component]
fn RenamePipeline(page: Page, pipeline: i64, start: String) -> impl IntoView {
    let name = RwSignal::new(start);
    let err = page.error("name");
    let input_id = format!("pipeline-{pipeline}-name");
    view! {
        <form class="inline-form" on:submit=move |ev| {
            ev.prevent_default();
            page.run(PipelineEdit::RenamePipeline { pipeline, name: name.get_untracked() }, text::pipeline_saved().into());
        }>
            <label for=input_id.clone() class="sr-only">{text::pipeline_name()}</label>
            <input id=input_id type="text" maxlength="60" autofocus prop:value=move || name.get()
                on:input=move |ev| name.set(event_target_value(&ev))/>
            <button type="submit" class="primary">{text::save()}</button>
            <button type="button" on:click=move |_| page.open.set(None)>{text::cancel()}</button>
            {move || err().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
        </form>
    }
}

/// One stage: handle, colour, name, how many items it holds, and its actions.
#[component]
fn StageRow(page: Page, stage: Stage) -> impl IntoView {
    let id = stage.id;
    // Reactive: another stage's delete or move can make this one the first or the last failure
    // stage, or bring it items.
    let semantics = stage.semantics;
    let protected = move || {
        page.data.with(|d| {
            d.pipelines.iter().find(|p| p.stage(id).is_some()).is_some_and(|p| {
                let failures = p.stages.iter().filter(|s| s.semantics == StageSemantics::Failure).count();
                p.position(id) == Some(0)
                    || semantics == StageSemantics::Success
                    || (semantics == StageSemantics::Failure && failures == 1)
            })
        })
    };
    let held = move || page.data.with(|d| d.held_in(id));
    let first = move || page.data.with(|d| d.pipelines.iter().any(|p| p.position(id) == Some(0)));
    let success = stage.semantics == StageSemantics::Success;
    let name = stage.name.clone();
    let mark = move |upper: bool| {
        page.drop_at.with(|d| d.as_ref().is_some_and(|d| d.field == Some(id.to_string()) && d.upper == upper))
    };
    let turn = match stage.semantics {
        StageSemantics::InProgress => Some((StageSemantics::Failure, text::to_failure())),
        StageSemantics::Failure => Some((StageSemantics::InProgress, text::to_in_progress())),
        StageSemantics::Success => None,
    };
    view! {
        <li class="stage-row" data-stage=id data-drop-field=id
            class:lifted=move || page.lifted.with(|l| l.is_some_and(|l| l.stage == id))
            class:drop-before=move || mark(true)
            class:drop-after=move || mark(false)
        >
            {if success {
                view! { <span class="handle placeholder" aria-hidden="true"></span> }.into_any()
            } else {
                view! {
                    <button type="button" class="handle" data-stage-handle=id
                        aria-label=text::move_handle(&name) aria-roledescription="drag handle"
                        on:keydown=move |ev| page.key(id, ev)
                        on:pointerdown=move |ev| {
                            ev.prevent_default();
                            page.pointer.set(Some(id));
                        }
                    >"⠿"</button>
                }.into_any()
            }}
            <span class="stage-badge" style=stage_style(&stage.color)>{stage.name.clone()}</span>
            <span class="held">{move || text::stage_holds(held())}</span>
            <span class="row-actions">
                <button type="button" class="link" on:click=move |_| page.show(Open::Stage(id))>{text::edit_stage()}</button>
                {turn.map(|(to, label)| view! {
                    // The first stage stays in progress: new items start there.
                    <Show when=move || !first()>
                        <button type="button" class="link" on:click=move |_| page.run(PipelineEdit::SetSemantics { stage: id, semantics: to }, text::pipeline_saved().into())>{label}</button>
                    </Show>
                })}
                <Show when=move || !protected()>
                    <button type="button" class="link danger" on:click=move |_| page.show(Open::DeleteStage(id))>{text::delete_stage()}</button>
                </Show>
            </span>
            <Show when=move || page.open.get() == Some(Open::Stage(id))>
                <StageForm page stage=stage.clone()/>
            </Show>
            <Show when=move || page.open.get() == Some(Open::DeleteStage(id))>
                <DeleteStage page stage=id/>
            </Show>
        </li>
    }
}

/// The palette and a custom colour.
#[component]
fn ColorChoice(color: RwSignal<String>, name: String) -> impl IntoView {
    view! {
        <fieldset class="palette">
            <legend>{text::stage_color()}</legend>
            {PALETTE.iter().map(|c| {
                let c = *c;
                view! {
                    <label class="swatch" style=format!("--swatch:{c}") title=c>
                        <input type="radio" name=name.clone() value=c
                            prop:checked=move || color.with(|x| x.eq_ignore_ascii_case(c))
                            on:change=move |_| color.set(c.to_string())/>
                        <span class="sr-only">{c}</span>
                    </label>
                }
            }).collect_view()}
            <label class="custom-color">
                {text::stage_custom_color()}" "
                <input type="color" prop:value=move || safe_color(&color.get())
                    on:input=move |ev| color.set(event_target_value(&ev))/>
            </label>
        </fieldset>
    }
}

#[component]
fn StageForm(page: Page, stage: Stage) -> impl IntoView {
    let id = stage.id;
    let name = RwSignal::new(stage.name.clone());
    let color = RwSignal::new(stage.color.clone());
    let name_err = page.error("name");
    let color_err = page.error("color");
    let input_id = format!("stage-{id}-name");
    view! {
        <form class="field-form stage-form" data-stage-form=id on:submit=move |ev| {
            ev.prevent_default();
            page.run(PipelineEdit::ChangeStage { stage: id, name: name.get_untracked(), color: color.get_untracked() }, text::pipeline_saved().into());
        }>
            <div class="form-row" class:has-error=move || name_err().is_some()>
                <label for=input_id.clone()>{text::stage_name()}</label>
                <input id=input_id type="text" name="name" maxlength="60" prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))/>
                {move || name_err().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            </div>
            <ColorChoice color name=format!("stage-{id}-color")/>
            {move || color_err().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            <div class="actions">
                <button type="submit" class="primary">{text::save()}</button>
                <button type="button" on:click=move |_| page.open.set(None)>{text::cancel()}</button>
            </div>
        </form>
    }
}

#[component]
fn AddStage(page: Page, pipeline: i64, semantics: StageSemantics) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let label = if semantics == StageSemantics::Failure { text::add_failure_stage() } else { text::add_stage() };
    let kind = if semantics == StageSemantics::Failure { "failure" } else { "work" };
    let input_id = format!("add-{kind}-{pipeline}");
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // The next colour of the palette after the pipeline's stage count.
        let n =
            page.data.with_untracked(|d| d.pipelines.iter().find(|p| p.id == pipeline).map_or(0, |p| p.stages.len()));
        let color = PALETTE[n % PALETTE.len()].to_string();
        page.run(
            PipelineEdit::AddStage { pipeline, name: name.get_untracked(), color, semantics },
            text::pipeline_saved().into(),
        );
        name.set(String::new());
    };
    view! {
        <form class="inline-form add-stage" data-add-stage=format!("{kind}-{pipeline}") on:submit=submit>
            <label for=input_id.clone() class="sr-only">{text::stage_name()}</label>
            <input id=input_id type="text" maxlength="60" required placeholder=text::stage_name()
                prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
            <button type="submit">"+ "{label}</button>
        </form>
    }
}

/// A delete's confirmation; a stage with items asks for the stage they move to.
#[component]
fn DeleteStage(page: Page, stage: i64) -> impl IntoView {
    let Some((pipeline, s)) = page.stage(stage) else { return ().into_any() };
    let held = page.data.with_untracked(|d| d.held_in(stage));
    let targets: Vec<Stage> = pipeline.stages.iter().filter(|x| x.id != stage).cloned().collect();
    let first = targets.first().map(|t| t.id);
    let target = RwSignal::new(first);
    let err = page.error("move_to");
    let select_id = format!("stage-{stage}-move-to");
    view! {
        <form class="field-form confirm-delete" data-delete-stage=stage on:submit=move |ev| {
            ev.prevent_default();
            // Always sent: items may have arrived since the form opened (the server moves them).
            page.run(PipelineEdit::DeleteStage { stage, move_to: target.get_untracked() }, text::stage_deleted().into());
        }>
            {if held > 0 {
                view! { <p class="warning">{text::stage_delete_question(held, &s.name)}</p> }.into_any()
            } else {
                view! { <p class="warning">{text::stage_delete_empty(&s.name)}</p> }.into_any()
            }}
            <div class="form-row">
                <label for=select_id.clone()>{text::move_items_to()}</label>
                <select id=select_id on:change=move |ev| target.set(event_target_value(&ev).parse().ok())>
                    {targets.into_iter().map(|t| view! { <option value=t.id>{t.name}</option> }).collect_view()}
                </select>
            </div>
            {move || err().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            <div class="actions">
                <button type="submit" class="danger">{text::delete_stage()}</button>
                <button type="button" on:click=move |_| page.open.set(None)>{text::cancel()}</button>
            </div>
        </form>
    }
    .into_any()
}

#[component]
fn DeletePipeline(page: Page, pipeline: i64) -> impl IntoView {
    let (doomed, others, held) = page.data.with_untracked(|d| {
        let doomed = d.pipelines.iter().find(|p| p.id == pipeline).cloned();
        let others: Vec<Pipeline> = d.pipelines.iter().filter(|p| p.id != pipeline).cloned().collect();
        let held: i64 = doomed.as_ref().map_or(0, |p| p.stages.iter().map(|s| d.held_in(s.id)).sum());
        (doomed, others, held)
    });
    let Some(doomed) = doomed else { return ().into_any() };
    let target = RwSignal::new(others.first().and_then(|p| p.stages.first()).map(|s| s.id));
    let err = page.error("move_to");
    let select_id = format!("pipeline-{pipeline}-move-to");
    view! {
        <form class="field-form confirm-delete" data-delete-pipeline=pipeline on:submit=move |ev| {
            ev.prevent_default();
            // Always sent: items may have arrived since the form opened (the server moves them).
            page.run(PipelineEdit::DeletePipeline { pipeline, move_to: target.get_untracked() }, text::pipeline_deleted().into());
        }>
            {if held > 0 {
                view! { <p class="warning">{text::pipeline_delete_question(held, &doomed.name)}</p> }.into_any()
            } else {
                view! { <p class="warning">{text::pipeline_delete_empty(&doomed.name)}</p> }.into_any()
            }}
            <div class="form-row">
                <label for=select_id.clone()>{text::move_items_to()}</label>
                <select id=select_id on:change=move |ev| target.set(event_target_value(&ev).parse().ok())>
                    {others.into_iter().map(|p| view! {
                        <optgroup label=p.name.clone()>
                            {p.stages.into_iter().map(|s| view! { <option value=s.id>{s.name}</option> }).collect_view()}
                        </optgroup>
                    }).collect_view()}
                </select>
            </div>
            {move || err().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            <div class="actions">
                <button type="submit" class="danger">{text::delete_pipeline()}</button>
                <button type="button" on:click=move |_| page.open.set(None)>{text::cancel()}</button>
            </div>
        </form>
    }
    .into_any()
}
