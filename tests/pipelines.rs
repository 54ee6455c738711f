//! Pipelines and stages as administrators change them, against real databases: every test runs
//! on SQLite and on PostgreSQL, through the service the server functions call.

#![allow(clippy::unwrap_used)] // a failed step should stop the test right there

mod support;

use crm_card::api::types::{CurrentUser, PipelinesAdmin};
use crm_card::domain::pipeline_edit::PipelineEdit;
use crm_card::domain::timeline::{EventPayload, PipelineChange};
use crm_card::domain::{EntityType, Pipeline, StageSemantics, Value, Values};
use crm_card::error::AppError;
use crm_card::server::service::{edit_pipelines, pipelines_admin};
use crm_card::server::store::items::{self, CreateOutcome, NewItem};
use crm_card::server::store::{access, catalog, timeline, users, Conn, Store};
use sqlx::Row;

const DAY: i64 = 86_400_000;

async fn admin(conn: &mut Conn) -> CurrentUser {
    let u = users::NewUser {
        email: "admin@test.example",
        name: "Admin",
        password_hash: "x",
        department_id: None,
        is_admin: true,
    };
    let id = users::create_user(conn, u, 0).await.expect("user");
    CurrentUser {
        id,
        name: "Admin".into(),
        email: "admin@test.example".into(),
        is_admin: true,
        department_id: None,
        rights: Default::default(),
        language: None,
        time_zone: None,
        choices: Default::default(),
    }
}

/// A new deal in `pipeline` (its first stage).
async fn deal(conn: &mut Conn, title: &str, pipeline: &Pipeline, u: i64) -> i64 {
    let fields = catalog::fields(conn, EntityType::DEAL).await.unwrap();
    let values: Values = [("title".to_string(), Value::Text(title.into()))].into();
    let new = NewItem {
        entity: EntityType::DEAL,
        fields: &fields,
        pipeline: Some(pipeline),
        values,
        user_id: Some(u),
        now: DAY,
        repeat_lead: false,
        search_gen: 0,
    };
    match items::create(conn, new).await.unwrap() {
        CreateOutcome::Created { id } => id,
        other => panic!("not created: {other:?}"),
    }
}

async fn edit(store: &Store, user: &CurrentUser, e: PipelineEdit) -> Result<PipelinesAdmin, AppError> {
    edit_pipelines(store, user, "deal", e).await
}

fn sales(a: &PipelinesAdmin) -> &Pipeline {
    a.pipelines.iter().find(|p| p.code == "sales").unwrap()
}

fn names(p: &Pipeline) -> Vec<&str> {
    p.stages.iter().map(|s| s.name.as_str()).collect()
}

/// The field of a validation error and its message.
fn refused(r: Result<PipelinesAdmin, AppError>) -> (String, String) {
    match r {
        Err(AppError::Validation { fields, message }) => (fields[0].code.clone(), message),
        other => panic!("not refused: {other:?}"),
    }
}

on_both_databases! {
    async fn stages_are_added_changed_reordered_and_deleted_moving_their_items(store: Store) {
        let mut conn = store.pool.acquire().await.unwrap();
        let admin = admin(&mut conn).await;
        let start = pipelines_admin(&store, &admin, "deal").await.unwrap();
        let p = sales(&start).clone();
        assert_eq!(names(&p), ["New", "Preparing documents", "Invoice", "In progress", "Deal won", "Deal lost"]);
        let preparing = p.stages[1].id;
        let a = deal(&mut conn, "Alpha", &p, admin.id).await;
        let b = deal(&mut conn, "Beta", &p, admin.id).await;
        // Alpha sits in "Preparing documents"; a custom field is required there.
        sqlx::query("UPDATE items SET stage_id = $1 WHERE id = $2").bind(preparing).bind(a).execute(&mut *conn).await.unwrap();
        let mut budget = catalog::fields(&mut conn, EntityType::DEAL).await.unwrap().into_iter().find(|f| f.code == "comment").unwrap();
        budget.settings.required.stages = vec![preparing, p.stages[2].id];
        catalog::update_field(&mut conn, EntityType::DEAL, &budget).await.unwrap();

        let added = edit(&store, &admin, PipelineEdit::AddStage {
            pipeline: p.id, name: " Negotiation ".into(), color: "#ABC".into(), semantics: StageSemantics::InProgress,
        }).await.unwrap();
        assert_eq!(names(sales(&added))[4], "Negotiation", "last of the stages in progress");
        assert_eq!(sales(&added).stages[4].color, "#aabbcc");
        let negotiation = sales(&added).stages[4].id;
        let (part, message) = refused(edit(&store, &admin, PipelineEdit::AddStage {
            pipeline: p.id, name: "negotiation".into(), color: "#fff".into(), semantics: StageSemantics::InProgress,
        }).await);
        assert_eq!((part.as_str(), message.as_str()), ("name", "Another one here already has this name."));
        let (part, _) = refused(edit(&store, &admin, PipelineEdit::ChangeStage { stage: negotiation, name: "Talks".into(), color: "blue".into() }).await);
        assert_eq!(part, "color");

        let changed = edit(&store, &admin, PipelineEdit::ChangeStage { stage: negotiation, name: "Talks".into(), color: "#ff5752".into() }).await.unwrap();
        let moved = edit(&store, &admin, PipelineEdit::MoveStage { stage: negotiation, to: 1 }).await.unwrap();
        assert_eq!(names(sales(&moved))[..3], ["New", "Talks", "Preparing documents"]);
        assert_eq!(sales(&changed).stages[4].color, "#ff5752");
        let (part, _) = refused(edit(&store, &admin, PipelineEdit::MoveStage { stage: negotiation, to: 6 }).await);
        assert_eq!(part, "edit", "not after the success stage");
        let (_, message) = refused(edit(&store, &admin, PipelineEdit::DeleteStage { stage: p.stages[0].id, move_to: None }).await);
        assert_eq!(message, "The first stage cannot be deleted: new items start there.");
        assert!(matches!(edit(&store, &admin, PipelineEdit::DeleteStage { stage: 999_999, move_to: None }).await, Err(AppError::NotFound)));

        // Deleting a stage with an item asks where it goes; then it moves there, logged.
        assert_eq!(moved.held_in(preparing), 1);
        let (part, message) = refused(edit(&store, &admin, PipelineEdit::DeleteStage { stage: preparing, move_to: None }).await);
        assert_eq!((part.as_str(), message.as_str()), ("move_to", "One item is there. Choose where it moves."));
        let other_pipeline = start.pipelines.iter().find(|x| x.code == "support").unwrap().stages[0].id;
        let (part, _) = refused(edit(&store, &admin, PipelineEdit::DeleteStage { stage: preparing, move_to: Some(other_pipeline) }).await);
        assert_eq!(part, "move_to");
        let version_before: i64 = items::item(&mut conn, EntityType::DEAL, a).await.unwrap().unwrap().version;
        let after = edit(&store, &admin, PipelineEdit::DeleteStage { stage: preparing, move_to: Some(negotiation) }).await.unwrap();
        assert!(!names(sales(&after)).contains(&"Preparing documents"));
        let row = items::item(&mut conn, EntityType::DEAL, a).await.unwrap().unwrap();
        assert_eq!((row.stage_id, row.version), (Some(negotiation), version_before + 1));
        assert_eq!(items::item(&mut conn, EntityType::DEAL, b).await.unwrap().unwrap().stage_id, Some(p.stages[0].id), "others stay");
        let events = timeline::page(&mut conn, a, None, 5).await.unwrap();
        match &events[0].payload {
            EventPayload::StageChanged { from: Some(f), to, pipeline: None } => {
                assert_eq!((f.name.as_str(), to.name.as_str()), ("Preparing documents", "Talks"));
            }
            other => panic!("not a stage change: {other:?}"),
        }
        let history: (Option<String>, Option<String>, i64) = {
            let r = sqlx::query("SELECT old_value, new_value, version FROM field_changes WHERE item_id = $1 AND field_code = 'stage' ORDER BY id DESC")
                .bind(a).fetch_one(&mut *conn).await.unwrap();
            (r.try_get(0).unwrap(), r.try_get(1).unwrap(), r.try_get(2).unwrap())
        };
        assert_eq!(history, (Some(r#"{"t":"text","v":"Preparing documents"}"#.into()), Some(r#"{"t":"text","v":"Talks"}"#.into()), version_before + 1));
        let rule = catalog::field(&mut conn, EntityType::DEAL, "comment").await.unwrap().unwrap().settings.required.stages;
        assert_eq!(rule, vec![p.stages[2].id], "the deleted stage left the required rule");
    }
}

on_both_databases! {
    async fn pipelines_are_created_reordered_made_default_and_deleted_moving_their_items(store: Store) {
        let mut conn = store.pool.acquire().await.unwrap();
        let admin = admin(&mut conn).await;
        let created = edit(&store, &admin, PipelineEdit::CreatePipeline { name: "Partners".into() }).await.unwrap();
        let partners = created.pipelines.last().unwrap().clone();
        assert_eq!((partners.name.as_str(), partners.is_default), ("Partners", false));
        assert_eq!(names(&partners), ["New", "In progress", "Won", "Lost"]);
        let item = deal(&mut conn, "Gamma", &partners, admin.id).await;
        // A role kept from it, to forget it.
        let mut kept = crm_card::domain::access::Rights::full(false);
        kept.pipelines.insert(EntityType::DEAL, [(partners.id, Default::default())].into());
        let role = access::create_role(&mut conn, "Not partners", &kept).await.unwrap();
        // Its own card arrangement, to go with it.
        let key = format!("deal:{}", partners.id);
        sqlx::query("INSERT INTO layouts (entity_type, scope, version, body, updated_at) VALUES ($1, 'common', 1, '{}', 0)")
            .bind(&key).execute(&mut *conn).await.unwrap();

        let reordered = edit(&store, &admin, PipelineEdit::MovePipeline { pipeline: partners.id, to: 0 }).await.unwrap();
        assert_eq!(reordered.pipelines[0].id, partners.id);
        let (part, _) = refused(edit(&store, &admin, PipelineEdit::RenamePipeline { pipeline: partners.id, name: "SALES".into() }).await);
        assert_eq!(part, "name");
        let sales_id = sales(&reordered).id;
        let (_, message) = refused(edit(&store, &admin, PipelineEdit::DeletePipeline { pipeline: sales_id, move_to: None }).await);
        assert_eq!(message, "The default pipeline cannot be deleted. Make another pipeline the default first.");
        let swapped = edit(&store, &admin, PipelineEdit::MakeDefault { pipeline: partners.id }).await.unwrap();
        assert_eq!(swapped.pipelines.iter().filter(|p| p.is_default).map(|p| p.id).collect::<Vec<_>>(), [partners.id]);
        edit(&store, &admin, PipelineEdit::MakeDefault { pipeline: sales_id }).await.unwrap();

        let (part, message) = refused(edit(&store, &admin, PipelineEdit::DeletePipeline { pipeline: partners.id, move_to: None }).await);
        assert_eq!((part.as_str(), message.as_str()), ("move_to", "One item is there. Choose where it moves."));
        let (part, _) = refused(edit(&store, &admin, PipelineEdit::DeletePipeline { pipeline: partners.id, move_to: Some(partners.stages[1].id) }).await);
        assert_eq!(part, "move_to", "not a stage of the pipeline that goes");
        let target = sales(&swapped).stages[2].clone();
        let after = edit(&store, &admin, PipelineEdit::DeletePipeline { pipeline: partners.id, move_to: Some(target.id) }).await.unwrap();
        assert!(after.pipelines.iter().all(|p| p.id != partners.id));
        let row = items::item(&mut conn, EntityType::DEAL, item).await.unwrap().unwrap();
        assert_eq!((row.pipeline_id, row.stage_id), (Some(sales_id), Some(target.id)));
        let events = timeline::page(&mut conn, item, None, 5).await.unwrap();
        let want = Some(Box::new(PipelineChange { from: "Partners".into(), to: "Sales".into() }));
        assert!(matches!(&events[0].payload, EventPayload::StageChanged { to, pipeline, .. } if to.id == target.id && *pipeline == want), "{:?}", events[0]);
        let left: i64 = sqlx::query("SELECT COUNT(*) FROM layouts WHERE entity_type = $1").bind(&key).fetch_one(&mut *conn).await.unwrap().try_get(0).unwrap();
        assert_eq!(left, 0, "its card arrangement went with it");
        let stages: i64 = sqlx::query("SELECT COUNT(*) FROM stages WHERE pipeline_id = $1").bind(partners.id).fetch_one(&mut *conn).await.unwrap().try_get(0).unwrap();
        assert_eq!(stages, 0);
        let roles = access::roles(&mut conn).await.unwrap();
        let kept = roles.iter().find(|r| r.id == role).unwrap();
        assert!(kept.rights.pipelines.is_empty(), "the role forgot the pipeline: {:?}", kept.rights);
        assert_eq!(kept.rights.entities, crm_card::domain::access::Rights::full(false).entities, "and kept the rest");
    }
}

on_both_databases! {
    async fn a_type_with_one_pipeline_gets_no_second_and_staff_change_nothing(store: Store) {
        let mut conn = store.pool.acquire().await.unwrap();
        let admin = admin(&mut conn).await;
        let (part, _) = match edit_pipelines(&store, &admin, "lead", PipelineEdit::CreatePipeline { name: "More".into() }).await {
            Err(AppError::Validation { fields, message }) => (fields[0].code.clone(), message),
            other => panic!("not refused: {other:?}"),
        };
        assert_eq!(part, "edit");
        assert!(matches!(pipelines_admin(&store, &admin, "contact").await, Err(AppError::NotFound)), "contacts have no stages");
        let staff = CurrentUser { is_admin: false, ..admin.clone() };
        assert!(matches!(pipelines_admin(&store, &staff, "deal").await, Err(AppError::Forbidden)));
        assert!(matches!(edit(&store, &staff, PipelineEdit::CreatePipeline { name: "X".into() }).await, Err(AppError::Forbidden)));
    }
}

on_both_databases! {
    async fn change_pipeline_moves_a_deal_to_a_stage_of_another_pipeline_and_logs_both(store: Store) {
        use crm_card::server::service::move_stage;
        let mut conn = store.pool.acquire().await.unwrap();
        let mut admin = admin(&mut conn).await;
        admin.rights = crm_card::domain::access::Rights::full(true);
        let all = pipelines_admin(&store, &admin, "deal").await.unwrap();
        let support = all.pipelines.iter().find(|p| p.code == "support").unwrap().clone();
        let item = deal(&mut conn, "Delta", sales(&all), admin.id).await;
        let target = support.stages[1].id;
        let stage_bar = move_stage(&store, &admin, "deal", item, 1, target, false).await;
        assert!(matches!(stage_bar, Err(AppError::BadRequest { .. })), "the stage bar stays in its pipeline: {stage_bar:?}");
        let moved = move_stage(&store, &admin, "deal", item, 1, target, true).await.unwrap();
        assert_eq!((moved.version, moved.stage_id), (2, target));
        let row = items::item(&mut conn, EntityType::DEAL, item).await.unwrap().unwrap();
        assert_eq!((row.pipeline_id, row.stage_id), (Some(support.id), Some(target)));
        let events = timeline::page(&mut conn, item, None, 5).await.unwrap();
        let want = Some(Box::new(PipelineChange { from: "Sales".into(), to: "Support".into() }));
        assert!(matches!(&events[0].payload, EventPayload::StageChanged { pipeline, .. } if *pipeline == want), "{:?}", events[0]);
        let stale = move_stage(&store, &admin, "deal", item, 1, sales(&all).stages[0].id, true).await;
        assert!(matches!(stale, Err(AppError::Conflict { .. })), "someone moved it since version 1: {stale:?}");
    }
}

on_both_databases! {
    async fn a_board_counts_each_stage_and_sums_amounts_per_currency_in_the_database(store: Store) {
        use crm_card::server::store::items::{ListQuery, StageTotal};
        let mut conn = store.pool.acquire().await.unwrap();
        let admin = admin(&mut conn).await;
        let created = edit(&store, &admin, PipelineEdit::CreatePipeline { name: "Counted".into() }).await.unwrap();
        let p = created.pipelines.last().unwrap().clone();
        let fields = catalog::fields(&mut conn, EntityType::DEAL).await.unwrap();
        for (title, minor, currency) in [("A", 1050, "USD"), ("B", 2000, "USD"), ("C", 700, "EUR"), ("D", 0, "")] {
            let mut values: Values = [("title".to_string(), Value::Text(title.into()))].into();
            if !currency.is_empty() {
                values.insert("amount".into(), Value::Money { minor, currency: currency.into() });
            }
            let new = NewItem { entity: EntityType::DEAL, fields: &fields, pipeline: Some(&p), values, user_id: Some(admin.id), now: DAY, repeat_lead: false, search_gen: 0 };
            assert!(matches!(items::create(&mut conn, new).await.unwrap(), CreateOutcome::Created { .. }));
        }
        let q = ListQuery { pipeline_id: Some(p.id), limit: 20, ..ListQuery::default() };
        let totals = items::stage_totals(&mut conn, EntityType::DEAL, &q).await.unwrap();
        let want = StageTotal { count: 4, sums: [("EUR".to_string(), 700), ("USD".to_string(), 3050)].into() };
        assert_eq!(totals.get(&p.stages[0].id), Some(&want));
        assert_eq!(totals.len(), 1, "only the stage that holds items");
        let found = ListQuery { search: Some("zzz-nothing".into()), ..q };
        assert!(items::stage_totals(&mut conn, EntityType::DEAL, &found).await.unwrap().is_empty());
    }
}

on_both_databases! {
    async fn the_board_and_its_token_read_on_both_databases(store: Store) {
        use crm_card::server::service::{board, board_token};
        let mut conn = store.pool.acquire().await.unwrap();
        let mut admin = admin(&mut conn).await;
        admin.rights = crm_card::domain::access::Rights::full(true);
        let all = pipelines_admin(&store, &admin, "deal").await.unwrap();
        let p = sales(&all).clone();
        deal(&mut conn, "Epsilon", &p, admin.id).await;
        let b = board(&store, &admin, "deal", Some(p.id), None).await.unwrap();
        assert_eq!(b.columns[0].count, 1);
        assert_eq!(b.columns[0].cards[0].title, "Epsilon");
        let token = board_token(&store, &admin, "deal", p.id).await.unwrap();
        assert_eq!(token, b.token, "nothing changed since the board was read");
        deal(&mut conn, "Zeta", &p, admin.id).await;
        assert_ne!(board_token(&store, &admin, "deal", p.id).await.unwrap(), token, "a new deal changes it");
    }
}

/// A user whose one role reads and changes every deal but those of the pipeline `hidden`.
async fn kept_from(conn: &mut Conn, email: &str, hidden: i64, own_elsewhere: bool) -> CurrentUser {
    use crm_card::domain::access::{EntityRights, Rights, Scope};
    let u = users::NewUser { email, name: "Seller", password_hash: "x", department_id: None, is_admin: false };
    let id = users::create_user(conn, u, 0).await.unwrap();
    let mut sales = Rights::default();
    sales.entities.insert(EntityType::DEAL, EntityRights::everything(Scope::All));
    sales.pipelines.insert(EntityType::DEAL, [(hidden, EntityRights::default())].into());
    let mut roles = vec![sales];
    if own_elsewhere {
        let mut own = Rights::default();
        own.entities.insert(EntityType::DEAL, EntityRights::everything(Scope::Own));
        roles.push(own);
    }
    CurrentUser {
        id,
        name: "Seller".into(),
        email: email.into(),
        is_admin: false,
        department_id: None,
        rights: Rights::union(roles.iter()),
        language: None,
        time_zone: None,
        choices: Default::default(),
    }
}

on_both_databases! {
    async fn a_role_kept_from_a_pipeline_finds_nothing_of_it_anywhere(store: Store) {
        use crm_card::domain::FieldInput;
        use crm_card::server::service::{board, board_token, card, create_item, list, move_stage, search_items, type_pipelines};
        let mut conn = store.pool.acquire().await.unwrap();
        let admin = admin(&mut conn).await;
        let all = pipelines_admin(&store, &admin, "deal").await.unwrap();
        let (sales_p, support) = (sales(&all).clone(), all.pipelines.iter().find(|p| p.code == "support").unwrap().clone());
        let sold = deal(&mut conn, "Alpha sale", &sales_p, admin.id).await;
        let helped = deal(&mut conn, "Alpha support", &support, admin.id).await;
        let seller = kept_from(&mut conn, "seller@test.example", support.id, false).await;

        let listed = list(&store, &seller, "deal", None, None, None).await.unwrap();
        assert_eq!(listed.rows.iter().map(|r| r.title.as_str()).collect::<Vec<_>>(), ["Alpha sale"]);
        assert_eq!(listed.pipelines.iter().map(|p| p.id).collect::<Vec<_>>(), [sales_p.id], "the stage filter offers Sales only");
        let by_stage = list(&store, &seller, "deal", None, Some(support.stages[0].id), None).await.unwrap();
        assert!(by_stage.rows.is_empty(), "nor through a Support stage");
        let found = search_items(&store, &seller, "deal", "Alpha").await.unwrap();
        assert_eq!(found.iter().map(|l| l.id).collect::<Vec<_>>(), [sold]);
        assert!(matches!(card(&store, &seller, "deal", helped).await, Err(AppError::NotFound)), "the card is not there");
        assert!(card(&store, &seller, "deal", sold).await.is_ok());

        let b = board(&store, &seller, "deal", Some(support.id), None).await.unwrap();
        assert_eq!(b.pipeline.id, sales_p.id, "asked for Support, shown Sales");
        assert_eq!(b.pipelines.iter().map(|(id, _)| *id).collect::<Vec<_>>(), [sales_p.id]);
        assert!(matches!(board_token(&store, &seller, "deal", support.id).await, Err(AppError::NotFound)));
        // Nor the arrangement of its cards.
        let support_cards = crm_card::domain::views::CardKind { pipeline: Some(support.id), ..crm_card::domain::views::CardKind::entity(EntityType::DEAL) };
        let layout = crm_card::server::service::card_layout(&store, &seller, support_cards).await;
        assert!(matches!(layout, Err(AppError::NotFound)), "{layout:?}");
        let sales_cards = crm_card::domain::views::CardKind { pipeline: Some(sales_p.id), ..support_cards };
        let layout = crm_card::server::service::card_layout(&store, &seller, sales_cards).await.unwrap();
        assert_eq!(layout.pipelines.iter().map(|p| p.id).collect::<Vec<_>>(), [sales_p.id]);
        let (csv_name, csv) = crm_card::server::service::export::export_csv(&store, &seller, "deal", None, None).await.unwrap();
        assert!(csv.contains("Alpha sale") && !csv.contains("Alpha support"), "{csv_name}: {csv}");

        // Nor may they put anything there.
        assert_eq!(type_pipelines(&store, &seller, "deal").await.unwrap().iter().map(|p| p.id).collect::<Vec<_>>(), [sales_p.id]);
        let version = items::item(&mut conn, EntityType::DEAL, sold).await.unwrap().unwrap().version;
        let moved = move_stage(&store, &seller, "deal", sold, version, support.stages[0].id, true).await;
        assert!(matches!(moved, Err(AppError::Forbidden)), "{moved:?}");
        let inputs: std::collections::BTreeMap<String, FieldInput> = [("title".to_string(), FieldInput::Text("New one".into()))].into();
        let refused = create_item(&store, &seller, "deal", Some(support.id), inputs.clone(), false).await;
        assert!(matches!(refused, Err(AppError::Forbidden)), "{refused:?}");
        let made = create_item(&store, &seller, "deal", None, inputs, false).await.unwrap();
        assert_eq!(items::item(&mut conn, EntityType::DEAL, made).await.unwrap().unwrap().pipeline_id, Some(sales_p.id));

        // A second role reading one's own deals everywhere opens Support to those only.
        let helper = kept_from(&mut conn, "helper@test.example", support.id, true).await;
        let theirs = deal(&mut conn, "Alpha own support", &support, helper.id).await;
        sqlx::query("UPDATE items SET responsible_id = $1 WHERE id = $2").bind(helper.id).bind(theirs).execute(&mut *conn).await.unwrap();
        let rows = list(&store, &helper, "deal", None, None, None).await.unwrap().rows;
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        assert!(ids.contains(&theirs) && ids.contains(&sold) && !ids.contains(&helped), "{ids:?}");
        assert!(card(&store, &helper, "deal", theirs).await.is_ok());
        assert!(matches!(card(&store, &helper, "deal", helped).await, Err(AppError::NotFound)));
        let b = board(&store, &helper, "deal", Some(support.id), None).await.unwrap();
        assert_eq!(b.columns[0].cards.iter().map(|c| c.id).collect::<Vec<_>>(), [theirs]);
        assert_eq!(b.columns[0].count, 1, "the column counts what they reach");

        // A Support deal moved into Sales: the seller reads it, but not where it came from.
        let mut boss = admin.clone();
        boss.rights = crm_card::domain::access::Rights::full(true);
        let version = items::item(&mut conn, EntityType::DEAL, helped).await.unwrap().unwrap().version;
        move_stage(&store, &boss, "deal", helped, version, sales_p.stages[1].id, true).await.unwrap();
        let seen = card(&store, &seller, "deal", helped).await.unwrap();
        let moved = seen.timeline.events.iter().find_map(|e| match &e.body {
            crm_card::domain::timeline::EventBody::StageChanged { from, to, pipeline } => Some((from.clone(), to.clone(), pipeline.clone())),
            _ => None,
        });
        let (from, to, pipeline) = moved.expect("the move is on the timeline");
        assert_eq!((from.unwrap().name.as_str(), to.name.as_str()), ("Hidden stage", sales_p.stages[1].name.as_str()));
        assert_eq!(pipeline.map(|p| (p.from, p.to)), Some(("Hidden pipeline".to_string(), "Sales".to_string())));
        let told = card(&store, &boss, "deal", helped).await.unwrap();
        assert!(serde_json::to_string(&told.timeline).unwrap().contains(&support.stages[0].name), "the admin sees it all");
        assert!(!serde_json::to_string(&seen.timeline).unwrap().contains("Support"), "nothing names Support");
    }
}
