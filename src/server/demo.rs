//! Demo data for a first start: a company with two departments, an admin and staff, and
//! realistic items of every entity type with links and a history, written through the same
//! store functions as real use. Deterministic, so every fresh start looks the same.

use super::auth::hash_password;
use super::store::items::{self, CreateOutcome, Move, NewItem, Save};
use super::store::{access, catalog, timeline, users, Conn, Store};
use crate::domain::merge::Changes;
use crate::domain::timeline::EventPayload;
use crate::domain::{Address, EntityType, ItemRef, Pipeline, Value, Values};
use crate::error::AppError;
use sqlx::Connection;

/// The sign-ins a demo database has (email, password): the administrator, two people in
/// Sales, one in the call centre. Their names are the demo data's (`DemoText::users`).
pub const LOGINS: [(&str, &str); 4] = [
    ("admin@example.com", "admin"),
    ("anna@example.com", "demo"),
    ("marco@example.com", "demo"),
    ("julia@example.com", "demo"),
];

/// The words of the demo data in one language (`locales/demo/<lang>.toml`): names, companies,
/// places, products, comments. Lists have the lengths the English file states
/// (a test checks every language).
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoText {
    pub departments: [String; 2],
    pub users: [String; 4],
    pub rich_deal: String,
    pub deal_title: String,
    pub lead_title_website: String,
    pub lead_title_call: String,
    pub quote_title: String,
    pub company_suffixes: [String; 4],
    pub phone_codes: [String; 4],
    pub companies: [(String, String, String); 24],
    /// Name, gender (`m`/`f`), spelling in e-mail addresses.
    pub first_names: [(String, String, String); 16],
    /// Male form, female form, and their spellings in e-mail addresses.
    pub last_names: [(String, String, String, String); 16],
    pub positions: [String; 8],
    pub cities: [(String, String, String); 8],
    pub streets: [String; 6],
    pub products: [String; 12],
    pub comments: [String; 10],
}

impl DemoText {
    /// The `i`-th combination of a first and a last name, the last name in the first name's
    /// gender: (first, last, e-mail first, e-mail last).
    fn person(&self, first: usize, last: usize) -> (&str, &str, &str, &str) {
        let f = &self.first_names[first % self.first_names.len()];
        let l = &self.last_names[last % self.last_names.len()];
        let (surname, mail) = if f.1 == "f" { (&l.1, &l.3) } else { (&l.0, &l.2) };
        (&f.0, surname, &f.2, mail)
    }
}

/// The demo data's words in `lang`.
pub fn demo_text(lang: crate::i18n::Lang) -> &'static DemoText {
    use crate::i18n::Lang;
    use std::sync::LazyLock;
    fn load(src: &str) -> DemoText {
        toml::from_str(src).expect("locales/demo files are checked by a unit test")
    }
    static TEXTS: [LazyLock<DemoText>; 4] = [
        LazyLock::new(|| load(include_str!("../../locales/demo/en.toml"))),
        LazyLock::new(|| load(include_str!("../../locales/demo/ru.toml"))),
        LazyLock::new(|| load(include_str!("../../locales/demo/pt.toml"))),
        LazyLock::new(|| load(include_str!("../../locales/demo/it.toml"))),
    ];
    let _ = Lang::En;
    &TEXTS[lang as usize]
}

/// The demo accounts that still sign in with the password they were shipped with (active ones).
pub async fn shipped_passwords_in_use(store: &Store) -> Result<Vec<&'static str>, DemoError> {
    let mut conn = store.pool.acquire().await?;
    let mut open = Vec::new();
    for (email, password) in LOGINS {
        let Some(c) = users::credentials(&mut conn, email).await? else { continue };
        let hash = c.password_hash.clone();
        let shipped = tokio::task::spawn_blocking(move || crate::server::auth::verify_password(&hash, password))
            .await
            .unwrap_or(false);
        if c.active && shipped {
            open.push(email);
        }
    }
    Ok(open)
}

/// Refuses to serve on an address other machines reach while a demo account still has its
/// shipped password (anyone could sign in as the administrator). On loopback, as `make run`
/// serves, demo data is how people try the product.
pub async fn check_exposure(store: &Store, addr: std::net::SocketAddr) -> Result<(), String> {
    if addr.ip().is_loopback() {
        return Ok(());
    }
    let open = shipped_passwords_in_use(store).await.map_err(|e| e.to_string())?;
    if open.is_empty() {
        return Ok(());
    }
    Err(format!(
        "refusing to listen on {addr}: the demo accounts {} still have their shipped passwords. \
         Change them in Settings → Access (or switch the accounts off) while serving on 127.0.0.1, \
         then start again on {addr}.",
        open.join(", ")
    ))
}

/// Small deterministic generator (xorshift), so demo data is the same on every machine
/// (the tests use it for generated input too).
pub struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    fn choose(&mut self, items: &[&'static str]) -> &'static str {
        items[self.below(items.len())]
    }
}

const CURRENCIES: [&str; 3] = ["USD", "EUR", "RUB"];
const CONTACT_TYPES: [&str; 4] = ["client", "client", "partner", "supplier"];
const CONTACT_SOURCES: [&str; 4] = ["call", "email", "website", "recommendation"];
const DEAL_TYPES: [&str; 4] = ["sale", "goods", "service", "support"];
const DEAL_SOURCES: [&str; 5] = ["call", "website", "partner", "trade_show", "recommendation"];

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error(transparent)]
    Sqlx(#[from] sqlx::Error),
    #[error("demo data: {0}")]
    Rule(String),
}

impl From<AppError> for DemoError {
    fn from(e: AppError) -> Self {
        DemoError::Rule(e.to_string())
    }
}

fn text(s: impl Into<String>) -> Value {
    Value::Text(s.into())
}

fn option(s: &str) -> Value {
    Value::Option(s.into())
}

fn money(minor: i64, currency: &str) -> Value {
    Value::Money { minor, currency: currency.into() }
}

fn item(entity: EntityType, id: i64) -> Value {
    Value::Item(ItemRef { entity, id })
}

fn date(ms: i64) -> Value {
    Value::Date(
        chrono::DateTime::from_timestamp_millis(ms).map(|t| t.format("%Y-%m-%d").to_string()).unwrap_or_default(),
    )
}

fn values(pairs: Vec<(&str, Value)>) -> Values {
    pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}

struct Seeder<'a> {
    conn: &'a mut Conn,
    rng: Rng,
    /// Demo time: starts 120 days ago and moves forward as things happen.
    clock: i64,
    end: i64,
    staff: Vec<i64>,
    words: &'static DemoText,
}

impl Seeder<'_> {
    /// Moves demo time forward by up to `max_minutes`, never past the real now.
    fn tick(&mut self, max_minutes: usize) -> i64 {
        self.clock = (self.clock + 60_000 * (1 + self.rng.below(max_minutes)) as i64).min(self.end - 60_000);
        self.clock
    }

    async fn create(
        &mut self,
        entity: EntityType,
        pipeline: Option<&Pipeline>,
        mut v: Values,
    ) -> Result<i64, DemoError> {
        let user = *self.rng.pick(&self.staff);
        v.entry("responsible".into()).or_insert(Value::User(user));
        let fields = catalog::fields(self.conn, entity).await?;
        let now = self.tick(180);
        // About a quarter of the leads come from known clients (without drawing from the
        // generator, so the rest of the demo stays as it was).
        let repeat_lead = entity == EntityType::LEAD && (now / 60_000) % 4 == 0;
        match items::create(
            self.conn,
            NewItem {
                entity,
                fields: &fields,
                pipeline,
                values: v,
                user_id: Some(user),
                now,
                repeat_lead,
                search_gen: 0,
            },
        )
        .await?
        {
            CreateOutcome::Created { id } => Ok(id),
            CreateOutcome::MissingRequired(m) => Err(DemoError::Rule(format!("{entity} misses {m:?}"))),
            CreateOutcome::Booked(m) => Err(DemoError::Rule(format!("{entity} double-books {m:?}"))),
        }
    }

    /// Walks an item along its pipeline up to stage `target` (index), one move at a time.
    async fn advance(
        &mut self,
        entity: EntityType,
        id: i64,
        pipeline: &Pipeline,
        target: usize,
    ) -> Result<(), DemoError> {
        let fields = catalog::fields(self.conn, entity).await?;
        let pipelines = vec![pipeline.clone()];
        let path: Vec<usize> = if pipeline.stages[target].is_final() {
            let last_open = pipeline.stages.iter().rposition(|s| !s.is_final()).unwrap_or(0);
            (1..=last_open.min(1 + self.rng.below(last_open + 1))).chain([target]).collect()
        } else {
            (1..=target).collect()
        };
        for idx in path {
            let Some(row) = items::item(self.conn, entity, id).await? else { break };
            let now = self.tick(240);
            let user = *self.rng.pick(&self.staff);
            let m = Move {
                entity,
                id,
                base_version: row.version,
                stage_id: pipeline.stages[idx].id,
                across: false,
                fields: &fields,
                pipelines: &pipelines,
                user_id: Some(user),
                now,
            };
            items::move_stage(self.conn, m).await?;
        }
        Ok(())
    }

    async fn change(
        &mut self,
        entity: EntityType,
        id: i64,
        changes: Vec<(&str, Option<Value>)>,
    ) -> Result<(), DemoError> {
        let fields = catalog::fields(self.conn, entity).await?;
        let pipelines = catalog::pipelines(self.conn, entity).await?;
        let Some(row) = items::item(self.conn, entity, id).await? else { return Ok(()) };
        let changes: Changes = changes.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        let now = self.tick(240);
        let user = *self.rng.pick(&self.staff);
        let s = Save {
            entity,
            id,
            base_version: row.version,
            changes,
            fields: &fields,
            pipelines: &pipelines,
            user_id: Some(user),
            now,
            seen: None,
            // A new installation's: no field has changed yet.
            search_gen: 0,
        };
        items::save(self.conn, s).await?;
        Ok(())
    }

    async fn comment(&mut self, id: i64) -> Result<(), DemoError> {
        let text = self.rng.pick(&self.words.comments).to_string();
        let user = *self.rng.pick(&self.staff);
        let now = self.tick(240);
        timeline::insert_event(self.conn, id, &EventPayload::Comment { text }, Some(user), now).await?;
        Ok(())
    }

    fn address(&mut self) -> Value {
        let (city, region, country) = self.rng.pick(&self.words.cities).clone();
        Value::Address(Address {
            street: self.rng.pick(&self.words.streets).to_string(),
            city,
            region,
            postcode: format!("{:05}", 10000 + self.rng.below(89999)),
            country,
        })
    }

    fn phone(&mut self) -> Value {
        text(format!(
            "+{} {} {:03}-{:02}-{:02}",
            self.rng.pick(&self.words.phone_codes),
            100 + self.rng.below(899),
            self.rng.below(1000),
            self.rng.below(100),
            self.rng.below(100)
        ))
    }
}

/// Fills an empty database (no users yet) with demo data; returns whether it did.
pub async fn seed_if_empty(store: &Store, now: i64) -> Result<bool, DemoError> {
    let mut tx = store.pool.begin().await?;
    if users::count_users(&mut tx).await? > 0 {
        return Ok(false);
    }
    access::install_defaults(&mut tx).await?;
    let words = demo_text(crate::i18n::lang());
    let sales = users::create_department(&mut tx, &words.departments[0], None).await?;
    let call_centre = users::create_department(&mut tx, &words.departments[1], None).await?;
    let mut staff = Vec::new();
    for (i, ((email, password), name)) in LOGINS.iter().zip(&words.users).enumerate() {
        let department = match i {
            0 => None,
            3 => Some(call_centre),
            _ => Some(sales),
        };
        let hash = hash_password(password)?;
        let u = users::NewUser { email, name, password_hash: &hash, department_id: department, is_admin: i == 0 };
        let id = users::create_user(&mut tx, u, now).await?;
        let role = if i == 0 { access::ADMINISTRATOR } else { access::EMPLOYEE };
        if let Some(role_id) = access::role_id(&mut tx, access::seeded_role(role)).await? {
            access::set_roles(&mut tx, id, &[role_id]).await?;
        }
        if i > 0 {
            staff.push(id);
        }
    }
    let mut s = Seeder {
        conn: &mut tx,
        rng: Rng(0x9E37_79B9_7F4A_7C15),
        clock: now - 120 * 24 * 3600 * 1000,
        end: now,
        staff,
        words,
    };
    seed_items(&mut s).await?;
    drop(s);
    tx.commit().await?;
    Ok(true)
}

async fn seed_items(s: &mut Seeder<'_>) -> Result<(), DemoError> {
    use EntityType as E;
    let mut companies = Vec::new();
    let words = s.words;
    for (name, domain, industry) in &words.companies {
        let employees = 10 + s.rng.below(2000) as i64;
        let v = values(vec![
            ("name", text(name)),
            ("industry", option(industry)),
            ("employees", Value::Integer(employees)),
            ("annual_revenue", money(employees * 9_500_000, "USD")),
            ("phone", Value::Many(vec![s.phone()])),
            ("email", Value::Many(vec![text(format!("info@{domain}"))])),
            ("website", text(format!("https://www.{domain}"))),
            ("address", s.address()),
        ]);
        companies.push((s.create(E::COMPANY, None, v).await?, domain.as_str()));
    }
    let mut contacts = Vec::new();
    for i in 0..30 {
        let (first, last, mail_first, mail_last) = words.person(i, i * 7 + 3);
        let (company, domain) = companies[i % companies.len()];
        let mut v = values(vec![
            ("first_name", text(first)),
            ("last_name", text(last)),
            ("position", text(s.rng.pick(&words.positions).as_str())),
            ("phone", Value::Many(vec![s.phone()])),
            ("email", Value::Many(vec![text(format!("{mail_first}.{mail_last}@{domain}"))])),
            ("company", item(E::COMPANY, company)),
            ("contact_type", option(s.rng.choose(&CONTACT_TYPES))),
            ("source", option(s.rng.choose(&CONTACT_SOURCES))),
            ("newsletter", Value::Bool(i % 3 != 0)),
        ]);
        if i % 2 == 0 {
            v.insert("birthday".into(), Value::Date(format!("{}-{:02}-{:02}", 1965 + i, 1 + i % 12, 1 + i % 28)));
        }
        contacts.push(s.create(E::CONTACT, None, v).await?);
    }
    let deal_pipelines = catalog::pipelines(s.conn, E::DEAL).await?;
    let mut deals = Vec::new();
    for i in 0..30 {
        let pipeline = &deal_pipelines[if i % 5 == 4 && deal_pipelines.len() > 1 { 1 } else { 0 }];
        let (company, _) = companies[i % companies.len()];
        let product = &words.products[i % words.products.len()];
        let title = if i == 0 {
            format!("{} — {}", words.rich_deal, words.companies[0].0)
        } else {
            let company = &words.companies[i % words.companies.len()].0;
            words.deal_title.replace("{product}", product).replace("{company}", company)
        };
        let currency = *s.rng.pick(&CURRENCIES);
        let close = s.clock + (10 + s.rng.below(80) as i64) * 24 * 3600 * 1000;
        let v = values(vec![
            ("title", text(title)),
            ("amount", money((500 + s.rng.below(250_000)) as i64 * 100, currency)),
            ("close_date", date(close)),
            ("deal_type", option(s.rng.choose(&DEAL_TYPES))),
            ("source", option(s.rng.choose(&DEAL_SOURCES))),
            ("probability", Value::Integer(10 * (1 + s.rng.below(9)) as i64)),
            ("contact", item(E::CONTACT, contacts[i % contacts.len()])),
            ("company", item(E::COMPANY, company)),
        ]);
        let id = s.create(E::DEAL, Some(pipeline), v).await?;
        let target = if i == 0 { 3 } else { s.rng.below(pipeline.stages.len()) };
        s.advance(E::DEAL, id, pipeline, target).await?;
        if i % 3 == 0 {
            s.change(
                E::DEAL,
                id,
                vec![
                    ("probability", Some(Value::Integer(80))),
                    ("next_call", Some(Value::DateTime("2026-12-01T10:30Z".into()))),
                ],
            )
            .await?;
        }
        for _ in 0..(if i == 0 { 40 } else { s.rng.below(4) }) {
            s.comment(id).await?;
        }
        deals.push((id, currency));
    }
    let lead_pipeline = catalog::pipelines(s.conn, E::LEAD).await?;
    for i in 0..25 {
        let (first, last, mail_first, _) = words.person(i + 5, i * 3 + 1);
        let product = words.products[(i + 4) % words.products.len()].to_lowercase();
        let title = if i % 2 == 0 { &words.lead_title_website } else { &words.lead_title_call };
        let v = values(vec![
            ("title", text(title.replace("{product}", &product))),
            ("first_name", text(first)),
            ("last_name", text(last)),
            ("company_name", text(format!("{} {}", last, s.rng.pick(&words.company_suffixes)))),
            ("phone", Value::Many(vec![s.phone()])),
            ("email", Value::Many(vec![text(format!("{mail_first}@mail.example"))])),
            ("source", option(if i % 2 == 0 { "website" } else { "call" })),
            ("opportunity", money((1000 + s.rng.below(50_000)) as i64 * 100, "USD")),
            ("address", s.address()),
        ]);
        let id = s.create(E::LEAD, lead_pipeline.first(), v).await?;
        if let Some(p) = lead_pipeline.first() {
            let target = s.rng.below(p.stages.len());
            s.advance(E::LEAD, id, p, target).await?;
        }
        if i % 4 == 0 {
            s.comment(id).await?;
        }
    }
    let invoice_pipeline = catalog::pipelines(s.conn, E::INVOICE).await?;
    for i in 0..22 {
        let (deal, currency) = deals[i % deals.len()];
        let (payer, _) = companies[i % companies.len()];
        let due = s.clock + (5 + s.rng.below(40) as i64) * 24 * 3600 * 1000;
        let v = values(vec![
            ("number", text(format!("INV-2026-{:04}", 101 + i))),
            ("amount", money((300 + s.rng.below(90_000)) as i64 * 100, currency)),
            ("due_date", date(due)),
            ("deal", item(E::DEAL, deal)),
            ("payer", item(E::COMPANY, payer)),
        ]);
        let id = s.create(E::INVOICE, invoice_pipeline.first(), v).await?;
        if let Some(p) = invoice_pipeline.first() {
            let target = s.rng.below(p.stages.len());
            s.advance(E::INVOICE, id, p, target).await?;
        }
    }
    let quote_pipeline = catalog::pipelines(s.conn, E::QUOTE).await?;
    for i in 0..22 {
        let (deal, currency) = deals[(i + 3) % deals.len()];
        let valid = s.clock + (14 + s.rng.below(30) as i64) * 24 * 3600 * 1000;
        let v = values(vec![
            ("title", text(words.quote_title.replace("{product}", &words.products[(i + 2) % words.products.len()]))),
            ("amount", money((800 + s.rng.below(120_000)) as i64 * 100, currency)),
            ("valid_until", date(valid)),
            ("deal", item(E::DEAL, deal)),
            ("contact", item(E::CONTACT, contacts[(i * 5) % contacts.len()])),
        ]);
        let id = s.create(E::QUOTE, quote_pipeline.first(), v).await?;
        if let Some(p) = quote_pipeline.first() {
            let target = s.rng.below(p.stages.len());
            s.advance(E::QUOTE, id, p, target).await?;
        }
    }
    Ok(())
}

/// Installs the catalog (every start) and the demo data (first start, when asked), in the
/// installation's language `lang` (what is already installed stays as it is).
pub async fn prepare(store: &Store, demo: bool, lang: crate::i18n::Lang, now: i64) -> Result<bool, DemoError> {
    let locale = crate::i18n::locale_for(lang, None);
    crate::i18n::REQUEST.scope(locale, prepare_here(store, demo, now)).await
}

async fn prepare_here(store: &Store, demo: bool, now: i64) -> Result<bool, DemoError> {
    let mut conn = store.pool.acquire().await?;
    let mut tx = conn.begin().await?;
    catalog::install(&mut tx, now).await?;
    crate::server::store::access::install_defaults(&mut tx).await?;
    items::index_unsearched(&mut tx).await?;
    tx.commit().await?;
    drop(conn);
    if demo {
        seed_if_empty(store, now).await
    } else {
        Ok(false)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed step should stop the test right there
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn the_demo_words_of_every_language_fit_the_demo() {
        let industries = ["it", "manufacturing", "retail", "finance", "logistics", "consulting", "other"];
        for lang in Lang::ALL {
            let w = demo_text(lang);
            let ascii = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase());
            assert!(w.first_names.iter().all(|f| (f.1 == "m" || f.1 == "f") && ascii(&f.2)), "{lang:?}");
            assert!(w.last_names.iter().all(|l| ascii(&l.2) && ascii(&l.3)), "{lang:?}");
            assert!(w.companies.iter().all(|c| industries.contains(&c.2.as_str())), "{lang:?}");
            assert!(w.companies.iter().all(|c| c.1.ends_with(".example") && c.1.is_ascii()), "{lang:?}");
            assert!(w.deal_title.contains("{product}") && w.deal_title.contains("{company}"), "{lang:?}");
            for t in [&w.lead_title_website, &w.lead_title_call, &w.quote_title] {
                assert!(t.contains("{product}"), "{lang:?}: {t}");
            }
            assert!(w.phone_codes.iter().all(|c| c.chars().all(|d| d.is_ascii_digit())), "{lang:?}");
        }
        let ru = demo_text(Lang::Ru);
        let (first, last, ..) = ru.person(1, 0);
        let female = ru.first_names[1].1 == "f";
        assert_eq!(last, if female { &ru.last_names[0].1 } else { &ru.last_names[0].0 }, "{first} {last}");
    }
}
