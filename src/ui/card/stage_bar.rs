//! The stage bar: where the item is in its pipeline; click a stage to move it there.
//! A final stage (won, lost, paid…) asks first.

use super::{CardCtx, NoticeKind};
use crate::api::items::{change_pipeline, move_stage, type_pipelines};
use crate::domain::stage::{stage_mark, StageMark};
use crate::domain::{Pipeline, Stage};
use crate::error::AppError;
use crate::text;
use crate::ui::browser;
use crate::ui::common::handle_error;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn StageBar() -> impl IntoView {
    let ctx = expect_context::<CardCtx>();
    if ctx.pipeline.with_untracked(Option::is_none) {
        return ().into_any();
    }
    let confirm: RwSignal<Option<Stage>> = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let go = move |stage: Stage| {
        confirm.set(None);
        busy.set(true);
        let (entity, id, version) = (ctx.entity_slug(), ctx.id(), ctx.header.get_untracked().version);
        spawn_local(async move {
            let result = move_stage(entity, id, version, stage.id).await;
            busy.set(false);
            match result {
                Ok(moved) => {
                    ctx.highlight.set(Default::default());
                    ctx.header.update(|h| h.stage_id = Some(moved.stage_id));
                    ctx.apply(moved.version, moved.values, moved.names);
                    ctx.prepend_event(moved.event);
                    ctx.notice.set(None);
                }
                Err(AppError::Validation { message, fields }) => {
                    ctx.highlight.set(fields.into_iter().map(|f| f.code).collect());
                    ctx.say(NoticeKind::Error, message);
                    browser::reveal(".field.needs-value");
                }
                Err(AppError::Conflict { fields, .. }) => {
                    let now = fields.first().map(|f| f.shown.clone()).unwrap_or_default();
                    if let Some(s) = ctx
                        .pipeline
                        .with_untracked(|p| p.as_ref().and_then(|p| p.stages.iter().find(|s| s.name == now).cloned()))
                    {
                        ctx.header.update(|h| h.stage_id = Some(s.id));
                    }
                    ctx.say(NoticeKind::Error, text::conflict_message(&now));
                }
                Err(e) => {
                    handle_error(&e);
                    ctx.say(NoticeKind::Error, e.message());
                }
            }
        });
    };
    // Drawn again when an administrator renames, recolours, adds or removes a stage.
    let bar = move || {
        let Some(pipeline) = ctx.pipeline.get() else { return ().into_any() };
        pipeline
        .stages
        .clone()
        .into_iter()
        .map(|stage| {
            let p = pipeline.clone();
            let s = stage.clone();
            let mark = Memo::new(move |_| stage_mark(&p, ctx.header.with(|h| h.stage_id), s.id));
            let current_color = {
                let p = pipeline.clone();
                move || {
                    let cur = ctx.header.with(|h| h.stage_id).and_then(|id| p.stage(id).map(|s| s.color.clone()));
                    cur.unwrap_or_default()
                }
            };
            let own_color = stage.color.clone();
            let clicked = stage.clone();
            view! {
                <li>
                    <button
                        type="button"
                        class="stage"
                        class:passed=move || mark.get() == StageMark::Passed
                        class:current=move || mark.get() == StageMark::Current
                        style=move || {
                            let fill = crate::ui::common::safe_color(&current_color());
                            let text = crate::domain::color::readable_text(&fill);
                            format!("--stage-color:{};--fill-color:{fill};--fill-text:{text}", crate::ui::common::safe_color(&own_color))
                        }
                        aria-current=move || (mark.get() == StageMark::Current).then_some("step")
                        disabled=move || ctx.read_only || busy.get()
                        data-stage=stage.code.clone()
                        on:click=move |_| {
                            if mark.get() == StageMark::Current {
                                return;
                            }
                            if clicked.is_final() {
                                confirm.set(Some(clicked.clone()));
                            } else {
                                go(clicked.clone());
                            }
                        }
                    >
                        {stage.name.clone()}
                    </button>
                </li>
            }
        })
        .collect_view()
        .into_any()
    };
    let several = ctx.several_pipelines && !ctx.read_only;
    view! {
        <ol class="stage-bar" aria-label=text::col_stage()>{bar}</ol>
        {several.then(|| view! { <ChangePipeline/> })}
        {move || confirm.get().map(|stage| {
            let target = stage.clone();
            view! {
                <div class="modal-backdrop">
                    <div class="modal" role="dialog" aria-modal="true" aria-labelledby="confirm-stage-title">
                        <h2 id="confirm-stage-title">{text::confirm_final_stage()}</h2>
                        <p class="stage-badge" style=crate::ui::common::stage_style(&stage.color)>{stage.name.clone()}</p>
                        <div class="actions">
                            <button type="button" class="primary" on:click=move |_| go(target.clone())>{text::confirm()}</button>
                            <button type="button" on:click=move |_| confirm.set(None)>{text::cancel()}</button>
                        </div>
                    </div>
                </div>
            }
        })}
    }
    .into_any()
}

/// Change pipeline: a stage of another pipeline of the type; the item moves there as a stage
/// move does (required fields of that stage are asked for on the card), and the card reloads,
/// since a pipeline may arrange its cards apart.
#[component]
fn ChangePipeline() -> impl IntoView {
    let ctx = expect_context::<CardCtx>();
    let open = RwSignal::new(false);
    let choices: RwSignal<Vec<Pipeline>> = RwSignal::new(vec![]);
    let chosen: RwSignal<Option<i64>> = RwSignal::new(None);
    let error: RwSignal<Option<String>> = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let current = ctx.pipeline.with_untracked(|p| p.as_ref().map(|p| p.id));
    let show = move |_| {
        error.set(None);
        spawn_local(async move {
            match type_pipelines(ctx.entity_slug()).await {
                Ok(all) => {
                    let others: Vec<Pipeline> = all.into_iter().filter(|p| Some(p.id) != current).collect();
                    chosen.set(others.first().and_then(|p| p.stages.first()).map(|s| s.id));
                    choices.set(others);
                    open.set(true);
                }
                Err(e) => {
                    handle_error(&e);
                    ctx.say(NoticeKind::Error, e.message());
                }
            }
        });
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(stage) = chosen.get_untracked() else { return };
        busy.set(true);
        let (entity, id, version) = (ctx.entity_slug(), ctx.id(), ctx.header.get_untracked().version);
        spawn_local(async move {
            let result = change_pipeline(entity, id, version, stage).await;
            busy.set(false);
            match result {
                Ok(_) => browser::reload(),
                Err(AppError::Validation { message, fields }) => {
                    open.set(false);
                    ctx.highlight.set(fields.into_iter().map(|f| f.code).collect());
                    ctx.say(NoticeKind::Error, message);
                    browser::reveal(".field.needs-value");
                }
                Err(e) => {
                    handle_error(&e);
                    error.set(Some(e.message()));
                }
            }
        });
    };
    view! {
        <button type="button" class="link change-pipeline" disabled=move || ctx.read_only on:click=show>{text::change_pipeline()}</button>
        <Show when=move || open.get()>
            <div class="modal-backdrop">
                <form class="modal change-pipeline-form" role="dialog" aria-modal="true" aria-labelledby="change-pipeline-title" on:submit=submit>
                    <h2 id="change-pipeline-title">{text::change_pipeline()}</h2>
                    <p class="hint">{text::change_pipeline_hint()}</p>
                    <div class="form-row">
                        <label for="change-pipeline-stage">{text::col_stage()}</label>
                        <select id="change-pipeline-stage" on:change=move |ev| chosen.set(event_target_value(&ev).parse().ok())>
                            {move || choices.get().into_iter().map(|p| view! {
                                <optgroup label=p.name.clone()>
                                    {p.stages.into_iter().map(|s| {
                                        let id = s.id;
                                        view! { <option value=id selected=move || chosen.get() == Some(id)>{s.name}</option> }
                                    }).collect_view()}
                                </optgroup>
                            }).collect_view()}
                        </select>
                    </div>
                    {move || error.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                    <div class="actions">
                        <button type="submit" class="primary" disabled=move || busy.get() || chosen.get().is_none()>{text::change_pipeline_move()}</button>
                        <button type="button" on:click=move |_| open.set(false)>{text::cancel()}</button>
                    </div>
                </form>
            </div>
        </Show>
    }
}
