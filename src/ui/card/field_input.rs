//! Editing fields: the form state of a group of fields, and an input for every field type.

use super::item_picker::ItemPicker;
use crate::api::types::UserRef;
use crate::domain::value::{format_size, parse, CURRENCIES};
use crate::domain::{Address, Booking, FieldDef, FieldInput, FieldType, FileRef, Value, Values};
use crate::error::ConflictField;
use crate::text;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// The state of one edit form: a draft per field, what the drafts started as, and the
/// messages shown beside fields. What was typed stays until saved or cancelled.
#[derive(Clone, Copy)]
pub struct EditForm {
    pub key: StoredValue<String>,
    /// The owner of the form's component: drafts are created under it, not under the event
    /// handler that starts an edit (whose view is replaced and disposed when editing starts).
    owner: StoredValue<Option<Owner>>,
    drafts: StoredValue<BTreeMap<String, RwSignal<FieldInput>>>,
    originals: StoredValue<BTreeMap<String, FieldInput>>,
    pub errors: RwSignal<BTreeMap<String, String>>,
    pub conflicts: RwSignal<BTreeMap<String, ConflictField>>,
    pub message: RwSignal<Option<String>>,
    pub users: StoredValue<Vec<UserRef>>,
    /// Titles of items the drafts point to, for the item picker.
    pub titles: RwSignal<BTreeMap<i64, String>>,
    /// The entity type being edited (file uploads go to it).
    pub entity: StoredValue<String>,
    /// Files the drafts name: the ones the values held and the ones uploaded since.
    pub files: RwSignal<BTreeMap<i64, FileRef>>,
}

impl EditForm {
    pub fn new(key: &str, entity: &str, users: Vec<UserRef>) -> EditForm {
        EditForm {
            entity: StoredValue::new(entity.to_string()),
            files: RwSignal::new(BTreeMap::new()),
            key: StoredValue::new(key.to_string()),
            owner: StoredValue::new(Owner::current()),
            drafts: StoredValue::new(BTreeMap::new()),
            originals: StoredValue::new(BTreeMap::new()),
            errors: RwSignal::new(BTreeMap::new()),
            conflicts: RwSignal::new(BTreeMap::new()),
            message: RwSignal::new(None),
            users: StoredValue::new(users),
            titles: RwSignal::new(BTreeMap::new()),
        }
    }

    /// A draft signal for `code` holding `input`: the form's own, reused on every edit.
    fn put(&self, code: &str, input: FieldInput) -> RwSignal<FieldInput> {
        if let Some(s) = self.drafts.with_value(|d| d.get(code).copied()) {
            s.set(input);
            return s;
        }
        let make = || RwSignal::new(input);
        let s = match self.owner.get_value() {
            Some(owner) => owner.with(make),
            None => make(),
        };
        self.drafts.update_value(|d| {
            d.insert(code.to_string(), s);
        });
        s
    }

    /// Starts editing `fields` from their current `values`. More fields can join the edit
    /// later ([`EditForm::extend`]); until one has, its draft (left from an earlier edit) is
    /// not part of this one.
    pub fn start<'a>(&self, fields: impl Iterator<Item = &'a FieldDef>, values: &Values) {
        self.originals.set_value(BTreeMap::new());
        self.extend(fields, values);
        self.errors.set(BTreeMap::new());
        self.conflicts.set(BTreeMap::new());
        self.message.set(None);
    }

    /// Adds `fields` to the edit under way, from their current `values`.
    pub fn extend<'a>(&self, fields: impl Iterator<Item = &'a FieldDef>, values: &Values) {
        let mut originals = self.originals.get_value();
        for def in fields {
            let input = values.get(&def.code).map(|v| v.to_input()).unwrap_or_else(|| FieldInput::empty_for(def));
            let input = match (def.multiple, input) {
                (true, FieldInput::Many(v)) if v.is_empty() => FieldInput::empty_for(def),
                (true, FieldInput::Many(v)) => FieldInput::Many(v),
                (true, single) => FieldInput::Many(vec![single]),
                (false, i) => i,
            };
            originals.insert(def.code.clone(), input.clone());
            self.put(&def.code, input);
            for v in values.get(&def.code).map(Value::entries).unwrap_or_default() {
                if let Value::File(f) = v {
                    self.files.update(|m| {
                        m.insert(f.id, f.clone());
                    });
                }
            }
        }
        self.originals.set_value(originals);
    }

    pub fn draft(&self, code: &str) -> RwSignal<FieldInput> {
        self.drafts
            .with_value(|d| d.get(code).copied())
            .unwrap_or_else(|| self.put(code, FieldInput::Text(String::new())))
    }

    pub fn input_id(&self, code: &str) -> String {
        format!("f-{}-{}", self.key.get_value(), code)
    }

    /// Whether a draft differs from what it started as; false once the form is gone.
    pub fn has_changes(&self) -> bool {
        self.originals
            .try_with_value(|o| {
                self.drafts.try_with_value(|d| {
                    d.iter().any(|(c, s)| o.get(c).is_some_and(|v| s.try_with_untracked(|x| x != v).unwrap_or(false)))
                })
            })
            .flatten()
            .unwrap_or(false)
    }

    /// Drafts of this edit that differ from what they started as.
    pub fn changed(&self) -> BTreeMap<String, FieldInput> {
        let all = self.all();
        self.originals.with_value(|o| all.into_iter().filter(|(c, v)| o.get(c) != Some(v)).collect())
    }

    /// Every draft of this edit.
    pub fn all(&self) -> BTreeMap<String, FieldInput> {
        self.originals.with_value(|originals| {
            self.drafts.with_value(|d| {
                d.iter()
                    .filter(|(c, _)| originals.contains_key(*c))
                    .map(|(c, s)| (c.clone(), s.get_untracked()))
                    .collect()
            })
        })
    }

    /// Checks the drafts with the same rules the server applies; shows problems beside fields.
    pub fn check(&self, fields: &[FieldDef], drafts: &BTreeMap<String, FieldInput>) -> bool {
        let errors: BTreeMap<String, String> = drafts
            .iter()
            .filter_map(|(code, input)| {
                let def = fields.iter().find(|f| f.code == *code)?;
                parse(def, input).err().map(|e| (code.clone(), e.message()))
            })
            .collect();
        let ok = errors.is_empty();
        self.errors.set(errors);
        ok
    }

    /// After a save the drafts are what was saved: a further save sends only new edits.
    pub fn settle(&self) {
        self.originals.set_value(self.all());
    }

    pub fn set_original(&self, code: &str, input: FieldInput) {
        self.originals.update_value(|o| {
            o.insert(code.to_string(), input);
        });
    }
}

fn text_of(input: &FieldInput) -> String {
    match input {
        FieldInput::Text(s) => s.clone(),
        _ => String::new(),
    }
}

/// The input of one field: label, input(s), and any message beside it.
#[component]
pub fn FieldEditor(def: FieldDef, form: EditForm, #[prop(optional, into)] needs_value: Signal<bool>) -> impl IntoView {
    let code = def.code.clone();
    let draft = form.draft(&code);
    let id = form.input_id(&code);
    let (c1, c2) = (code.clone(), code.clone());
    let error = Signal::derive(move || form.errors.with(|e| e.get(&c1).cloned()));
    let conflict = Signal::derive(move || form.conflicts.with(|c| c.get(&c2).cloned()));
    let required = def.settings.required.always;
    let input = if def.multiple {
        view! { <ManyInput def=def.clone() draft form id=id.clone()/> }.into_any()
    } else {
        let value = Signal::derive(move || draft.get());
        let set = Callback::new(move |v| draft.set(v));
        view! { <SingleInput def=def.clone() value set form id=id.clone()/> }.into_any()
    };
    let resolve_code = code.clone();
    view! {
        <div
            class="field editing"
            class:has-error=move || error.get().is_some() || conflict.get().is_some()
            class:needs-value=move || needs_value.get()
            data-field=code.clone()
        >
            <label class="field-label" for=id.clone()>
                {def.label.clone()}
                {required.then(|| view! { <span class="required" aria-hidden="true">"*"</span> })}
            </label>
            <div class="field-input">{input}</div>
            {move || error.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            {move || conflict.get().map(|c| {
                let code = resolve_code.clone();
                let code2 = resolve_code.clone();
                let theirs = c.current.as_ref().map(|v| v.to_input());
                let message = if c.current.is_some() { text::conflict_message(&c.shown) } else { text::conflict_emptied().to_string() };
                view! {
                    <div class="conflict" role="alert">
                        <p>{message}</p>
                        <button type="button" on:click=move |_| {
                            let input = theirs.clone().unwrap_or(FieldInput::Text(String::new()));
                            form.draft(&code).set(input.clone());
                            form.set_original(&code, input);
                            form.conflicts.update(|m| { m.remove(&code); });
                        }>{text::conflict_take_theirs()}</button>
                        <button type="button" on:click=move |_| {
                            form.conflicts.update(|m| { m.remove(&code2); });
                        }>{text::conflict_keep_mine()}</button>
                    </div>
                }
            })}
        </div>
    }
}

/// A multiple field: one input per entry, "+ add" and "remove".
#[component]
fn ManyInput(def: FieldDef, draft: RwSignal<FieldInput>, form: EditForm, id: String) -> impl IntoView {
    let entries = move |fi: &FieldInput| match fi {
        FieldInput::Many(v) => v.len(),
        _ => 1,
    };
    let count = Memo::new(move |_| draft.with(entries));
    let empty = FieldInput::empty_for(&def);
    let empty_single = match empty {
        FieldInput::Many(mut v) => v.pop().unwrap_or(FieldInput::Text(String::new())),
        single => single,
    };
    let add_entry = empty_single.clone();
    view! {
        <div class="many">
            <For each=move || 0..count.get() key=|i| *i let:i>
                {
                    let value = Signal::derive(move || draft.with(|fi| match fi {
                        FieldInput::Many(v) => v.get(i).cloned().unwrap_or(FieldInput::Text(String::new())),
                        other => other.clone(),
                    }));
                    let set = Callback::new(move |v: FieldInput| draft.update(|fi| {
                        if let FieldInput::Many(list) = fi {
                            if let Some(slot) = list.get_mut(i) {
                                *slot = v;
                            }
                        }
                    }));
                    let entry_id = if i == 0 { id.clone() } else { format!("{id}-{i}") };
                    view! {
                        <div class="entry">
                            <SingleInput def=def.clone() value set form id=entry_id/>
                            <Show when=move || { count.get() > 1 }>
                                <button type="button" class="link remove" aria-label=text::remove() on:click=move |_| draft.update(|fi| {
                                    if let FieldInput::Many(list) = fi {
                                        if i < list.len() {
                                            list.remove(i);
                                        }
                                    }
                                })>"×"</button>
                            </Show>
                        </div>
                    }
                }
            </For>
            <button type="button" class="link add" on:click=move |_| draft.update(|fi| {
                if let FieldInput::Many(list) = fi {
                    list.push(add_entry.clone());
                }
            })>{text::add_another()}</button>
        </div>
    }
}

/// The input for one value of a field, by type.
#[component]
pub fn SingleInput(
    def: FieldDef,
    value: Signal<FieldInput>,
    set: Callback<FieldInput>,
    form: EditForm,
    id: String,
) -> impl IntoView {
    let text_value = move || value.with(text_of);
    let on_text = move |ev: leptos::ev::Event| set.run(FieldInput::Text(event_target_value(&ev)));
    let kind = |t: FieldType| match t {
        FieldType::Email => "email",
        FieldType::Phone => "tel",
        FieldType::Url => "url",
        FieldType::Date => "date",
        FieldType::DateTime => "datetime-local",
        _ => "text",
    };
    match def.field_type {
        FieldType::String if def.settings.multiline => view! {
            <textarea id=id rows="3" prop:value=text_value on:input=on_text>{text_value()}</textarea>
        }
        .into_any(),
        FieldType::Integer | FieldType::Number => view! {
            <input id=id type="text" inputmode="decimal" autocomplete="off" value=text_value prop:value=text_value on:input=on_text/>
        }
        .into_any(),
        FieldType::String | FieldType::Email | FieldType::Phone | FieldType::Url | FieldType::Date | FieldType::DateTime => view! {
            <input id=id type=kind(def.field_type) maxlength="2000" value=text_value prop:value=text_value on:input=on_text/>
        }
        .into_any(),
        FieldType::Boolean => {
            let choices = vec![("".to_string(), text::choose().to_string()), ("yes".into(), text::yes().into()), ("no".into(), text::no().into())];
            view! { <Choice id value=Signal::derive(text_value) choices set/> }.into_any()
        }
        FieldType::List => {
            let mut choices = vec![(String::new(), text::choose().to_string())];
            choices.extend(def.settings.options.iter().map(|o| (o.id.clone(), o.label.clone())));
            view! { <Choice id value=Signal::derive(text_value) choices set/> }.into_any()
        }
        FieldType::User => {
            let mut choices = vec![(String::new(), text::choose().to_string())];
            choices.extend(form.users.get_value().into_iter().map(|u| (u.id.to_string(), u.name)));
            view! { <Choice id value=Signal::derive(text_value) choices set/> }.into_any()
        }
        FieldType::CrmItem => view! { <ItemPicker def value set form id/> }.into_any(),
        FieldType::Money => view! { <MoneyInput id value set/> }.into_any(),
        FieldType::Address => view! { <AddressInput id value set/> }.into_any(),
        FieldType::File => view! { <FileInput id value set form/> }.into_any(),
        FieldType::Booking => view! { <BookingInput def id value set/> }.into_any(),
    }
}

/// A file: the chosen file's name with "Remove", or a file chooser that uploads at once.
#[component]
fn FileInput(id: String, value: Signal<FieldInput>, set: Callback<FieldInput>, form: EditForm) -> impl IntoView {
    let chosen = Memo::new(move |_| {
        let id: i64 = value.with(text_of).trim().parse().ok()?;
        Some(form.files.with(|f| f.get(&id).cloned()).unwrap_or(FileRef { id, name: format!("#{id}"), size: 0 }))
    });
    let uploading = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let on_choose = move |ev: leptos::ev::Event| {
        uploading.set(true);
        problem.set(None);
        leptos::task::spawn_local(async move {
            match crate::ui::browser::upload_chosen_file(&ev, &form.entity.get_value()).await {
                Some(Ok(file)) => {
                    let id = file.id;
                    form.files.update(|m| {
                        m.insert(id, file);
                    });
                    set.run(FieldInput::Text(id.to_string()));
                }
                Some(Err(e)) => problem.set(Some(e.message())),
                None => {}
            }
            uploading.set(false);
        });
    };
    view! {
        <span class="file-input">
            {move || match chosen.get() {
                Some(f) => view! {
                    <span class="file-chosen">
                        <span class="file-name">{f.name.clone()}</span>
                        {(f.size > 0).then(|| view! { <span class="muted">{format!(" ({})", format_size(f.size))}</span> })}
                        " "
                        <button type="button" class="link remove" on:click=move |_| set.run(FieldInput::Text(String::new()))>
                            {text::remove()}
                        </button>
                    </span>
                }
                .into_any(),
                None => view! {
                    <input id=id.clone() type="file" aria-label=text::choose_file() on:change=on_choose disabled=move || uploading.get()/>
                }
                .into_any(),
            }}
            <Show when=move || uploading.get()>
                <span class="muted" role="status">{text::uploading()}</span>
            </Show>
            {move || problem.get().map(|m| view! { <span class="field-error" role="alert">{m}</span> })}
        </span>
    }
}

/// A booking: the resource, and the start and end of the slot.
#[component]
fn BookingInput(def: FieldDef, id: String, value: Signal<FieldInput>, set: Callback<FieldInput>) -> impl IntoView {
    let current = move || match value.get() {
        FieldInput::Booking(b) => b,
        _ => Booking::default(),
    };
    let change = move |f: fn(&mut Booking, String), ev: leptos::ev::Event| {
        let mut b = current();
        f(&mut b, event_target_value(&ev));
        set.run(FieldInput::Booking(b));
    };
    let options = def.settings.options.clone();
    view! {
        <span class="booking">
            <select id=id aria-label=text::resource() prop:value=move || current().resource
                on:change=move |ev| change(|b, v| b.resource = v, ev)>
                <option value="">{text::choose()}</option>
                {options.into_iter().map(|o| {
                    let oid = o.id.clone();
                    view! { <option value=o.id selected=move || current().resource == oid>{o.label}</option> }
                }).collect_view()}
            </select>
            <input type="datetime-local" aria-label=text::booking_start() value=move || current().start prop:value=move || current().start
                on:input=move |ev| change(|b, v| b.start = v, ev)/>
            <span aria-hidden="true">"–"</span>
            <input type="datetime-local" aria-label=text::booking_end() value=move || current().end prop:value=move || current().end
                on:input=move |ev| change(|b, v| b.end = v, ev)/>
        </span>
    }
}

#[component]
fn Choice(
    id: String,
    value: Signal<String>,
    choices: Vec<(String, String)>,
    set: Callback<FieldInput>,
) -> impl IntoView {
    view! {
        <select id=id prop:value=move || value.get() on:change=move |ev| set.run(FieldInput::Text(event_target_value(&ev)))>
            {choices.into_iter().map(|(v, label)| {
                let v2 = v.clone();
                view! { <option value=v selected=move || value.get() == v2>{label}</option> }
            }).collect_view()}
        </select>
    }
}

#[component]
fn MoneyInput(id: String, value: Signal<FieldInput>, set: Callback<FieldInput>) -> impl IntoView {
    let parts = move || match value.get() {
        FieldInput::Money { amount, currency } => (amount, currency),
        _ => (String::new(), CURRENCIES[0].to_string()),
    };
    let amount = move || parts().0;
    let currency = move || parts().1;
    view! {
        <span class="money">
            <input id=id type="text" inputmode="decimal" autocomplete="off" aria-label=text::amount() value=amount prop:value=amount
                on:input=move |ev| set.run(FieldInput::Money { amount: event_target_value(&ev), currency: currency() })/>
            <select aria-label=text::currency() prop:value=currency
                on:change=move |ev| set.run(FieldInput::Money { amount: amount(), currency: event_target_value(&ev) })>
                {CURRENCIES.into_iter().map(|c| view! { <option value=c selected=move || currency() == c>{c}</option> }).collect_view()}
            </select>
        </span>
    }
}

#[component]
fn AddressInput(id: String, value: Signal<FieldInput>, set: Callback<FieldInput>) -> impl IntoView {
    let current = move || match value.get() {
        FieldInput::Address(a) => a,
        _ => Address::default(),
    };
    type Get = fn(&Address) -> &String;
    type Put = fn(&mut Address, String);
    let parts: [(&str, Get, Put); 5] = [
        (text::street(), |a| &a.street, |a, v| a.street = v),
        (text::city(), |a| &a.city, |a, v| a.city = v),
        (text::region(), |a| &a.region, |a, v| a.region = v),
        (text::postcode(), |a| &a.postcode, |a, v| a.postcode = v),
        (text::country(), |a| &a.country, |a, v| a.country = v),
    ];
    view! {
        <span class="address">
            {parts.into_iter().enumerate().map(|(i, (label, get, put))| {
                let part = move || get(&current()).clone();
                let input_id = if i == 0 { id.clone() } else { format!("{id}-{i}") };
                view! {
                    <input id=input_id type="text" placeholder=label aria-label=label value=part prop:value=part
                        on:input=move |ev| {
                            let mut a = current();
                            put(&mut a, event_target_value(&ev));
                            set.run(FieldInput::Address(a));
                        }/>
                }
            }).collect_view()}
        </span>
    }
}
