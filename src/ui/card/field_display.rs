//! A field's value as the card shows it: text, or a link where the value is an address.

use crate::domain::value::{display, Names};
use crate::domain::{FieldDef, FieldType, Value};
use crate::text;
use leptos::prelude::*;

fn entry_view(def: &FieldDef, v: &Value, names: &Names) -> AnyView {
    let shown = display(def, v, names);
    let stop = |ev: leptos::ev::MouseEvent| ev.stop_propagation();
    match (def.field_type, v) {
        (FieldType::Url, Value::Text(url)) => {
            view! { <a href=url.clone() target="_blank" rel="noopener noreferrer" on:click=stop>{shown}</a> }.into_any()
        }
        (FieldType::Email, Value::Text(email)) => {
            view! { <a href=format!("mailto:{email}") on:click=stop>{shown}</a> }.into_any()
        }
        (FieldType::Phone, Value::Text(phone)) => {
            let tel: String = phone.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
            view! { <a href=format!("tel:{tel}") on:click=stop>{shown}</a> }.into_any()
        }
        (_, Value::File(f)) => view! { <a href=f.href() download=f.name.clone() on:click=stop>{shown}</a> }.into_any(),
        (_, Value::Item(r)) => {
            view! { <a href=format!("/crm/{}/{}", r.entity, r.id) on:click=stop>{shown}</a> }.into_any()
        }
        (FieldType::String, _) if def.settings.multiline => view! { <span class="multiline">{shown}</span> }.into_any(),
        _ => view! { <span>{shown}</span> }.into_any(),
    }
}

/// The value, or "not filled".
pub fn value_view(def: &FieldDef, value: Option<&Value>, names: &Names) -> AnyView {
    match value {
        None => view! { <span class="empty">{text::empty_value()}</span> }.into_any(),
        Some(v) if v.is_empty() => view! { <span class="empty">{text::empty_value()}</span> }.into_any(),
        Some(Value::Many(entries)) => view! {
            <ul class="entries">{entries.iter().map(|e| view! { <li>{entry_view(def, e, names)}</li> }).collect_view()}</ul>
        }
        .into_any(),
        Some(v) => entry_view(def, v, names),
    }
}
