//! The Relations tab: items this one points to and items pointing to it.

use super::CardCtx;
use crate::api::items::relations;
use crate::api::types::{Relation, TypeNames};
use crate::text;
use crate::ui::common::ErrorPanel;
use leptos::prelude::*;

#[component]
pub fn RelationsTab() -> impl IntoView {
    let ctx = expect_context::<CardCtx>();
    let types = StoredValue::new(expect_context::<TypeNames>());
    let data = Resource::new(move || (ctx.entity_slug(), ctx.id()), |(e, id)| relations(e, id));
    let list = move |rows: Vec<Relation>| {
        view! {
            <table class="items">
                <tbody>
                    {rows.into_iter().map(|r| view! {
                        <tr>
                            <td>{r.field_label}</td>
                            <td>{types.with_value(|t| t.name(r.item.entity))}</td>
                            <td><a href=r.item.href()>{r.item.title.clone()}</a></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        }
    };
    let (entity, id) = (ctx.entity_slug(), ctx.id());
    let create = ctx.create_here.get_value();
    view! {
        {(!create.is_empty()).then(|| view! {
            <p class="create-here">
                {create.into_iter().map(|t| view! {
                    <a class="button" href=format!("/crm/{}/new?from={entity}:{id}", t.entity)>
                        {text::new_of(&t.name)}
                    </a>
                }).collect_view()}
            </p>
        })}
        <div class="relations">
            <Suspense fallback=|| view! { <p class="loading">{text::loading()}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(rows) if rows.is_empty() => view! { <p class="empty">{text::no_relations()}</p> }.into_any(),
                        Ok(rows) => {
                            let (out, inc): (Vec<_>, Vec<_>) = rows.into_iter().partition(|r| r.outgoing);
                            view! {
                                {(!out.is_empty()).then(|| view! { <h2>{text::links_from()}</h2> {list(out)} })}
                                {(!inc.is_empty()).then(|| view! { <h2>{text::links_to()}</h2> {list(inc)} })}
                            }.into_any()
                        }
                        Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}
