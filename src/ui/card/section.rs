//! A section of the card: its fields shown, or edited in place with Save / Cancel.

use super::field_display::value_view;
use super::field_input::{EditForm, FieldEditor};
use super::{CardCtx, NoticeKind};
use crate::api::items::{save_fields, SaveFields};
use crate::domain::{FieldDef, FieldInput, Section, Value};
use crate::error::AppError;
use crate::text;
use crate::ui::browser;
use crate::ui::common::handle_error;
use leptos::prelude::*;
use leptos::tachys::view::Render;
use leptos::task::spawn_local;
use std::collections::{BTreeMap, HashSet};

#[component]
pub fn SectionView(section: Section) -> impl IntoView {
    let ctx = expect_context::<CardCtx>();
    let fields: Vec<FieldDef> = section.fields.iter().filter_map(|c| ctx.field(c)).collect();
    let fields = StoredValue::new(fields);
    let form = EditForm::new(&section.id, &ctx.entity_slug(), ctx.users.get_value());
    let editing = RwSignal::new(false);
    // Known to the card, so that a layout change waits for the edit to end and leaving asks
    // while it holds typing.
    ctx.forms.update(|f| f.push((form, editing)));
    on_cleanup(move || {
        ctx.forms.try_update(|f| f.retain(|(_, e)| *e != editing));
    });
    let saving = RwSignal::new(false);
    // The item version this edit started from; sent with the save.
    let base = RwSignal::new(0_i64);
    // The field whose editor opens first (the one clicked), and whether the rest of the form
    // has opened: the other editors, Save and Cancel follow once the browser has painted the
    // first, and so does the focus, so a click answers at once however many fields the
    // section has (INP, docs/PERFORMANCE.md P8).
    let first = RwSignal::new(None::<String>);
    let all_open = RwSignal::new(false);

    let start = move |focus: Option<String>| {
        if ctx.read_only || editing.get_untracked() {
            return;
        }
        let focus = focus.or_else(|| fields.with_value(|f| f.first().map(|d| d.code.clone())));
        // The clicked field's draft now; the others' with the rest of the form.
        let first_code = focus.clone();
        let is_first = move |d: &FieldDef| first_code.as_deref() == Some(d.code.as_str());
        ctx.values.with_untracked(|values| fields.with_value(|f| form.start(f.iter().filter(|d| is_first(d)), values)));
        form.titles.set(ctx.names.get_untracked().items);
        base.set(ctx.header.get_untracked().version);
        all_open.set(false);
        first.set(focus.clone());
        editing.set(true);
        let target = focus.as_ref().map(|c| format!("#{}", form.input_id(c)));
        request_animation_frame(move || {
            // Runs after this frame is painted.
            set_timeout(
                move || {
                    if !editing.try_get_untracked().unwrap_or(false) {
                        return;
                    }
                    ctx.values.with_untracked(|values| {
                        fields.with_value(|f| form.extend(f.iter().filter(|d| !is_first(d)), values))
                    });
                    browser::focus(&target.unwrap_or_else(|| {
                        format!(
                            "[data-section='{}'] input, [data-section='{}'] select",
                            form.key.get_value(),
                            form.key.get_value()
                        )
                    }));
                    all_open.set(true);
                },
                std::time::Duration::ZERO,
            );
        });
    };
    let cancel = move || {
        editing.set(false);
        form.errors.set(Default::default());
        form.conflicts.set(Default::default());
    };
    let save = move || {
        if saving.get_untracked() {
            return;
        }
        let changes = form.changed();
        if changes.is_empty() {
            editing.set(false);
            return;
        }
        if !fields.with_value(|f| form.check(f, &changes)) {
            browser::reveal(&format!("[data-section='{}'] .has-error", form.key.get_value()));
            return;
        }
        saving.set(true);
        let (entity, id, version) = (ctx.entity_slug(), ctx.id(), base.get_untracked());
        spawn_local(async move {
            let result = save_fields(entity, id, version, changes).await;
            saving.set(false);
            match result {
                Ok(saved) => {
                    ctx.header.update(|h| {
                        h.title = saved.title.clone();
                        h.responsible = saved.responsible.clone();
                    });
                    ctx.apply(saved.version, saved.values, saved.names);
                    ctx.prepend_event(saved.event);
                    ctx.highlight.update(|h| {
                        fields.with_value(|f| {
                            f.iter().for_each(|d| {
                                h.remove(&d.code);
                            })
                        })
                    });
                    if saved.merged {
                        ctx.say(NoticeKind::Info, text::saved_merged());
                    }
                    editing.set(false);
                }
                Err(AppError::Validation { message, fields: errs }) => {
                    // A required field of another section is marked there; the first problem on
                    // the card, in reading order, is scrolled to.
                    let elsewhere: Vec<String> = errs
                        .iter()
                        .filter(|e| !fields.with_value(|f| f.iter().any(|d| d.code == e.code)))
                        .map(|e| e.code.clone())
                        .collect();
                    ctx.highlight.update(|h| h.extend(elsewhere));
                    form.errors.set(errs.into_iter().map(|e| (e.code, e.message)).collect());
                    form.message.set(Some(message));
                    browser::reveal(&format!(
                        "[data-section='{}'] .has-error, .field.needs-value",
                        form.key.get_value()
                    ));
                }
                Err(AppError::Conflict { version, fields: conflicts }) => {
                    // Once the editor has seen the current values, saving again keeps theirs or mine.
                    base.set(version);
                    form.conflicts.set(conflicts.into_iter().map(|c| (c.code.clone(), c)).collect());
                    form.message.set(Some(text::err_conflict().into()));
                }
                Err(e) => {
                    handle_error(&e);
                    form.message.set(Some(e.message()));
                }
            }
        });
    };

    let section_id = section.id.clone();
    view! {
        <section class="card-section" data-section=section_id aria-label=section.title.clone()>
            <header class="section-head">
                <h2>{section.title.clone()}</h2>
                <Show when=move || !ctx.read_only && !editing.get()>
                    <button type="button" class="link edit" on:click=move |_| start(None)>{text::edit()}</button>
                </Show>
            </header>
            // One form in both modes: starting an edit swaps field by field (the clicked one
            // first), never the whole section.
            <form
                class="fields"
                class:section-form=move || editing.get()
                novalidate
                on:submit=move |ev| {
                    ev.prevent_default();
                    if editing.get_untracked() {
                        save();
                    }
                }
                on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                    if ev.key() == "Escape" && editing.get_untracked() {
                        cancel();
                    }
                }
            >
                {fields.get_value().into_iter().map(|def| {
                    let code = def.code.clone();
                    let c0 = code.clone();
                    let open = Memo::new(move |_| {
                        editing.get() && (all_open.get() || first.with(|f| f.as_deref() == Some(c0.as_str())))
                    });
                    move || {
                        if open.get() {
                            let c = code.clone();
                            editor(def.clone(), form, Signal::derive(move || ctx.highlight.with(|h| h.contains(&c))))
                        } else {
                            field_shown(ctx, def.clone(), start).into_any()
                        }
                    }
                }).collect_view()}
                <Show when=move || editing.get() && all_open.get()>
                    {move || form.message.get().map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
                    <div class="actions">
                        <button type="submit" class="primary" disabled=move || saving.get()>
                            {move || if saving.get() { text::saving() } else { text::save() }}
                        </button>
                        <button type="button" on:click=move |_| cancel()>{text::cancel()}</button>
                    </div>
                </Show>
            </form>
        </section>
    }
}

/// A field's editor, as a section swaps it in for the field shown. [`warm_up`] builds this same
/// function's view, so that the code it compiles is the code a click runs.
fn editor(def: FieldDef, form: EditForm, needs_value: Signal<bool>) -> AnyView {
    view! { <FieldEditor def form needs_value/> }.into_any()
}

/// Builds an editor for each kind of field the card shows, off-screen, and throws it away, one
/// kind each time the browser is idle. V8 compiles WebAssembly lazily, each function at its
/// first call, so without this the first edit on a page spends about half its time compiling
/// the code of the editor and of Save (docs/PERFORMANCE.md, P8). Call it from a browser-only
/// effect. The page gets a `performance.mark` "editors-warm" when it is done.
pub fn warm_up(ctx: CardCtx) {
    let Some(owner) = Owner::current() else { return };
    // An editor's code depends on the field's type, whether it holds several values and, for
    // text, whether it has several lines (`SingleInput`, `ManyInput` in field_input.rs).
    let mut kinds = HashSet::new();
    let defs: Vec<FieldDef> = ctx.layout.with_untracked(|l| {
        l.sections
            .iter()
            .flat_map(|s| s.fields.iter())
            .filter_map(|code| ctx.field(code))
            .filter(|d| kinds.insert((d.field_type, d.multiple, d.settings.multiline)))
            .collect()
    });
    let form = EditForm::new("warm-up", &ctx.entity_slug(), Vec::new());
    warm_up_next(ctx, owner, form, defs);
}

fn warm_up_next(ctx: CardCtx, owner: Owner, form: EditForm, mut defs: Vec<FieldDef>) {
    browser::when_idle(move || {
        // Gone with the card, or done.
        if form.key.try_with_value(|_| ()).is_none() {
            return;
        }
        let Some(def) = defs.pop() else {
            browser::mark("editors-warm");
            return;
        };
        let scratch = owner.child();
        scratch.with(|| drop(editor(def.clone(), form, Signal::stored(false)).build()));
        scratch.cleanup();
        // And what Save runs before its request leaves: the check, and the request's body.
        let input = ctx.values.with_untracked(|v| v.get(&def.code).map(Value::to_input));
        let changes = BTreeMap::from([(def.code.clone(), input.unwrap_or_else(|| FieldInput::empty_for(&def)))]);
        form.check(std::slice::from_ref(&def), &changes);
        let _ = serde_json::to_vec(&SaveFields { entity: form.entity.get_value(), id: 0, version: 0, changes });
        warm_up_next(ctx, owner, form, defs);
    });
}

/// A field as the card shows it; a click (or Enter, or Space) starts editing the section there.
fn field_shown(ctx: CardCtx, def: FieldDef, start: impl Fn(Option<String>) + Copy + 'static) -> impl IntoView {
    let code = def.code.clone();
    let (c1, c2, c3) = (code.clone(), code.clone(), code.clone());
    view! {
        <div
            class="field"
            class:needs-value=move || ctx.highlight.with(|h| h.contains(&c1))
            data-field=code
            tabindex="0"
            on:click=move |_| start(Some(c2.clone()))
            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                // On the field itself: a link in its value (a website, a linked item) opens as
                // links do.
                let on_field = ev.target() == ev.current_target();
                if on_field && (ev.key() == "Enter" || ev.key() == " ") {
                    ev.prevent_default();
                    start(Some(c3.clone()));
                }
            }
        >
            <div class="field-label">{def.label.clone()}</div>
            <div class="field-value">
                {move || ctx.values.with(|v| ctx.names.with(|n| value_view(&def, v.get(&def.code), n)))}
            </div>
        </div>
    }
}
