//! The store against real databases: every test runs on SQLite and on PostgreSQL.

#![allow(clippy::unwrap_used)] // a failed step should stop the test right there

mod support;

use crm_card::domain::field::RequiredRule;
use crm_card::domain::merge::Changes;
use crm_card::domain::timeline::{Cursor, EventPayload};
use crm_card::domain::{
    Audience, Booking, EntityType, FieldDef, FieldType, FileRef, ItemRef, ListOption, Pipeline, Value, Values,
};
use crm_card::server::store::files::{self, NewFile};
use crm_card::server::store::items::{self, CreateOutcome, ListQuery, Move, MoveOutcome, NewItem, Save, SaveOutcome};
use crm_card::server::store::{catalog, timeline, users, Conn};

const DAY: i64 = 86_400_000;

fn text(s: &str) -> Value {
    Value::Text(s.into())
}

fn vals(pairs: &[(&str, Value)]) -> Values {
    pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
}

fn changes(pairs: &[(&str, Option<Value>)]) -> Changes {
    pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
}

async fn user(conn: &mut Conn, email: &str) -> i64 {
    let u = users::NewUser { email, name: email, password_hash: "x", department_id: None, is_admin: false };
    users::create_user(conn, u, 0).await.expect("user")
}

struct Ctx {
    fields: Vec<FieldDef>,
    pipelines: Vec<Pipeline>,
}

async fn ctx(conn: &mut Conn, entity: EntityType) -> Ctx {
    Ctx {
        fields: catalog::fields(conn, entity).await.expect("fields"),
        pipelines: catalog::pipelines(conn, entity).await.expect("pipelines"),
    }
}

async fn create(conn: &mut Conn, entity: EntityType, values: Values, user_id: i64, now: i64) -> i64 {
    let c = ctx(conn, entity).await;
    let new = NewItem {
        entity,
        fields: &c.fields,
        pipeline: c.pipelines.first(),
        values,
        user_id: Some(user_id),
        now,
        repeat_lead: false,
        search_gen: 0,
    };
    match items::create(conn, new).await.expect("create") {
        CreateOutcome::Created { id } => id,
        other => panic!("not created: {other:?}"),
    }
}

async fn save(
    conn: &mut Conn,
    entity: EntityType,
    id: i64,
    base: i64,
    ch: Changes,
    user_id: i64,
    now: i64,
) -> SaveOutcome {
    let c = ctx(conn, entity).await;
    // As the service does: the item is read in one statement just before the save.
    let seen = items::for_save(conn, entity, id).await.expect("read").map(|(_, seen, _)| seen);
    let s = Save {
        entity,
        id,
        base_version: base,
        changes: ch,
        fields: &c.fields,
        pipelines: &c.pipelines,
        user_id: Some(user_id),
        now,
        seen,
        search_gen: 0,
    };
    items::save(conn, s).await.expect("save")
}

async fn move_to(
    conn: &mut Conn,
    id: i64,
    u: i64,
    stage_id: i64,
    base: i64,
    fields: Vec<FieldDef>,
    pipelines: Vec<Pipeline>,
) -> MoveOutcome {
    let m = Move {
        entity: EntityType::DEAL,
        id,
        base_version: base,
        stage_id,
        across: false,
        fields: &fields,
        pipelines: &pipelines,
        user_id: Some(u),
        now: 5 * DAY,
    };
    items::move_stage(conn, m).await.unwrap()
}

async fn deal(conn: &mut Conn, title: &str) -> (i64, i64) {
    let u = user(conn, &format!("{}@test.example", title.replace(' ', "."))).await;
    (create(conn, EntityType::DEAL, vals(&[("title", text(title))]), u, DAY).await, u)
}

on_both_databases! {
    async fn installing_the_catalog_twice_changes_nothing(store: Store) {
        let mut conn = store.pool.acquire().await.unwrap();
        let before = catalog::pipelines(&mut conn, EntityType::DEAL).await.unwrap();
        catalog::install(&mut conn, 1).await.unwrap();
        assert_eq!(catalog::pipelines(&mut conn, EntityType::DEAL).await.unwrap(), before);
        assert_eq!(before.len(), 2, "sales and support pipelines");
        assert_eq!(before[0].stages.iter().map(|s| s.code.as_str()).collect::<Vec<_>>(), ["new", "preparation", "invoice", "in_progress", "won", "lost"]);
        let fields = catalog::fields(&mut conn, EntityType::CONTACT).await.unwrap();
        assert!(fields.iter().any(|f| f.code == "email" && f.multiple));
        let layout = catalog::layout(&mut conn, EntityType::COMPANY).await.unwrap();
        assert!(layout.field_codes().any(|c| c == "website"));
    }
}

on_both_databases! {
    async fn a_created_item_has_its_values_title_stage_and_a_created_event(store: Store) {
        let mut conn = store.pool.acquire().await.unwrap();
        let u = user(&mut conn, "a@test.example").await;
        let company = create(&mut conn, EntityType::COMPANY, vals(&[("name", text("Acme"))]), u, DAY).await;
        let id = create(&mut conn, EntityType::CONTACT, vals(&[
            ("first_name", text("Anna")), ("last_name", text("Petrova")),
            ("company", Value::Item(ItemRef { entity: EntityType::COMPANY, id: company })),
            ("phone", Value::Many(vec![text("+7 495 123-45-67")])),
        ]), u, DAY).await;
        let row = items::item(&mut conn, EntityType::CONTACT, id).await.unwrap().expect("row");
        assert_eq!((row.title.as_str(), row.version, row.stage_id), ("Anna Petrova", 1, None));
        assert!(items::item(&mut conn, EntityType::DEAL, id).await.unwrap().is_none(), "another entity type does not see it");
        assert_eq!(items::values(&mut conn, id).await.unwrap().get("phone"), Some(&Value::Many(vec![text("+7 495 123-45-67")])));
        let events = timeline::page(&mut conn, id, None, 20).await.unwrap();
        assert!(matches!(&events[0].payload, EventPayload::Created { title } if title == "Anna Petrova"));
        let deal_id = create(&mut conn, EntityType::DEAL, vals(&[("title", text("Big deal"))]), u, DAY).await;
        let deal = items::item(&mut conn, EntityType::DEAL, deal_id).await.unwrap().expect("deal");
        let c = ctx(&mut conn, EntityType::DEAL).await;
        assert_eq!(deal.stage_id, Some(c.pipelines[0].stages[0].id), "a new deal starts at the first stage");
    }
}

on_both_databases! {
    async fn an_item_without_its_required_title_is_not_created(store: Store) {
        let mut conn = store.pool.acquire().await.unwrap();
        let c = ctx(&mut conn, EntityType::DEAL).await;
        let new = NewItem { entity: EntityType::DEAL, fields: &c.fields, pipeline: c.pipelines.first(), values: Values::new(), user_id: None, now: 1, repeat_lead: false, search_gen: 0 };
        assert_eq!(items::create(&mut conn, new).await.unwrap(), CreateOutcome::MissingRequired(vec!["title".into()]));
        assert!(items::list(&mut conn, EntityType::DEAL, &ListQuery { limit: 10, ..Default::default() }).await.unwrap().is_empty());
    }
}

on_both_databases! {
    async fn a_save_bumps_the_version_logs_the_change_and_writes_a_timeline_event(store: Store) {
        let mut conn = store.pool.acquire().await.unwrap();
        let (id, u) = deal(&mut conn, "Old name").await;
        let out = save(&mut conn, EntityType::DEAL, id, 1, changes(&[("title", Some(text("New name"))), ("probability", Some(Value::Integer(40)))]), u, 2 * DAY).await;
        let SaveOutcome::Saved { version, title, merged, event, .. } = out else { panic!("{out:?}") };
        assert_eq!((version, title.as_str(), merged), (2, "New name", false));
        assert!(event.is_some());
        let row = items::item(&mut conn, EntityType::DEAL, id).await.unwrap().unwrap();
        assert_eq!((row.title.as_str(), row.version), ("New name", 2));
        let history = items::history(&mut conn, id, None, 50).await.unwrap();
        let mut logged: Vec<_> = history.iter().map(|h| (h.field_code.as_str(), h.new.clone())).collect();
        logged.sort_by_key(|(c, _)| c.to_string());
        assert_eq!(logged, vec![("probability", Some(Value::Integer(40))), ("title", Some(text("New name")))]);
        assert_eq!(history.iter().find(|h| h.field_code == "title").and_then(|h| h.old.clone()), Some(text("Old name")));
        let events = timeline::page(&mut conn, id, None, 20).await.unwrap();
        assert!(matches!(&events[0].payload, EventPayload::FieldChanged { changes } if changes.len() == 2));
    }
}

on_both_databases! {
    async fn a_save_decided_from_a_read_that_someone_else_overtook_neither_loses_nor_overwrites_their_write(store: Store) {
        let mut conn = store.pool.acquire().await.unwrap();
        let (id, u) = deal(&mut conn, "Raced").await;
        let c = ctx(&mut conn, EntityType::DEAL).await;
        let (_, read, _) = items::for_save(&mut conn, EntityType::DEAL, id).await.unwrap().unwrap();
        let stale = || read.clone();
        // Between this editor's read and their save, someone else saves two fields.
        let theirs = save(&mut conn, EntityType::DEAL, id, 1, changes(&[("probability", Some(Value::Integer(70))), ("comment", Some(text("Theirs")))]), u, 2 * DAY).await;
        assert!(matches!(theirs, SaveOutcome::Saved { version: 2, .. }), "{theirs:?}");
        let mine = |ch: Changes| Save {
            entity: EntityType::DEAL, id, base_version: 1, changes: ch, fields: &c.fields, pipelines: &c.pipelines,
            user_id: Some(u), now: 3 * DAY, seen: Some(stale()), search_gen: 0,
        };
        // Another field: merged with theirs, nothing of theirs undone.
        let out = items::save(&mut conn, mine(changes(&[("title", Some(text("Mine")))]))).await.unwrap();
        let SaveOutcome::Saved { version, values, merged, title, .. } = out else { panic!("{out:?}") };
        assert_eq!((version, merged, title.as_str()), (3, true, "Mine"));
        assert_eq!(values.get("probability"), Some(&Value::Integer(70)));
        assert_eq!(items::values(&mut conn, id).await.unwrap(), values);
        // The writes sent with the claim that found the item moved on left nothing behind.
        assert_eq!(timeline::page(&mut conn, id, None, 20).await.unwrap().len(), 3, "created, theirs, mine");
        assert_eq!(items::history(&mut conn, id, None, 50).await.unwrap().len(), 3, "their two changes, my one");
        // The field they changed: a conflict that shows their value, and nothing written.
        let out = items::save(&mut conn, mine(changes(&[("comment", Some(text("Mine")))]))).await.unwrap();
        let SaveOutcome::Conflict { version, conflicts } = out else { panic!("{out:?}") };
        assert_eq!((version, conflicts[0].code.as_str(), conflicts[0].current.clone()), (3, "comment", Some(text("Theirs"))));
        let row = items::item(&mut conn, EntityType::DEAL, id).await.unwrap().unwrap();
        assert_eq!((row.version, row.title.as_str()), (3, "Mine"));
        assert_eq!(items::values(&mut conn, id).await.unwrap().get("comment"), Some(&text("Theirs")));
    }
}

on_both_databases! {
    async fn two_people_changing_different_fields_both_keep_their_changes(store: Store) {
        let mut conn = store.pool.acquire().await.unwrap();
        let (id, u) = deal(&mut conn, "Shared").await;
        // Both opened the card at version 1.
        let first = save(&mut conn, EntityType::DEAL, id, 1, changes(&[("probability", Some(Value::Integer(70)))]), u, 2 * DAY).await;
        assert!(matches!(first, SaveOutcome::Saved { version: 2, merged: false, .. }));
        let second = save(&mut conn, EntityType::DEAL, id, 1, changes(&[("comment", Some(text("Call on Monday")))]), u, 3 * DAY).await;
        let SaveOutcome::Saved { version, values, merged, .. } = second else { panic!("{second:?}") };
        assert_eq!((version, merged), (3, true));
        assert_eq!(values.get("probability"), Some(&Value::Integer(70)));
        assert_eq!(values.get("comment"), Some(&text("Call on Monday")));
        let stored = items::values(&mut conn, id).await.unwrap();
        assert_eq!(stored, values);
    }
}

on_both_databases! {
    async fn changing_a_field_someone_else_changed_meanwhile_is_a_conflict_and_writes_nothing(store: Store) {
        let mut conn = store.pool.acquire().await.unwrap();
        let (id, u) = deal(&mut conn, "Contested").await;
        save(&mut conn, EntityType::DEAL, id, 1, changes(&[("title", Some(text("Theirs")))]), u, 2 * DAY).await;
        let out = save(&mut conn, EntityType::DEAL, id, 1, changes(&[("title", Some(text("Mine"))), ("probability", Some(Value::Integer(5)))]), u, 3 * DAY).await;
        let SaveOutcome::Conflict { version, conflicts } = out else { panic!("{out:?}") };
        assert_eq!(version, 2);
        assert_eq!(conflicts.len(), 1);
        assert_eq!((conflicts[0].code.as_str(), conflicts[0].current.clone()), ("title", Some(text("Theirs"))));
        let row = items::item(&mut conn, EntityType::DEAL, id).await.unwrap().unwrap();
        assert_eq!((row.version, row.title.as_str()), (2, "Theirs"), "nothing of the refused save was written");
        assert!(!items::values(&mut conn, id).await.unwrap().contains_key("probability"));
        // Having seen their value, the editor saves again from version 2 and wins.
        let again = save(&mut conn, EntityType::DEAL, id, 2, changes(&[("title", Some(text("Mine")))]), u, 4 * DAY).await;
        assert!(matches!(again, SaveOutcome::Saved { version: 3, .. }));
    }
}

on_both_databases! {
    async fn writing_the_value_someone_else_already_wrote_is_not_a_conflict(store: Store) {
        let mut conn = store.pool.acquire().await.unwrap();
        let (id, u) = deal(&mut conn, "Same").await;
        save(&mut conn, EntityType::DEAL, id, 1, changes(&[("probability", Some(Value::Integer(50)))]), u, 2 * DAY).await;
        let out = save(&mut conn, EntityType::DEAL, id, 1, changes(&[("probability", Some(Value::Integer(50)))]), u, 3 * DAY).await;
        assert!(matches!(out, SaveOutcome::Saved { version: 2, event: None, .. }), "{out:?}");
    }
}

on_both_databases! {
    async fn saving_an_unknown_item_or_emptying_a_required_field_is_refused(store: Store) {
        let mut conn = store.pool.acquire().await.unwrap();
        let (id, u) = deal(&mut conn, "Keep title").await;
        assert_eq!(save(&mut conn, EntityType::DEAL, 999_999, 1, changes(&[("title", Some(text("x")))]), u, DAY).await, SaveOutcome::NotFound);
        assert_eq!(save(&mut conn, EntityType::LEAD, id, 1, changes(&[("title", Some(text("x")))]), u, DAY).await, SaveOutcome::NotFound);
        let out = save(&mut conn, EntityType::DEAL, id, 1, changes(&[("title", None)]), u, DAY).await;
        assert_eq!(out, SaveOutcome::MissingRequired(vec!["title".into()]));
        assert_eq!(items::item(&mut conn, EntityType::DEAL, id).await.unwrap().unwrap().version, 1);
    }
}

on_both_databases! {
    async fn moving_the_stage_logs_it_and_refuses_foreign_stages_and_missing_required_fields(store: Store) {
        let mut conn = store.pool.acquire().await.unwrap();
        let (id, u) = deal(&mut conn, "Mover").await;
        let c = ctx(&mut conn, EntityType::DEAL).await;
        let sales = &c.pipelines[0];
        let support = &c.pipelines[1];
        let moved = move_to(&mut conn, id, u, sales.stages[2].id, 1, c.fields.clone(), c.pipelines.clone()).await;
        assert!(matches!(moved, MoveOutcome::Moved { version: 2, .. }), "{moved:?}");
        assert_eq!(items::item(&mut conn, EntityType::DEAL, id).await.unwrap().unwrap().stage_id, Some(sales.stages[2].id));
        let events = timeline::page(&mut conn, id, None, 20).await.unwrap();
        assert!(matches!(&events[0].payload, EventPayload::StageChanged { from: Some(f), to, .. } if f.id == sales.stages[0].id && to.id == sales.stages[2].id));
        assert_eq!(move_to(&mut conn, id, u, support.stages[1].id, 2, c.fields.clone(), c.pipelines.clone()).await, MoveOutcome::UnknownStage);
        assert_eq!(move_to(&mut conn, id, u, sales.stages[2].id, 2, c.fields.clone(), c.pipelines.clone()).await, MoveOutcome::Unchanged { version: 2 });
        // A field required at "won" and empty: the move is refused and names it.
        let mut strict = c.fields.clone();
        if let Some(f) = strict.iter_mut().find(|f| f.code == "close_date") {
            f.settings.required = RequiredRule { always: false, stages: vec![sales.stages[4].id] };
        }
        assert_eq!(move_to(&mut conn, id, u, sales.stages[4].id, 2, strict, c.pipelines.clone()).await, MoveOutcome::MissingRequired(vec!["close_date".into()]));
        // Someone moved it meanwhile: a move from the old version is a conflict.
        assert!(matches!(move_to(&mut conn, id, u, sales.stages[3].id, 2, c.fields.clone(), c.pipelines.clone()).await, MoveOutcome::Moved { version: 3, .. }));
        assert_eq!(move_to(&mut conn, id, u, sales.stages[4].id, 2, c.fields.clone(), c.pipelines.clone()).await, MoveOutcome::Conflict { version: 3, stage_id: Some(sales.stages[3].id) });
    }
}

on_both_databases! {
    async fn the_timeline_pages_newest_first_without_gaps_or_repeats(store: Store) {
        let mut conn = store.pool.acquire().await.unwrap();
        let (id, u) = deal(&mut conn, "Busy").await;
        for i in 0..44 {
            // Pairs share a timestamp: the id breaks the tie.
            let at = 2 * DAY + (i / 2) * 1000;
            timeline::insert_event(&mut conn, id, &EventPayload::Comment { text: format!("c{i}") }, Some(u), at).await.unwrap();
        }
        let mut seen = Vec::new();
        let mut cursor: Option<Cursor> = None;
        loop {
            let mut page = timeline::page(&mut conn, id, cursor, 20).await.unwrap();
            let more = page.len() > 20;
            page.truncate(20);
            cursor = page.last().map(|e| Cursor { at: e.at, id: e.id });
            seen.extend(page.into_iter().map(|e| (e.at, e.id)));
            if !more {
                break;
            }
        }
        assert_eq!(seen.len(), 45, "44 comments and the created event");
        let mut sorted = seen.clone();
        sorted.sort_by(|a, b| b.cmp(a));
        sorted.dedup();
        assert_eq!(seen, sorted, "strictly newest first, no repeats");
    }
}

on_both_databases! {
    async fn the_list_searches_titles_and_values_filters_by_stage_and_pages_by_keyset(store: Store) {
        let mut conn = store.pool.acquire().await.unwrap();
        let u = user(&mut conn, "l@test.example").await;
        for i in 0..7 {
            let phone = Value::Many(vec![text(&format!("+39 02 555-000{i}"))]);
            create(&mut conn, EntityType::LEAD, vals(&[("title", text(&format!("Lead 100% number {i}"))), ("phone", phone)]), u, DAY + i).await;
        }
        let q = |search: &str, limit| ListQuery { search: Some(search.into()), limit, ..Default::default() };
        assert_eq!(items::list(&mut conn, EntityType::LEAD, &q("number 3", 10)).await.unwrap().len(), 1);
        assert_eq!(items::list(&mut conn, EntityType::LEAD, &q("555-0005", 10)).await.unwrap()[0].title, "Lead 100% number 5");
        assert_eq!(items::list(&mut conn, EntityType::LEAD, &q("LEAD 100%", 10)).await.unwrap().len(), 7, "case-insensitive; % is literal");
        assert!(items::list(&mut conn, EntityType::LEAD, &q("_", 10)).await.unwrap().is_empty(), "_ is literal");
        let first = items::list(&mut conn, EntityType::LEAD, &ListQuery { limit: 3, ..Default::default() }).await.unwrap();
        assert_eq!(first.len(), 4, "limit + 1 tells that more follow");
        let second = items::list(&mut conn, EntityType::LEAD, &ListQuery { limit: 3, before_id: Some(first[2].id), ..Default::default() }).await.unwrap();
        assert!(second.iter().all(|r| r.id < first[2].id));
        let c = ctx(&mut conn, EntityType::LEAD).await;
        let new_stage = c.pipelines[0].stages[0].id;
        let by_stage = ListQuery { stage_id: Some(new_stage), limit: 50, ..Default::default() };
        assert_eq!(items::list(&mut conn, EntityType::LEAD, &by_stage).await.unwrap().len(), 7);
        let other = ListQuery { stage_id: Some(c.pipelines[0].stages[1].id), limit: 50, ..Default::default() };
        assert!(items::list(&mut conn, EntityType::LEAD, &other).await.unwrap().is_empty());
    }
}

on_both_databases! {
    async fn item_bindings_show_as_relations_both_ways_and_follow_changes(store: Store) {
        let mut conn = store.pool.acquire().await.unwrap();
        let u = user(&mut conn, "r@test.example").await;
        let acme = create(&mut conn, EntityType::COMPANY, vals(&[("name", text("Acme"))]), u, DAY).await;
        let globex = create(&mut conn, EntityType::COMPANY, vals(&[("name", text("Globex"))]), u, DAY).await;
        let company = |id| Value::Item(ItemRef { entity: EntityType::COMPANY, id });
        let d = create(&mut conn, EntityType::DEAL, vals(&[("title", text("Linked")), ("company", company(acme))]), u, DAY).await;
        let from_deal = items::links(&mut conn, d, 100).await.unwrap();
        assert_eq!(from_deal.iter().map(|l| (l.outgoing, l.id, l.title.as_str())).collect::<Vec<_>>(), vec![(true, acme, "Acme")]);
        let to_acme = items::links(&mut conn, acme, 100).await.unwrap();
        assert_eq!(to_acme.iter().map(|l| (l.outgoing, l.id, l.field_code.as_str())).collect::<Vec<_>>(), vec![(false, d, "company")]);
        save(&mut conn, EntityType::DEAL, d, 1, changes(&[("company", Some(company(globex)))]), u, 2 * DAY).await;
        assert!(items::links(&mut conn, acme, 100).await.unwrap().is_empty(), "the old link is gone");
        assert_eq!(items::links(&mut conn, globex, 100).await.unwrap().len(), 1);
        let found = items::titles(&mut conn, &[acme, d, 999_999]).await.unwrap();
        let mut seen: Vec<_> = found.iter().map(|t| (t.id, t.entity, t.title.as_str(), t.owner.responsible_id)).collect();
        seen.sort_by_key(|s| s.0);
        assert_eq!(seen, vec![(acme, EntityType::COMPANY, "Acme", None), (d, EntityType::DEAL, "Linked", None)]);
    }
}

on_both_databases! {
    async fn a_session_names_its_user_until_it_expires_or_is_deleted(store: Store) {
        let mut conn = store.pool.acquire().await.unwrap();
        let u = user(&mut conn, "S@Test.example").await;
        let idle = 1_000_000;
        users::create_session(&mut conn, "hash-1", u, 10, 1_000).await.unwrap();
        let me = users::session_user(&mut conn, "hash-1", 500, idle, true).await.unwrap().expect("live session");
        assert_eq!((me.id, me.email.as_str()), (u, "s@test.example"));
        assert!(users::session_user(&mut conn, "hash-1", 1_000, idle, true).await.unwrap().is_none(), "expired");
        assert!(users::session_user(&mut conn, "other", 500, idle, true).await.unwrap().is_none());
        users::delete_session(&mut conn, "hash-1").await.unwrap();
        assert!(users::session_user(&mut conn, "hash-1", 500, idle, true).await.unwrap().is_none());
        assert!(users::credentials(&mut conn, " s@TEST.example ").await.unwrap().is_some(), "email is case-insensitive");
    }
}

on_both_databases! {
    async fn a_session_ends_after_its_idle_time_and_each_request_extends_it(store: Store) {
        let mut conn = store.pool.acquire().await.unwrap();
        let u = user(&mut conn, "idle@test.example").await;
        let (minute, hour) = (60_000, 3_600_000);
        let long = 100 * hour;
        users::create_session(&mut conn, "busy", u, 0, long).await.unwrap();
        users::create_session(&mut conn, "away", u, 0, long).await.unwrap();
        users::create_session(&mut conn, "watched", u, 0, long).await.unwrap();
        // An open page's event stream polls without moving the limit on.
        assert!(users::session_user(&mut conn, "watched", 50 * minute, hour, false).await.unwrap().is_some());
        assert!(users::session_user(&mut conn, "watched", 61 * minute, hour, false).await.unwrap().is_none(), "polled");
        // The busy session makes a request every 50 minutes; each one moves its idle limit on.
        for t in [50 * minute, 100 * minute, 150 * minute] {
            assert!(users::session_user(&mut conn, "busy", t, hour, true).await.unwrap().is_some(), "busy at {t}");
        }
        assert!(users::session_user(&mut conn, "away", 50 * minute, hour, true).await.unwrap().is_some());
        assert!(users::session_user(&mut conn, "away", 111 * minute, hour, true).await.unwrap().is_none(), "idle an hour");
        assert!(users::session_user(&mut conn, "busy", 151 * minute, hour, true).await.unwrap().is_some());
        assert_eq!(users::delete_expired_sessions(&mut conn, 151 * minute, hour).await.unwrap(), 2, "the idle ones");
    }
}

on_both_databases! {
    async fn demo_data_fills_an_empty_database_once(store: Store) {
        let now = 1_800_000_000_000;
        assert!(crm_card::server::demo::seed_if_empty(&store, now).await.unwrap());
        assert!(!crm_card::server::demo::seed_if_empty(&store, now).await.unwrap(), "a second start adds nothing");
        let mut conn = store.pool.acquire().await.unwrap();
        assert_eq!(users::count_users(&mut conn).await.unwrap(), 4);
        for e in EntityType::SYSTEM {
            let rows = items::list(&mut conn, e, &ListQuery { limit: 100, ..Default::default() }).await.unwrap();
            assert!(rows.len() >= 20, "{e}: {} items", rows.len());
            assert!(rows.iter().all(|r| r.updated_at <= now), "{e}: demo history is in the past");
        }
        let rich = items::search_titles(&mut conn, EntityType::DEAL, &crm_card::server::demo::demo_text(crm_card::i18n::Lang::En).rich_deal, 5, items::Reach::All).await.unwrap();
        let events = timeline::page(&mut conn, rich[0].0, None, 100).await.unwrap();
        assert!(events.len() > 40, "the rich deal has more than two timeline pages: {}", events.len());
        let linked = items::links(&mut conn, rich[0].0, 100).await.unwrap();
        assert!(linked.iter().any(|l| l.entity == EntityType::COMPANY) && linked.iter().any(|l| l.entity == EntityType::CONTACT));
    }
}

mod layouts_store {
    use super::*;
    use crm_card::domain::layout_ops::{LayoutOp, OpConflict};
    use crm_card::domain::views::CardKind;
    use crm_card::server::store::layouts::{self, Author, Record, COMMON};

    fn known(code: &str) -> bool {
        crm_card::domain::catalog::shipped_fields(EntityType::DEAL).iter().any(|f| f.code == code)
    }

    fn mv(code: &str, section: &str, after: Option<&str>) -> LayoutOp {
        LayoutOp::MoveField { code: code.into(), section: section.into(), after: after.map(Into::into) }
    }

    fn section_fields(l: &crm_card::domain::Layout, id: &str) -> Vec<String> {
        l.sections.iter().find(|s| s.id == id).map(|s| s.fields.clone()).unwrap_or_default()
    }

    on_both_databases! {
        async fn layout_operations_make_versions_that_the_card_shows_and_history_keeps(store: Store) {
            let mut conn = store.pool.acquire().await.unwrap();
            let admin = user(&mut conn, "admin@test.example").await;
            let by = Author { user_id: Some(admin), now: DAY };
            let saved = layouts::apply_ops(&mut conn, CardKind::entity(EntityType::DEAL), COMMON, 1, &[mv("comment", "about", Some("title"))], &known, by).await.unwrap();
            assert_eq!((saved.version, saved.rebased, saved.conflicts.len()), (2, false, 0));
            assert_eq!(&section_fields(&saved.layout, "about")[..2], ["title", "comment"]);
            let shown = catalog::layout(&mut conn, EntityType::DEAL).await.unwrap();
            assert_eq!(shown, saved.layout, "cards show the common layout once it exists");
            let history = layouts::history(&mut conn, CardKind::entity(EntityType::DEAL), COMMON, 10).await.unwrap();
            assert_eq!(history.iter().map(|h| h.version).collect::<Vec<_>>(), [2, 1]);
            assert_eq!(history[1].record, Record::Initial);
            assert!(matches!(&history[0].record, Record::Ops { ops } if ops.len() == 1));
            assert_eq!(history[0].author.as_deref(), Some("admin@test.example"));
        }
    }

    on_both_databases! {
        async fn two_editors_from_the_same_version_both_keep_their_changes(store: Store) {
            let mut conn = store.pool.acquire().await.unwrap();
            let by = Author { user_id: None, now: DAY };
            let first = layouts::apply_ops(&mut conn, CardKind::entity(EntityType::DEAL), COMMON, 1, &[mv("probability", "client", None)], &known, by).await.unwrap();
            // The second editor also started from version 1.
            let second = layouts::apply_ops(&mut conn, CardKind::entity(EntityType::DEAL), COMMON, 1, &[LayoutOp::HideField { code: "source".into() }], &known, by).await.unwrap();
            assert_eq!((first.version, second.version, second.rebased), (2, 3, true));
            assert_eq!(section_fields(&second.layout, "client")[0], "probability", "the first editor's move survived");
            assert!(!second.layout.field_codes().any(|c| c == "source"));
        }
    }

    on_both_databases! {
        async fn an_operation_on_a_deleted_section_is_a_conflict_and_makes_no_version(store: Store) {
            let mut conn = store.pool.acquire().await.unwrap();
            let by = Author { user_id: None, now: DAY };
            layouts::apply_ops(&mut conn, CardKind::entity(EntityType::DEAL), COMMON, 1, &[LayoutOp::DeleteSection { id: "client".into() }], &known, by).await.unwrap();
            let late = layouts::apply_ops(&mut conn, CardKind::entity(EntityType::DEAL), COMMON, 1, &[mv("title", "client", None)], &known, by).await.unwrap();
            assert_eq!(late.version, 2, "nothing applied: no new version");
            assert_eq!(late.conflicts.len(), 1);
            assert_eq!(late.conflicts[0].1, OpConflict::SectionGone { id: "client".into() });
            assert!(late.layout.sections.iter().all(|s| s.id != "client"), "the current layout comes back");
            // The deleted section's fields are hidden, not gone: they can be shown again.
            let show = LayoutOp::ShowField { code: "company".into(), section: "about".into(), after: None };
            let back = layouts::apply_ops(&mut conn, CardKind::entity(EntityType::DEAL), COMMON, 2, &[show], &known, by).await.unwrap();
            assert_eq!(section_fields(&back.layout, "about")[0], "company");
        }
    }

    on_both_databases! {
        async fn a_layout_operation_decided_from_a_read_that_someone_overtook_goes_on_top_of_their_save(store: Store) {
            let mut conn = store.pool.acquire().await.unwrap();
            let by = Author { user_id: None, now: DAY };
            let deals = CardKind::entity(EntityType::DEAL);
            layouts::apply_ops(&mut conn, deals, COMMON, 1, &[mv("probability", "client", None)], &known, by).await.unwrap();
            let (_, read) = layouts::current_at_revision(&mut conn, deals, COMMON).await.unwrap();
            assert_eq!(read.as_ref().map(|r| r.0), Some(2));
            // After this editor's read, someone else saves version 3.
            let theirs = layouts::apply_ops(&mut conn, deals, COMMON, 2, &[LayoutOp::HideField { code: "source".into() }], &known, by).await.unwrap();
            assert_eq!(theirs.version, 3);
            let hide_title = [LayoutOp::HideField { code: "title".into() }];
            let save = layouts::OpsSave { kind: deals, scope: COMMON, base_version: 2, ops: &hide_title, known: &known, by, max_sections: None };
            let mine = layouts::apply_ops_to(&mut conn, save, read).await.unwrap();
            assert_eq!((mine.version, mine.rebased), (4, true), "applied after theirs");
            assert!(!mine.layout.field_codes().any(|c| c == "source"), "their change stands");
            assert!(!mine.layout.field_codes().any(|c| c == "title"), "mine is there");
            assert_eq!(layouts::current(&mut conn, deals, COMMON).await.unwrap(), Some((4, mine.layout.clone())));
            let history = layouts::history(&mut conn, deals, COMMON, 10).await.unwrap();
            assert_eq!(history.iter().map(|h| h.version).collect::<Vec<_>>(), [4, 3, 2, 1], "one version each");
            assert_eq!(history[1].layout, theirs.layout, "their version kept as they saved it");
        }
    }

    on_both_databases! {
        async fn a_rollback_is_a_new_version_with_the_old_layout(store: Store) {
            let mut conn = store.pool.acquire().await.unwrap();
            let by = Author { user_id: None, now: DAY };
            layouts::apply_ops(&mut conn, CardKind::entity(EntityType::DEAL), COMMON, 1, &[LayoutOp::HideField { code: "title".into() }], &known, by).await.unwrap();
            let (version, layout) = layouts::rollback(&mut conn, CardKind::entity(EntityType::DEAL), COMMON, 1, by).await.unwrap().unwrap();
            assert_eq!(version, 3);
            assert_eq!(layout, crm_card::domain::catalog::fallback_layout(EntityType::DEAL));
            assert_eq!(layouts::current(&mut conn, CardKind::entity(EntityType::DEAL), COMMON).await.unwrap().map(|c| c.0), Some(3));
            assert!(layouts::rollback(&mut conn, CardKind::entity(EntityType::DEAL), COMMON, 99, by).await.unwrap().is_none());
        }
    }
}

on_both_databases! {
    async fn search_ignores_case_in_every_alphabet_and_old_rows_get_indexed(store: Store) {
        let mut conn = store.pool.acquire().await.unwrap();
        let u = user(&mut conn, "u@test.example").await;
        let id = create(&mut conn, EntityType::CONTACT, vals(&[
            ("first_name", text("Иван")), ("last_name", text("Петров")),
            ("position", text("Directeur Général")),
            ("email", Value::Many(vec![text("ivan@example.com")])),
        ]), u, DAY).await;
        let find = |q: &str| ListQuery { search: Some(q.into()), limit: 10, ..Default::default() };
        for q in ["иван", "ИВАН", "петров", "GÉNÉRAL", "général", "IVAN@EXAMPLE"] {
            let rows = items::list(&mut conn, EntityType::CONTACT, &find(q)).await.unwrap();
            assert_eq!(rows.iter().map(|r| r.id).collect::<Vec<_>>(), vec![id], "search {q}");
        }
        assert!(items::list(&mut conn, EntityType::CONTACT, &find("text")).await.unwrap().is_empty(), "value tags are not searched");
        assert_eq!(items::search_titles(&mut conn, EntityType::CONTACT, "ИВАН ПЕТРОВ", 5, items::Reach::All).await.unwrap()[0].0, id);
        // A row written before the search column existed is found after the start-up indexing.
        sqlx::query("UPDATE items SET search_text = '' WHERE id = $1").bind(id).execute(&mut *conn).await.unwrap();
        assert!(items::list(&mut conn, EntityType::CONTACT, &find("иван")).await.unwrap().is_empty());
        assert_eq!(items::index_unsearched(&mut conn).await.unwrap(), 1);
        assert_eq!(items::list(&mut conn, EntityType::CONTACT, &find("иван")).await.unwrap().len(), 1);
    }
}

/// A custom field of deals, created as an admin would.
async fn custom_field(conn: &mut Conn, code: &str, t: FieldType, configure: impl FnOnce(&mut FieldDef)) -> FieldDef {
    let mut def = FieldDef {
        code: code.into(),
        label: format!("Custom {code}"),
        field_type: t,
        multiple: false,
        system: false,
        settings: Default::default(),
    };
    configure(&mut def);
    catalog::create_field(conn, EntityType::DEAL, &def).await.unwrap();
    def
}

fn slot(resource: &str, start: &str, end: &str) -> Value {
    Value::Booking(Booking { resource: resource.into(), start: start.into(), end: end.into() })
}

on_both_databases! {
    async fn deleting_a_custom_field_deletes_its_values_history_links_and_timeline_changes(store: Store) {
        let mut conn = store.pool.acquire().await.unwrap();
        let def = custom_field(&mut conn, "uf_code1", FieldType::String, |_| {}).await;
        assert_eq!(catalog::field(&mut conn, EntityType::DEAL, "uf_code1").await.unwrap(), Some(def));
        let (id, u) = deal(&mut conn, "Field test").await;
        let set = changes(&[("uf_code1", Some(text("secret sauce")))]);
        assert!(matches!(save(&mut conn, EntityType::DEAL, id, 1, set, u, DAY).await, SaveOutcome::Saved { .. }));
        let both = changes(&[("uf_code1", Some(text("other sauce"))), ("probability", Some(Value::Integer(5)))]);
        assert!(matches!(save(&mut conn, EntityType::DEAL, id, 2, both, u, DAY).await, SaveOutcome::Saved { .. }));
        let find = ListQuery { search: Some("sauce".into()), limit: 10, ..Default::default() };
        assert_eq!(items::list(&mut conn, EntityType::DEAL, &find).await.unwrap().len(), 1);

        assert!(catalog::delete_field(&mut conn, EntityType::DEAL, "uf_code1").await.unwrap());
        assert!(catalog::field(&mut conn, EntityType::DEAL, "uf_code1").await.unwrap().is_none());
        assert!(!items::values(&mut conn, id).await.unwrap().contains_key("uf_code1"));
        assert!(items::history(&mut conn, id, None, 50).await.unwrap().iter().all(|h| h.field_code != "uf_code1"));
        let events = timeline::page(&mut conn, id, None, 20).await.unwrap();
        let field_events: Vec<_> = events.iter().filter_map(|e| match &e.payload {
            EventPayload::FieldChanged { changes } => Some(changes.iter().map(|c| c.code.clone()).collect::<Vec<_>>()),
            _ => None,
        }).collect();
        assert_eq!(field_events, vec![vec!["probability".to_string()]], "the event of the field alone is gone, the mixed one kept");
        assert!(items::list(&mut conn, EntityType::DEAL, &find).await.unwrap().is_empty(), "its values are not found any more");
        assert!(!catalog::delete_field(&mut conn, EntityType::DEAL, "title").await.unwrap(), "system fields stay");
        assert!(catalog::field(&mut conn, EntityType::DEAL, "title").await.unwrap().is_some());
    }
}

on_both_databases! {
    async fn a_resource_is_never_booked_twice_at_overlapping_times(store: Store) {
        let mut conn = store.pool.acquire().await.unwrap();
        custom_field(&mut conn, "uf_room", FieldType::Booking, |d| {
            d.settings.options = vec![ListOption { id: "a".into(), label: "Room A".into() }, ListOption { id: "b".into(), label: "Room B".into() }];
        }).await;
        let (first, u) = deal(&mut conn, "First").await;
        let (second, _) = deal(&mut conn, "Second").await;
        let book = |v: Value| changes(&[("uf_room", Some(v))]);
        let out = save(&mut conn, EntityType::DEAL, first, 1, book(slot("a", "2026-03-02T10:00", "2026-03-02T11:00")), u, DAY).await;
        assert!(matches!(out, SaveOutcome::Saved { .. }), "{out:?}");
        let clash = save(&mut conn, EntityType::DEAL, second, 1, book(slot("a", "2026-03-02T10:30", "2026-03-02T11:30")), u, DAY).await;
        assert_eq!(clash, SaveOutcome::Booked(vec!["uf_room".into()]));
        assert!(!items::values(&mut conn, second).await.unwrap().contains_key("uf_room"), "nothing of the refused save stays");
        assert_eq!(items::item(&mut conn, EntityType::DEAL, second).await.unwrap().unwrap().version, 1);
        assert!(items::history(&mut conn, second, None, 50).await.unwrap().is_empty());
        assert_eq!(timeline::page(&mut conn, second, None, 20).await.unwrap().len(), 1, "only its creation");
        let other_room = save(&mut conn, EntityType::DEAL, second, 1, book(slot("b", "2026-03-02T10:30", "2026-03-02T11:30")), u, DAY).await;
        assert!(matches!(other_room, SaveOutcome::Saved { .. }));
        let after = save(&mut conn, EntityType::DEAL, second, 2, book(slot("a", "2026-03-02T11:00", "2026-03-02T12:00")), u, DAY).await;
        assert!(matches!(after, SaveOutcome::Saved { .. }), "back to back is fine: {after:?}");
        // The first deal lets its slot go; now the slot is free for a new deal.
        assert!(matches!(save(&mut conn, EntityType::DEAL, first, 2, changes(&[("uf_room", None)]), u, DAY).await, SaveOutcome::Saved { .. }));
        let c = ctx(&mut conn, EntityType::DEAL).await;
        let values = vals(&[("title", text("Third")), ("uf_room", slot("a", "2026-03-02T10:00", "2026-03-02T10:30"))]);
        let new = NewItem { entity: EntityType::DEAL, fields: &c.fields, pipeline: c.pipelines.first(), values: values.clone(), user_id: Some(u), now: DAY, repeat_lead: false, search_gen: 0 };
        assert!(matches!(items::create(&mut conn, new).await.unwrap(), CreateOutcome::Created { .. }));
        let again = NewItem { entity: EntityType::DEAL, fields: &c.fields, pipeline: c.pipelines.first(), values, user_id: Some(u), now: DAY, repeat_lead: false, search_gen: 0 };
        assert_eq!(items::create(&mut conn, again).await.unwrap(), CreateOutcome::Booked(vec!["uf_room".into()]));
    }
}

on_both_databases! {
    async fn a_file_is_attached_by_the_save_that_names_it_and_deleted_when_dropped(store: Store) {
        let mut conn = store.pool.acquire().await.unwrap();
        custom_field(&mut conn, "uf_doc", FieldType::File, |_| {}).await;
        let (id, u) = deal(&mut conn, "With a file").await;
        let (other_item, other_user) = deal(&mut conn, "Another").await;
        let new = NewFile { entity: EntityType::DEAL, name: "offer.pdf", content_type: "application/pdf", data: b"%PDF-1.4 test", user_id: u, now: DAY };
        let file_id = files::insert(&mut conn, new, 50).await.unwrap().expect("stored");
        let found = files::usable(&mut conn, EntityType::DEAL, Some(id), "uf_doc", u, &[file_id]).await.unwrap();
        assert_eq!(found, vec![FileRef { id: file_id, name: "offer.pdf".into(), size: 13 }]);
        assert!(files::usable(&mut conn, EntityType::DEAL, Some(id), "uf_doc", other_user, &[file_id]).await.unwrap().is_empty(), "not someone else's upload");
        assert!(files::usable(&mut conn, EntityType::COMPANY, Some(id), "uf_doc", u, &[file_id]).await.unwrap().is_empty(), "not for another entity type");

        let out = save(&mut conn, EntityType::DEAL, id, 1, changes(&[("uf_doc", Some(Value::File(found[0].clone())))]), u, DAY).await;
        assert!(matches!(out, SaveOutcome::Saved { .. }), "{out:?}");
        let stored = files::file(&mut conn, file_id).await.unwrap().expect("kept");
        assert_eq!((stored.item_id, stored.field_code.as_deref(), stored.data.as_slice()), (Some(id), Some("uf_doc"), b"%PDF-1.4 test".as_slice()));
        assert!(files::usable(&mut conn, EntityType::DEAL, Some(other_item), "uf_doc", u, &[file_id]).await.unwrap().is_empty(), "attached to one item only");
        assert_eq!(files::usable(&mut conn, EntityType::DEAL, Some(id), "uf_doc", other_user, &[file_id]).await.unwrap().len(), 1, "anyone editing the item keeps it");

        let out = save(&mut conn, EntityType::DEAL, id, 2, changes(&[("uf_doc", None)]), u, DAY).await;
        assert!(matches!(out, SaveOutcome::Saved { .. }));
        assert!(files::file(&mut conn, file_id).await.unwrap().is_none(), "dropped from the value, deleted");
    }
}

on_both_databases! {
    async fn values_of_restricted_fields_are_not_found_by_search(store: Store) {
        let mut conn = store.pool.acquire().await.unwrap();
        custom_field(&mut conn, "uf_salary", FieldType::String, |_| {}).await;
        custom_field(&mut conn, "uf_note", FieldType::String, |_| {}).await;
        let (id, u) = deal(&mut conn, "Searchable").await;
        let set = changes(&[("uf_salary", Some(text("zebra"))), ("uf_note", Some(text("giraffe")))]);
        assert!(matches!(save(&mut conn, EntityType::DEAL, id, 1, set, u, DAY).await, SaveOutcome::Saved { .. }));
        let find = |q: &str| ListQuery { search: Some(q.into()), limit: 10, ..Default::default() };
        assert_eq!(items::list(&mut conn, EntityType::DEAL, &find("zebra")).await.unwrap().len(), 1);
        // Restricting the field takes its words out of search with the same commit, before
        // any rewrite; the type's other items wait for the reindexer meanwhile.
        let mut def = catalog::field(&mut conn, EntityType::DEAL, "uf_salary").await.unwrap().unwrap();
        def.settings.visible_to = Some(Audience::default());
        assert!(catalog::configure(&mut conn, EntityType::DEAL, &def, true).await.unwrap());
        assert!(items::list(&mut conn, EntityType::DEAL, &find("zebra")).await.unwrap().is_empty(), "at once");
        assert!(items::search_titles(&mut conn, EntityType::DEAL, "zebra", 10, items::Reach::All).await.unwrap().is_empty());
        assert!(items::list(&mut conn, EntityType::DEAL, &find("giraffe")).await.unwrap().is_empty(), "waits");
        let rewritten = crm_card::server::service::search::reindex_all(&store).await.unwrap();
        assert!(rewritten >= 1, "{rewritten}");
        assert_eq!(items::list(&mut conn, EntityType::DEAL, &find("giraffe")).await.unwrap().len(), 1, "back");
        assert!(items::list(&mut conn, EntityType::DEAL, &find("zebra")).await.unwrap().is_empty(), "still out");
        assert_eq!(crm_card::server::service::search::reindex_all(&store).await.unwrap(), 0, "nothing left");
        // Lifting the restriction brings its words back once rewritten.
        def.settings.visible_to = None;
        assert!(catalog::configure(&mut conn, EntityType::DEAL, &def, true).await.unwrap());
        crm_card::server::service::search::reindex_all(&store).await.unwrap();
        assert_eq!(items::list(&mut conn, EntityType::DEAL, &find("zebra")).await.unwrap().len(), 1);
        // A save made with the fields from before a change (an older generation) leaves its
        // item to the reindexer rather than searchable with words it should not have.
        let set = changes(&[("uf_note", Some(text("okapi")))]);
        assert!(matches!(save(&mut conn, EntityType::DEAL, id, 2, set, u, 2 * DAY).await, SaveOutcome::Saved { .. }));
        assert!(items::list(&mut conn, EntityType::DEAL, &find("okapi")).await.unwrap().is_empty());
        crm_card::server::service::search::reindex_all(&store).await.unwrap();
        assert_eq!(items::list(&mut conn, EntityType::DEAL, &find("okapi")).await.unwrap().len(), 1);
    }
}

on_both_databases! {
    async fn a_scope_reaches_own_department_or_all_items_in_lists_and_search(store: Store) {
        let mut conn = store.pool.acquire().await.unwrap();
        let sales = users::create_department(&mut conn, "Sales", None).await.unwrap();
        let support = users::create_department(&mut conn, "Support", None).await.unwrap();
        let mut people = Vec::new();
        for (email, department) in [("me@t.example", sales), ("co@t.example", sales), ("st@t.example", support)] {
            let u = users::NewUser { email, name: email, password_hash: "x", department_id: Some(department), is_admin: false };
            people.push(users::create_user(&mut conn, u, 0).await.unwrap());
        }
        let (me, colleague, stranger) = (people[0], people[1], people[2]);
        let mut ids = Vec::new();
        for (title, owner) in [("Mine", me), ("Colleague's", colleague), ("Stranger's", stranger)] {
            ids.push(create(&mut conn, EntityType::DEAL, vals(&[("title", text(title)), ("responsible", Value::User(owner))]), owner, DAY).await);
        }
        let me_member = crm_card::domain::access::Member { user_id: me, department_id: Some(sales) };
        use crm_card::domain::access::Scope;
        for (scope, expected) in [(Scope::None, vec![]), (Scope::Own, vec![ids[0]]), (Scope::Department, vec![ids[1], ids[0]]), (Scope::All, vec![ids[2], ids[1], ids[0]])] {
            let reach = items::Reach::of(scope, &me_member);
            let rows = items::list(&mut conn, EntityType::DEAL, &ListQuery { limit: 10, reach: reach.clone(), ..Default::default() }).await.unwrap();
            assert_eq!(rows.iter().map(|r| r.id).collect::<Vec<_>>(), expected, "{scope:?}");
            let found = items::search_titles(&mut conn, EntityType::DEAL, "'s", 10, reach).await.unwrap();
            assert_eq!(found.len(), expected.iter().filter(|id| **id != ids[0]).count(), "search with {scope:?}");
        }
        let row = items::item(&mut conn, EntityType::DEAL, ids[1]).await.unwrap().unwrap();
        assert_eq!((row.owner().responsible_id, row.owner().department_id), (Some(colleague), Some(sales)));
    }
}

mod card_views {
    use super::*;
    use crm_card::domain::views::CardKind;
    use crm_card::domain::views::{NamedView, ViewRef};
    use crm_card::server::store::layouts::{self, Author, Record, COMMON};
    use crm_card::server::store::views::{self, Choice, Settings};

    on_both_databases! {
        async fn the_common_view_settings_named_views_and_choices_are_kept_per_entity_type(store: Store) {
            let mut conn = store.pool.acquire().await.unwrap();
            let (deal, lead) = (EntityType::DEAL, EntityType::LEAD);
            assert_eq!(views::settings(&mut conn, deal).await.unwrap(), Settings::default(), "published, not forced, at first");
            views::set_common(&mut conn, deal, true, true).await.unwrap();
            let forced = views::settings(&mut conn, deal).await.unwrap();
            assert_eq!((forced.common_published, forced.common_forced, forced.revision), (true, true, 1));
            views::set_common(&mut conn, deal, false, true).await.unwrap();
            let withdrawn = views::settings(&mut conn, deal).await.unwrap();
            assert_eq!((withdrawn.common_published, withdrawn.common_forced, withdrawn.revision), (false, false, 2), "an unpublished view is not forced");
            assert_eq!(views::settings(&mut conn, lead).await.unwrap(), Settings::default(), "leads are apart");

            let sales = users::create_department(&mut conn, "Sales", None).await.unwrap();
            let (anna, marco) = (user(&mut conn, "anna@v.example").await, user(&mut conn, "marco@v.example").await);
            let id = views::create(&mut conn, deal, "Sales view", &[anna], &[sales], anna, DAY).await.unwrap();
            let by = Author { user_id: Some(anna), now: DAY };
            let scope = ViewRef::Named(id).scope();
            let copy = crm_card::domain::catalog::fallback_layout(deal);
            let first = layouts::put(&mut conn, CardKind::entity(deal), &scope, &copy, &Record::Copy { from: COMMON.into() }, by).await.unwrap();
            assert_eq!(first, 1, "a new view's layout starts at version 1");
            let pipeline = CardKind { entity: deal, pipeline: Some(77), repeat_lead: false };
            layouts::put(&mut conn, pipeline, &scope, &copy, &Record::Copy { from: COMMON.into() }, by).await.unwrap();
            assert_eq!(
                views::named(&mut conn, deal).await.unwrap(),
                vec![NamedView { id, name: "Sales view".into(), users: vec![anna], departments: vec![sales] }]
            );
            assert!(views::named(&mut conn, lead).await.unwrap().is_empty());
            assert!(views::update(&mut conn, deal, id, "Field sales", &[marco], &[]).await.unwrap());
            assert!(!views::update(&mut conn, lead, id, "Wrong kind", &[], &[]).await.unwrap(), "a view of deals is not a view of leads");
            let after = views::named(&mut conn, deal).await.unwrap();
            assert_eq!((after[0].name.as_str(), &after[0].users[..], after[0].departments.len()), ("Field sales", &[marco][..], 0));
            assert_eq!(views::settings(&mut conn, deal).await.unwrap().revision, 4, "every change of views is noticed");

            views::set_choice(&mut conn, marco, deal, Choice { own_enabled: true, chosen: Some(ViewRef::Named(id)) }).await.unwrap();
            assert_eq!(views::choice(&mut conn, marco, deal).await.unwrap(), Choice { own_enabled: true, chosen: Some(ViewRef::Named(id)) });
            assert_eq!(views::choice(&mut conn, anna, deal).await.unwrap(), Choice::default());

            assert!(views::delete(&mut conn, deal, id).await.unwrap());
            assert!(!views::delete(&mut conn, deal, id).await.unwrap(), "already gone");
            assert!(views::named(&mut conn, deal).await.unwrap().is_empty());
            for kind in [CardKind::entity(deal), pipeline] {
                assert!(layouts::current(&mut conn, kind, &scope).await.unwrap().is_none(), "its layouts went with it");
                assert!(layouts::history(&mut conn, kind, &scope, 10).await.unwrap().is_empty(), "and their history");
            }
        }
    }

    on_both_databases! {
        async fn reset_makes_the_shipped_layout_the_next_version_of_the_common_view(store: Store) {
            let mut conn = store.pool.acquire().await.unwrap();
            let admin = user(&mut conn, "admin@v.example").await;
            let by = Author { user_id: Some(admin), now: DAY };
            let known = |c: &str| crm_card::domain::catalog::shipped_fields(EntityType::DEAL).iter().any(|f| f.code == c);
            let hide = [crm_card::domain::layout_ops::LayoutOp::HideField { code: "comment".into() }];
            layouts::apply_ops(&mut conn, CardKind::entity(EntityType::DEAL), COMMON, 1, &hide, &known, by).await.unwrap();
            let (_, changed) = layouts::of_view(&mut conn, CardKind::entity(EntityType::DEAL), ViewRef::Common).await.unwrap();
            assert!(!changed.field_codes().any(|c| c == "comment"));
            let shipped = crm_card::domain::catalog::fallback_layout(EntityType::DEAL);
            let v = layouts::put(&mut conn, CardKind::entity(EntityType::DEAL), COMMON, &shipped, &Record::Reset, by).await.unwrap();
            assert_eq!(v, 3);
            assert_eq!(layouts::of_view(&mut conn, CardKind::entity(EntityType::DEAL), ViewRef::Common).await.unwrap(), (3, shipped.clone()));
            let history = layouts::history(&mut conn, CardKind::entity(EntityType::DEAL), COMMON, 10).await.unwrap();
            assert_eq!(history.iter().map(|h| h.version).collect::<Vec<_>>(), [3, 2, 1], "the reset arrangement stays in history");
            assert_eq!(history[0].record, Record::Reset);
            assert_eq!(layouts::of_view(&mut conn, CardKind::entity(EntityType::LEAD), ViewRef::Named(99)).await.unwrap().0, 1, "a view never saved shows version 1");
        }
    }

    on_both_databases! {
        async fn a_pipeline_starts_with_the_deals_layout_and_keeps_its_own_from_its_first_change(store: Store) {
            let mut conn = store.pool.acquire().await.unwrap();
            let admin = user(&mut conn, "admin@p.example").await;
            let by = Author { user_id: Some(admin), now: DAY };
            let known = |c: &str| crm_card::domain::catalog::shipped_fields(EntityType::DEAL).iter().any(|f| f.code == c);
            let (deals, support) = (CardKind::entity(EntityType::DEAL), CardKind { entity: EntityType::DEAL, pipeline: Some(2), repeat_lead: false });
            let hide = |code: &str| [crm_card::domain::layout_ops::LayoutOp::HideField { code: code.into() }];
            layouts::apply_ops(&mut conn, deals, COMMON, 1, &hide("comment"), &known, by).await.unwrap();
            let (_, inherited) = layouts::of_view(&mut conn, support, ViewRef::Common).await.unwrap();
            assert!(!inherited.field_codes().any(|c| c == "comment"), "until changed, a pipeline shows the deals' layout");
            let saved = layouts::apply_ops(&mut conn, support, COMMON, 2, &hide("source"), &known, by).await.unwrap();
            assert_eq!((saved.version, saved.rebased), (2, false), "a copy (1) and the change (2); nobody else saved");
            assert!(!saved.layout.field_codes().any(|c| c == "comment" || c == "source"), "the copy kept the deals' change");
            let (_, deal_layout) = layouts::of_view(&mut conn, deals, ViewRef::Common).await.unwrap();
            assert!(deal_layout.field_codes().any(|c| c == "source"), "other pipelines keep Source");
            layouts::apply_ops(&mut conn, deals, COMMON, 2, &hide("probability"), &known, by).await.unwrap();
            let (_, own) = layouts::of_view(&mut conn, support, ViewRef::Common).await.unwrap();
            assert!(own.field_codes().any(|c| c == "probability"), "from then on the pipeline's layout is its own");
            assert_eq!(layouts::kinds_with(&mut conn, EntityType::DEAL, COMMON).await.unwrap(), vec![deals, support]);
        }
    }
}

on_both_databases! {
    async fn configuration_kept_in_memory_follows_a_change_made_through_any_server(store: Store) {
        use crm_card::server::service;
        use crm_card::server::store::config;
        let mut conn = store.pool.acquire().await.unwrap();
        let u = users::NewUser { email: "admin@config.example", name: "Ada", password_hash: "x", department_id: None, is_admin: true };
        let admin_id = users::create_user(&mut conn, u, 0).await.unwrap();
        let admin = users::user_with_rights(&mut conn, admin_id).await.unwrap().unwrap();
        let id = create(&mut conn, EntityType::DEAL, vals(&[("title", text("Config"))]), admin_id, DAY).await;
        let label = |card: &crm_card::api::types::CardData| card.fields.iter().find(|f| f.code == "amount").unwrap().label.clone();

        // This server reads the card, and keeps fields, views and users in memory.
        let card = service::card(&store, &admin, "deal", id).await.unwrap();
        assert_eq!(label(&card), "Amount");
        let before = config::revision(&mut conn).await.unwrap();

        // Item writes leave the configuration revision alone.
        let saved = save(&mut conn, EntityType::DEAL, id, card.header.version, changes(&[("title", Some(text("Config 2")))]), admin_id, 2 * DAY).await;
        assert!(matches!(saved, SaveOutcome::Saved { .. }), "{saved:?}");
        assert_eq!(config::revision(&mut conn).await.unwrap(), before);

        // Another server (or a script) renames the field in the database.
        let mut amount = catalog::fields(&mut conn, EntityType::DEAL).await.unwrap().into_iter().find(|f| f.code == "amount").unwrap();
        amount.label = "Deal value".into();
        assert!(catalog::update_field(&mut conn, EntityType::DEAL, &amount).await.unwrap());
        let after_field = config::revision(&mut conn).await.unwrap();
        assert!(after_field > before, "a field change raises the revision");
        let card = service::card(&store, &admin, "deal", id).await.unwrap();
        assert_eq!(label(&card), "Deal value", "the next card read sees it");
        assert_eq!(card.header.title, "Config 2");

        // A user renamed elsewhere shows renamed in the user picker of the next card.
        users::update_user(&mut conn, admin_id, "Ada L.", "admin@config.example", None, true).await.unwrap();
        assert!(config::revision(&mut conn).await.unwrap() > after_field);
        let card = service::card(&store, &admin, "deal", id).await.unwrap();
        assert!(card.users.iter().any(|u| u.name == "Ada L."), "{:?}", card.users);
    }
}

/// `.cargo/config.toml` builds SQLite without STAT4, so `ANALYZE` (or `PRAGMA optimize`) run
/// on a database does not make every statement compile again per parameter value.
#[tokio::test]
async fn sqlite_is_built_without_stat4_so_analyze_keeps_statements_prepared() {
    use sqlx::Row;
    let db = support::TestDb::sqlite().await;
    let mut conn = db.store.pool.acquire().await.unwrap();
    let used = |option: &'static str| sqlx::query("SELECT sqlite_compileoption_used($1)").bind(option);
    let stat4: i64 = used("ENABLE_STAT4").fetch_one(&mut *conn).await.unwrap().get(0);
    assert_eq!(stat4, 0, "SQLite was built with STAT4: is LIBSQLITE3_FLAGS in .cargo/config.toml in effect?");
    let fts5: i64 = used("ENABLE_FTS5").fetch_one(&mut *conn).await.unwrap().get(0);
    assert_eq!(fts5, 1, "the check itself works: libsqlite3-sys builds FTS5 in");
    sqlx::query("ANALYZE").execute(&mut *conn).await.unwrap();
    let tables: i64 = sqlx::query("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat4'")
        .fetch_one(&mut *conn)
        .await
        .unwrap()
        .get(0);
    assert_eq!(tables, 0, "ANALYZE keeps no per-value samples");
}

/// A PostgreSQL connection used within the last second is taken without a ping; one that sat
/// idle longer is pinged first, so a connection the server dropped meanwhile is replaced
/// instead of failing the request.
#[tokio::test]
async fn a_postgres_connection_the_server_dropped_while_idle_is_replaced_before_use() {
    use sqlx::{Connection, Row};
    let db = support::TestDb::postgres().await;
    let pid = {
        let mut conn = db.store.pool.acquire().await.unwrap();
        let pid: i32 = sqlx::query("SELECT pg_backend_pid()").fetch_one(&mut *conn).await.unwrap().get(0);
        pid
    };
    // The server ends that backend while its connection waits in the pool.
    let mut admin = sqlx::AnyConnection::connect(&support::pg_admin_url()).await.unwrap();
    let ended: bool =
        sqlx::query("SELECT pg_terminate_backend($1)").bind(pid).fetch_one(&mut admin).await.unwrap().get(0);
    assert!(ended);
    tokio::time::sleep(std::time::Duration::from_millis(1200)).await;
    // Take every connection the pool holds at once, so the dropped one is among them unless
    // the pool found it broken: each must answer.
    let mut held = Vec::new();
    for _ in 0..db.store.pool.size() {
        let mut conn = db.store.pool.acquire().await.unwrap();
        let answer = sqlx::query("SELECT pg_backend_pid()").fetch_one(&mut *conn).await;
        if let Err(e) = answer {
            panic!("a connection the server had dropped was handed out: {e}");
        }
        held.push(conn);
    }
    drop(held);
    admin.close().await.unwrap();
    db.cleanup().await;
}

on_both_databases! {
    async fn a_deleted_item_leaves_every_list_and_comes_back_whole_or_goes_for_good(store: Store) {
        use crm_card::server::store::recycle;
        let mut conn = store.pool.acquire().await.unwrap();
        let (company_id, u) = {
            let u = user(&mut conn, "binner@test.example").await;
            (create(&mut conn, EntityType::COMPANY, vals(&[("name", text("Binned Ltd"))]), u, DAY).await, u)
        };
        let company = Value::Item(ItemRef { entity: EntityType::COMPANY, id: company_id });
        let deal = create(&mut conn, EntityType::DEAL, vals(&[("title", text("Points at it")), ("company", company)]), u, DAY).await;
        save(&mut conn, EntityType::COMPANY, company_id, 1, changes(&[("name", Some(text("Binned Ltd 2")))]), u, 2 * DAY).await;
        let find = ListQuery { search: Some("binned".into()), limit: 10, ..Default::default() };
        assert_eq!(items::list(&mut conn, EntityType::COMPANY, &find).await.unwrap().len(), 1);

        assert_eq!(recycle::delete(&mut conn, EntityType::COMPANY, &[company_id], u, 3 * DAY).await.unwrap(), [company_id]);
        assert!(recycle::delete(&mut conn, EntityType::COMPANY, &[company_id], u, 3 * DAY).await.unwrap().is_empty(), "once");
        assert!(items::list(&mut conn, EntityType::COMPANY, &find).await.unwrap().is_empty(), "not in the list");
        assert!(items::search_titles(&mut conn, EntityType::COMPANY, "binned", 5, items::Reach::All).await.unwrap().is_empty(), "nor the picker");
        assert!(items::item(&mut conn, EntityType::COMPANY, company_id).await.unwrap().is_none());
        let full = items::item_in_full(&mut conn, EntityType::COMPANY, company_id).await.unwrap().unwrap();
        assert_eq!(full.row.deleted_at, Some(3 * DAY), "the card's read still finds it, marked");
        assert!(items::links(&mut conn, deal, 10).await.unwrap().is_empty(), "Relations leave it out");
        let titles = items::titles(&mut conn, &[company_id]).await.unwrap();
        assert!(titles[0].deleted, "a value pointing at it is shown as a deleted item");
        let stale = save(&mut conn, EntityType::COMPANY, company_id, 2, changes(&[("name", Some(text("Late")))]), u, 4 * DAY).await;
        assert_eq!(stale, SaveOutcome::NotFound, "a save decided before the delete finds it gone");
        let bin = recycle::list(&mut conn, Some(u), 10).await.unwrap();
        assert_eq!((bin.len(), bin[0].title.as_str(), bin[0].deleted_by), (1, "Binned Ltd 2", Some(u)));
        assert!(recycle::list(&mut conn, Some(u + 1000), 10).await.unwrap().is_empty(), "another's bin is theirs");

        assert_eq!(recycle::restore(&mut conn, &[company_id]).await.unwrap(), 1);
        let back = items::item(&mut conn, EntityType::COMPANY, company_id).await.unwrap().unwrap();
        assert_eq!(back.title, "Binned Ltd 2");
        assert_eq!(items::values(&mut conn, company_id).await.unwrap().get("name"), Some(&text("Binned Ltd 2")));
        assert_eq!(items::history(&mut conn, company_id, None, 10).await.unwrap().len(), 1, "History kept");
        assert_eq!(timeline::page(&mut conn, company_id, None, 10).await.unwrap().len(), 2, "timeline kept");
        assert_eq!(items::links(&mut conn, deal, 10).await.unwrap().len(), 1, "the link is back");

        // Purged after its days: gone for good with what hung on it; the deal stays.
        recycle::delete(&mut conn, EntityType::COMPANY, &[company_id], u, 5 * DAY).await.unwrap();
        assert_eq!(recycle::purge_older_than(&mut conn, 5 * DAY, 10).await.unwrap(), 0, "not older yet");
        assert_eq!(recycle::purge_older_than(&mut conn, 5 * DAY + 1, 10).await.unwrap(), 1);
        assert!(items::item_in_full(&mut conn, EntityType::COMPANY, company_id).await.unwrap().is_none());
        assert!(items::history(&mut conn, company_id, None, 10).await.unwrap().is_empty());
        assert!(items::links(&mut conn, deal, 10).await.unwrap().is_empty());
        assert!(items::item(&mut conn, EntityType::DEAL, deal).await.unwrap().is_some());
        assert_eq!(items::values(&mut conn, deal).await.unwrap().get("company"), None, "no value names it any more");
        assert_eq!(items::item(&mut conn, EntityType::DEAL, deal).await.unwrap().unwrap().version, 2, "the deal moved on");
        assert!(recycle::restore(&mut conn, &[company_id]).await.unwrap() == 0, "nothing to restore");
    }
}

/// After a field change outdates a type's search text, the reindexer rewrites it in batches:
/// stopped after one batch (a restart), a new server goes on from the database; all the while
/// another writer's saves go through (none waits out SQLite's busy timeout and fails).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_reindexer_works_in_batches_resumes_after_a_restart_and_blocks_no_writer() {
    use crm_card::server::service::search;
    let db = support::TestDb::sqlite().await;
    let mut conn = db.store.pool.acquire().await.unwrap();
    custom_field(&mut conn, "uf_code", FieldType::String, |_| {}).await;
    let u = user(&mut conn, "writer@test.example").await;
    let total = 1_500;
    let mut ids = Vec::new();
    for n in 0..total {
        let v = vals(&[("title", text(&format!("Deal {n}"))), ("uf_code", text(&format!("code{n:05}x")))]);
        ids.push(create(&mut conn, EntityType::DEAL, v, u, n).await);
    }
    let find = |q: &str| ListQuery { search: Some(q.into()), limit: 5, ..Default::default() };
    let def = catalog::field(&mut conn, EntityType::DEAL, "uf_code").await.unwrap().unwrap();
    assert!(catalog::configure(&mut conn, EntityType::DEAL, &def, true).await.unwrap());
    assert!(items::list(&mut conn, EntityType::DEAL, &find("code00007x")).await.unwrap().is_empty());
    // One batch, then the server stops.
    assert_eq!(items::reindex_stale(&mut conn, search::BATCH).await.unwrap(), search::BATCH);
    drop(conn);
    db.store.pool.close().await;
    // A new server on the same database goes on where the first stopped, while a writer saves.
    let store = crm_card::server::store::Store::connect(&db.url).await.unwrap();
    let writer = {
        let store = store.clone();
        let id = ids[total as usize - 1];
        tokio::spawn(async move {
            let mut conn = store.pool.acquire().await.unwrap();
            let (mut version, mut slowest, mut saves) = (1, std::time::Duration::ZERO, 0);
            let deadline = std::time::Instant::now() + std::time::Duration::from_secs(3);
            while std::time::Instant::now() < deadline {
                let started = std::time::Instant::now();
                let ch = changes(&[("uf_code", Some(text(&format!("live{saves}"))))]);
                match save(&mut conn, EntityType::DEAL, id, version, ch, u, DAY).await {
                    SaveOutcome::Saved { version: v, .. } => version = v,
                    other => panic!("save {saves}: {other:?}"),
                }
                slowest = slowest.max(started.elapsed());
                saves += 1;
            }
            (saves, slowest)
        })
    };
    let started = std::time::Instant::now();
    let rewritten = search::reindex_all(&store).await.unwrap();
    let took = started.elapsed();
    let (saves, slowest) = writer.await.unwrap();
    // The rest; the writer's item perhaps again (its saves use the fields from before).
    assert!(rewritten >= total as usize - search::BATCH, "{rewritten}");
    let mut conn = store.pool.acquire().await.unwrap();
    assert_eq!(items::list(&mut conn, EntityType::DEAL, &find("code00007x")).await.unwrap().len(), 1);
    search::reindex_all(&store).await.unwrap();
    println!("reindex of {rewritten} items: {took:?}; beside it {saves} saves, the slowest {slowest:?}");
    drop(conn);
    store.pool.close().await;
    db.cleanup().await;
}
