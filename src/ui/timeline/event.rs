//! One timeline event.

use crate::domain::timeline::{format_time, EventBody, TimelineEvent};
use crate::text;
use leptos::prelude::*;

#[component]
pub fn EventView(event: TimelineEvent) -> impl IntoView {
    let (kind, title) = match &event.body {
        EventBody::Created { .. } => ("created", text::event_created()),
        EventBody::FieldChanged { .. } => ("field_changed", text::event_field_changed()),
        EventBody::StageChanged { pipeline: Some(_), .. } => ("stage_changed", text::event_pipeline_changed()),
        EventBody::StageChanged { .. } => ("stage_changed", text::event_stage_changed()),
        EventBody::Comment { .. } => ("comment", text::event_comment()),
    };
    let body = match event.body {
        EventBody::Created { title } => view! { <p>{title}</p> }.into_any(),
        EventBody::Comment { text } => view! { <p class="comment-text">{text}</p> }.into_any(),
        EventBody::StageChanged { from, to, pipeline } => view! {
            {pipeline.map(|p| view! { <p class="pipeline-change">{p.from}" → "{p.to}</p> })}
            <p class="stage-change">
                {from.map(|f| view! { <span class="stage-badge" style=crate::ui::common::stage_style(&f.color)>{f.name}</span> " → " })}
                <span class="stage-badge" style=crate::ui::common::stage_style(&to.color)>{to.name}</span>
            </p>
        }
        .into_any(),
        EventBody::FieldChanged { changes } => view! {
            <ul class="changes">
                {changes.into_iter().map(|c| view! {
                    <li>
                        <span class="label">{c.label}": "</span>
                        <del>{if c.old.is_empty() { text::empty_value().to_string() } else { c.old }}</del>
                        " → "
                        <ins>{if c.new.is_empty() { text::empty_value().to_string() } else { c.new }}</ins>
                    </li>
                }).collect_view()}
            </ul>
        }
        .into_any(),
    };
    view! {
        <li class=format!("event {kind}") data-event-id=event.id>
            <div class="event-head">
                <strong>{title}</strong>
                <span class="who">{event.author.unwrap_or_else(|| text::system_author().to_string())}</span>
                <time>{format_time(event.at)}</time>
            </div>
            {body}
        </li>
    }
}
