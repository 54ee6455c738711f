//! The registry of entity types and smart processes against real databases: every test runs on
//! SQLite and on PostgreSQL.

#![allow(clippy::unwrap_used)] // a failed step should stop the test right there

mod support;

use crm_card::domain::access::{EntityRights, Rights, Scope};
use crm_card::domain::layout_ops::LayoutOp;
use crm_card::domain::registry::{settle, TypeError, TypeSpec};
use crm_card::domain::views::{CardKind, ViewRef};
use crm_card::domain::{EntityType, ItemRef, TypeDef, Value, Values};
use crm_card::server::store::items::{self, CreateOutcome, ListQuery, Move, MoveOutcome, NewItem, Save, SaveOutcome};
use crm_card::server::store::layouts::{self, Author, COMMON};
use crm_card::server::store::types::{self, Deleted};
use crm_card::server::store::{access, catalog, timeline, users, Conn};

const DAY: i64 = 86_400_000;

fn delivery_spec() -> TypeSpec {
    TypeSpec {
        name: "Delivery".into(),
        plural: "Deliveries".into(),
        code: "delivery".into(),
        stages: true,
        several_pipelines: false,
        client_contact: true,
        client_company: true,
        links: vec![EntityType::DEAL],
        in_menu: true,
    }
}

async fn create_type(conn: &mut Conn, spec: &TypeSpec) -> Result<TypeDef, TypeError> {
    types::create_with(conn, DAY, |r, id| settle(spec, None, r, &Default::default(), id)).await.unwrap()
}

async fn change_type(conn: &mut Conn, entity: EntityType, spec: &TypeSpec) -> Result<TypeDef, TypeError> {
    types::update_with(conn, entity, 2 * DAY, |before, r, usage| settle(spec, Some(before), r, usage, before.id))
        .await
        .unwrap()
        .expect("the type exists")
}

async fn user(conn: &mut Conn, email: &str) -> i64 {
    let u = users::NewUser { email, name: email, password_hash: "x", department_id: None, is_admin: false };
    users::create_user(conn, u, 0).await.expect("user")
}

fn delivery() -> EntityType {
    "delivery".parse().unwrap()
}

async fn new_item(conn: &mut Conn, entity: EntityType, values: Values, u: i64) -> i64 {
    let fields = catalog::fields(conn, entity).await.unwrap();
    let pipelines = catalog::pipelines(conn, entity).await.unwrap();
    let new = NewItem {
        entity,
        fields: &fields,
        pipeline: pipelines.first(),
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

on_both_databases! {
    async fn the_registry_holds_the_system_types_with_bitrix24_ids_once(store: Store) {
        let mut conn = store.pool.acquire().await.unwrap();
        catalog::install(&mut conn, 2).await.unwrap();
        let r = types::registry(&mut conn).await.unwrap();
        let ids: Vec<(String, i64, bool)> = r.types.iter().map(|t| (t.entity.to_string(), t.id, t.system)).collect();
        assert_eq!(ids, [
            ("lead".to_string(), 1, true), ("deal".into(), 2, true), ("contact".into(), 3, true),
            ("company".into(), 4, true), ("invoice".into(), 31, true), ("quote".into(), 7, true),
        ]);
        assert!(r.get(EntityType::DEAL).unwrap().cards_per_pipeline());
        assert_eq!(r.get(EntityType::COMPANY).unwrap().plural, "Companies");
    }
}

on_both_databases! {
    async fn a_smart_process_gets_fields_a_pipeline_and_a_layout_and_its_items_work_like_deals(store: Store) {
        let mut conn = store.pool.acquire().await.unwrap();
        let def = create_type(&mut conn, &delivery_spec()).await.unwrap();
        assert_eq!((def.id, def.entity, def.system), (128, delivery(), false));
        let again = create_type(&mut conn, &delivery_spec()).await;
        assert_eq!(again, Err(TypeError::CodeTaken), "a code is taken once");

        let fields = catalog::fields(&mut conn, delivery()).await.unwrap();
        let codes: Vec<&str> = fields.iter().map(|f| f.code.as_str()).collect();
        assert_eq!(codes, ["title", "responsible", "contact", "company", "link_deal"]);
        assert!(fields.iter().all(|f| f.system));
        let pipelines = catalog::pipelines(&mut conn, delivery()).await.unwrap();
        assert_eq!(pipelines.len(), 1);
        assert_eq!(pipelines[0].stages.len(), 4);
        let (version, layout) = layouts::of_view(&mut conn, CardKind::entity(delivery()), ViewRef::Common).await.unwrap();
        assert_eq!(version, 1);
        assert_eq!(layout.sections.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(), ["about", "client", "links"]);

        // An item through every write path: create, save, stage move, comment, list and search.
        let u = user(&mut conn, "staff@test.example").await;
        let deal = new_item(&mut conn, EntityType::DEAL, [("title".to_string(), Value::Text("Big order".into()))].into(), u).await;
        let values: Values = [
            ("title".to_string(), Value::Text("Truck to Porto".into())),
            ("link_deal".to_string(), Value::Item(ItemRef { entity: EntityType::DEAL, id: deal })),
        ]
        .into();
        let id = new_item(&mut conn, delivery(), values, u).await;
        let row = items::item(&mut conn, delivery(), id).await.unwrap().unwrap();
        assert_eq!((row.title.as_str(), row.stage_id), ("Truck to Porto", Some(pipelines[0].stages[0].id)));
        assert!(items::item(&mut conn, EntityType::DEAL, id).await.unwrap().is_none(), "not a deal");
        let links = items::links(&mut conn, deal, 10).await.unwrap();
        assert!(links.iter().any(|l| l.id == id && !l.outgoing), "the deal sees the delivery pointing at it");

        let seen = items::for_save(&mut conn, delivery(), id).await.unwrap().map(|(_, s, _)| s);
        let save = Save {
            entity: delivery(),
            id,
            base_version: 1,
            changes: [("title".to_string(), Some(Value::Text("Truck to Lisbon".into())))].into(),
            fields: &fields,
            pipelines: &pipelines,
            user_id: Some(u),
            now: 2 * DAY,
            seen,
            search_gen: 0,
        };
        assert!(matches!(items::save(&mut conn, save).await.unwrap(), SaveOutcome::Saved { version: 2, .. }));
        let m = Move {
            entity: delivery(),
            id,
            base_version: 2,
            stage_id: pipelines[0].stages[2].id,
            across: false,
            fields: &fields,
            pipelines: &pipelines,
            user_id: Some(u),
            now: 3 * DAY,
        };
        assert!(matches!(items::move_stage(&mut conn, m).await.unwrap(), MoveOutcome::Moved { version: 3, .. }));
        let q = ListQuery { search: Some("lisbon".into()), limit: 10, ..Default::default() };
        assert_eq!(items::list(&mut conn, delivery(), &q).await.unwrap().len(), 1);
        assert!(items::list(&mut conn, EntityType::DEAL, &q).await.unwrap().is_empty());
        let events = timeline::page(&mut conn, id, None, 10).await.unwrap();
        assert_eq!(events.len(), 3, "created, field changed, stage changed");

        // Its card is arranged like any other: a layout operation on its common view.
        let known = |c: &str| ["title", "responsible", "contact", "company", "link_deal"].contains(&c);
        let op = LayoutOp::HideField { code: "company".into() };
        let saved = layouts::apply_ops(&mut conn, CardKind::entity(delivery()), COMMON, 1, &[op], &known, Author { user_id: Some(u), now: DAY })
            .await
            .unwrap();
        assert_eq!(saved.version, 2);
        assert!(!saved.layout.field_codes().any(|c| c == "company"));
    }
}

on_both_databases! {
    async fn options_that_would_lose_data_are_refused_and_others_add_and_drop_fields(store: Store) {
        let mut conn = store.pool.acquire().await.unwrap();
        create_type(&mut conn, &delivery_spec()).await.unwrap();
        let u = user(&mut conn, "staff@test.example").await;
        let id = new_item(&mut conn, delivery(), [("title".to_string(), Value::Text("In a stage".into()))].into(), u).await;

        let mut off = delivery_spec();
        off.stages = false;
        assert_eq!(change_type(&mut conn, delivery(), &off).await, Err(TypeError::ItemsInStages(1)));
        assert_eq!(catalog::pipelines(&mut conn, delivery()).await.unwrap().len(), 1, "nothing changed");

        // No company values: the company field may go; a quote link comes; the name changes.
        let mut other = delivery_spec();
        other.client_company = false;
        other.links = vec![EntityType::DEAL, EntityType::QUOTE];
        other.name = "Shipment".into();
        let def = change_type(&mut conn, delivery(), &other).await.unwrap();
        assert_eq!(def.name, "Shipment");
        let codes: Vec<String> = catalog::fields(&mut conn, delivery()).await.unwrap().into_iter().map(|f| f.code).collect();
        assert_eq!(codes, ["title", "responsible", "contact", "link_deal", "link_quote"]);
        let (_, layout) = layouts::of_view(&mut conn, CardKind::entity(delivery()), ViewRef::Default).await.unwrap();
        assert!(layout.field_codes().any(|c| c == "link_quote") && !layout.field_codes().any(|c| c == "company"));

        // Once the item holds a contact, the contact field cannot go.
        let fields = catalog::fields(&mut conn, delivery()).await.unwrap();
        let pipelines = catalog::pipelines(&mut conn, delivery()).await.unwrap();
        let contact = new_item(&mut conn, EntityType::CONTACT, [("first_name".to_string(), Value::Text("Rui".into()))].into(), u).await;
        let seen = items::for_save(&mut conn, delivery(), id).await.unwrap().map(|(_, s, _)| s);
        let set = Save {
            entity: delivery(),
            id,
            base_version: 1,
            changes: [("contact".to_string(), Some(Value::Item(ItemRef { entity: EntityType::CONTACT, id: contact })))].into(),
            fields: &fields,
            pipelines: &pipelines,
            user_id: Some(u),
            now: DAY,
            seen,
            search_gen: 0,
        };
        assert!(matches!(items::save(&mut conn, set).await.unwrap(), SaveOutcome::Saved { .. }));
        let mut no_contact = other.clone();
        no_contact.client_contact = false;
        let refused = change_type(&mut conn, delivery(), &no_contact).await.unwrap_err();
        assert!(matches!(refused, TypeError::ValuesLost { count: 1, .. }), "{refused:?}");
    }
}

on_both_databases! {
    async fn deleting_a_smart_process_takes_everything_of_it_and_nothing_else(store: Store) {
        let mut conn = store.pool.acquire().await.unwrap();
        create_type(&mut conn, &delivery_spec()).await.unwrap();
        let u = user(&mut conn, "staff@test.example").await;
        let deal = new_item(&mut conn, EntityType::DEAL, [("title".to_string(), Value::Text("Stays".into()))].into(), u).await;
        let values: Values = [
            ("title".to_string(), Value::Text("Goes".into())),
            ("link_deal".to_string(), Value::Item(ItemRef { entity: EntityType::DEAL, id: deal })),
        ]
        .into();
        let id = new_item(&mut conn, delivery(), values, u).await;
        let mut rights = Rights::default();
        rights.entities.insert(delivery(), EntityRights::everything(Scope::All));
        rights.entities.insert(EntityType::DEAL, EntityRights::everything(Scope::Own));
        let role = access::create_role(&mut conn, "Couriers", &rights).await.unwrap();
        let known = |c: &str| c == "title";
        layouts::apply_ops(&mut conn, CardKind::entity(delivery()), COMMON, 1, &[LayoutOp::HideField { code: "title".into() }], &known, Author { user_id: Some(u), now: DAY })
            .await
            .unwrap();

        // A field of another type that may point only to it keeps it too.
        let mut pointer = crm_card::domain::catalog::shipped_fields(EntityType::DEAL).into_iter().find(|f| f.code == "company").unwrap();
        pointer.code = "uf_delivery".into();
        pointer.label = "Delivery ref".into();
        pointer.system = false;
        pointer.settings.item_types = vec![delivery()];
        catalog::create_field(&mut conn, EntityType::DEAL, &pointer).await.unwrap();
        assert_eq!(types::delete(&mut conn, delivery()).await.unwrap(), Deleted::LinkedFrom(vec!["Deal: Delivery ref".into()]));
        assert!(catalog::delete_field(&mut conn, EntityType::DEAL, "uf_delivery").await.unwrap());

        // A type another links to stays until that link goes.
        let mut visits = delivery_spec();
        visits.code = "visit".into();
        visits.name = "Visit".into();
        visits.links = vec![delivery()];
        create_type(&mut conn, &visits).await.unwrap();
        assert_eq!(types::delete(&mut conn, delivery()).await.unwrap(), Deleted::LinkedFrom(vec!["Visit".into()]));
        assert!(items::item(&mut conn, delivery(), id).await.unwrap().is_some(), "refused: nothing went");
        assert_eq!(types::delete(&mut conn, "visit".parse().unwrap()).await.unwrap(), Deleted::Deleted);

        let contents = types::contents(&mut conn, delivery()).await.unwrap();
        assert_eq!((contents.items, contents.custom_fields), (1, 0));
        assert_eq!(types::delete(&mut conn, delivery()).await.unwrap(), Deleted::Deleted);
        assert!(types::registry(&mut conn).await.unwrap().get(delivery()).is_none());
        assert!(items::item(&mut conn, delivery(), id).await.unwrap().is_none());
        assert!(catalog::fields(&mut conn, delivery()).await.unwrap().is_empty());
        assert!(catalog::pipelines(&mut conn, delivery()).await.unwrap().is_empty());
        assert!(layouts::history(&mut conn, CardKind::entity(delivery()), COMMON, 10).await.unwrap().is_empty());
        assert!(items::links(&mut conn, deal, 10).await.unwrap().is_empty(), "the deal no longer sees it");
        let role_now = access::roles(&mut conn).await.unwrap().into_iter().find(|r| r.id == role).unwrap();
        assert_eq!(role_now.rights.entities.keys().copied().collect::<Vec<_>>(), [EntityType::DEAL], "its rights went, the rest stayed");
        assert!(items::item(&mut conn, EntityType::DEAL, deal).await.unwrap().is_some());

        assert_eq!(types::delete(&mut conn, EntityType::DEAL).await.unwrap(), Deleted::System);
        assert_eq!(types::delete(&mut conn, delivery()).await.unwrap(), Deleted::NotFound);
        // The code is free again, and the new type starts empty.
        let def = create_type(&mut conn, &delivery_spec()).await.unwrap();
        assert_eq!(def.id, 130, "ids are not reused while a later one exists");
        assert_eq!(layouts::of_view(&mut conn, CardKind::entity(delivery()), ViewRef::Common).await.unwrap().0, 1);
    }
}
