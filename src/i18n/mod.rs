//! The four languages the product speaks, and the place each request speaks from.
//!
//! Messages live in `locales/<lang>.ftl`; `build.rs` checks them and turns them into the
//! functions of [`crate::text`] and a table per language. The server holds all four tables;
//! the browser holds one: the page names its language, time zone and offsets
//! ([`page_locale_json`]) and its loader fetches that language's table (an immutable,
//! cacheable file, [`table_url`]) beside the WebAssembly; `hydrate` reads both before anything
//! renders, so the server render and the hydrated page always speak the same language and show
//! the same times (docs/LANGUAGES.md).

pub mod format;
#[cfg(test)]
mod ftl;
pub mod tz;

use serde::{Deserialize, Serialize};
use std::sync::Arc;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    #[serde(rename = "en")]
    En,
    #[serde(rename = "ru")]
    Ru,
    #[serde(rename = "pt")]
    Pt,
    #[serde(rename = "it")]
    It,
}

impl Lang {
    pub const ALL: [Lang; 4] = [Lang::En, Lang::Ru, Lang::Pt, Lang::It];

    /// The code stored for a user and in the configuration.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
            Lang::Pt => "pt",
            Lang::It => "it",
        }
    }

    /// The page's `<html lang>`.
    pub fn html_lang(self) -> &'static str {
        match self {
            Lang::Pt => "pt-BR",
            l => l.code(),
        }
    }

    /// The language's own name, as its speakers look for it in a list.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Ru => "Русский",
            Lang::Pt => "Português (Brasil)",
            Lang::It => "Italiano",
        }
    }

    /// `ru`, `ru-RU`, `pt_BR`, `IT`: the language, whatever the region.
    pub fn from_code(s: &str) -> Option<Lang> {
        let primary = s.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// The language a browser's `Accept-Language` prefers most among ours.
    pub fn negotiate(accept_language: &str) -> Option<Lang> {
        let mut best: Option<(f32, usize, Lang)> = None;
        for (order, item) in accept_language.split(',').enumerate() {
            let mut parts = item.split(';');
            let Some(lang) = parts.next().and_then(Lang::from_code) else { continue };
            let q = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())
                .filter(|q| *q > 0.0 && *q <= 1.0);
            let Some(q) = q else { continue };
            if best.is_none_or(|(bq, bo, _)| q > bq || (q == bq && order < bo)) {
                best = Some((q, order, lang));
            }
        }
        best.map(|(_, _, l)| l)
    }

    /// The plural category (CLDR, integers) of `n` in this language, the variant key a message
    /// selects on.
    pub fn plural(self, n: i64) -> &'static str {
        let n = n.unsigned_abs();
        match self {
            Lang::En | Lang::It if n == 1 => "one",
            Lang::En | Lang::It => "other",
            Lang::Pt if n <= 1 => "one",
            Lang::Pt => "other",
            Lang::Ru => match (n % 10, n % 100) {
                (1, r) if r != 11 => "one",
                (2..=4, r) if !(12..=14).contains(&r) => "few",
                _ => "many",
            },
        }
    }
}

/// Where and how a request's person reads: their language, their time zone and the offsets of
/// that zone (so that a time shows the same on the server and in the browser).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Locale {
    pub lang: Lang,
    /// An IANA name (`Europe/Moscow`), or `UTC`.
    pub tz: String,
    pub offsets: tz::Offsets,
}

/// Text as search compares it: lower case by Unicode rules (Cyrillic too), accents off Latin
/// letters (`São` → `sao`, `perché` → `perche`) and `ё` as `е`, so people find what they type
/// without the accents and letters their keyboard makes awkward.
pub fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
            'ç' | 'ć' | 'č' => 'c',
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' => 'i',
            'ñ' | 'ń' | 'ň' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
            'ý' | 'ÿ' => 'y',
            'ś' | 'š' => 's',
            'ź' | 'ż' | 'ž' => 'z',
            'ё' => 'е',
            c => c,
        })
        .collect()
}

/// Sorts `items` by name as people read a list: case and accents do not split the order
/// (`ábaco`, `Abel`, `avião`; `Ёлкин` beside `Елин`), ties by the name as written. Databases
/// compare bytes (SQLite) or their own collation (PostgreSQL), so lists sort here, the same on both.
pub fn sort_by_name<T>(items: &mut [T], name: impl Fn(&T) -> &str) {
    items.sort_by_cached_key(|t| (fold(name(t)), name(t).to_string()));
}

// --- the messages --------------------------------------------------------------------------

/// A message argument.
pub enum Arg<'a> {
    /// A count: selects the plural form, shown in the locale's digits.
    Num(i64),
    Show(&'a dyn std::fmt::Display),
}

/// A number a message counts (selects its plural form by).
pub trait Count {
    fn count(self) -> i64;
}

macro_rules! count {
    ($($t:ty),*) => {$(
        impl Count for $t {
            fn count(self) -> i64 {
                i64::try_from(self).unwrap_or(i64::MAX)
            }
        }
    )*};
}
count!(i64, i32, u32, u64, usize);

/// One piece of a message, as `build.rs` writes the tables.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(untagged)]
pub enum Part {
    Text(String),
    Var { v: usize },
    Select { s: usize, o: Vec<(String, Vec<Part>)>, d: usize },
}

/// Every message of one language, in the order of `en.ftl`.
pub type Catalog = Vec<Vec<Part>>;

/// The text of a message without arguments.
pub fn text(i: usize) -> &'static str {
    match catalog().get(i).map(Vec::as_slice) {
        Some([Part::Text(t)]) => t,
        _ => "",
    }
}

/// A message with its arguments put in.
pub fn format(i: usize, args: &[Arg]) -> String {
    let mut out = String::new();
    if let Some(parts) = catalog().get(i) {
        write_parts(&mut out, parts, args, lang());
    }
    out
}

fn write_parts(out: &mut String, parts: &[Part], args: &[Arg], lang: Lang) {
    use std::fmt::Write as _;
    for p in parts {
        match p {
            Part::Text(t) => out.push_str(t),
            Part::Var { v } => match args.get(*v) {
                Some(Arg::Num(n)) => out.push_str(&format::integer(*n, lang)),
                Some(Arg::Show(s)) => {
                    let _ = write!(out, "{s}");
                }
                None => {}
            },
            Part::Select { s, o, d } => {
                let chosen = match args.get(*s) {
                    Some(Arg::Num(n)) => {
                        let exact = n.to_string();
                        o.iter().find(|(k, _)| *k == exact).or_else(|| o.iter().find(|(k, _)| k == lang.plural(*n)))
                    }
                    _ => None,
                };
                if let Some((_, pattern)) = chosen.or_else(|| o.get(*d)) {
                    write_parts(out, pattern, args, lang);
                }
            }
        }
    }
}

// --- where the current request's locale comes from ------------------------------------------

/// The current language (asked for every message: the request's, without touching the locale's
/// reference count, when there is one).
pub fn lang() -> Lang {
    #[cfg(feature = "ssr")]
    if let Ok(lang) = current_ssr::REQUEST.try_with(|l| l.lang) {
        return lang;
    }
    current().lang
}

#[cfg(feature = "ssr")]
mod current_ssr {
    use super::*;
    use std::sync::LazyLock;

    fn parse(json: &str) -> Catalog {
        serde_json::from_str(json).expect("build.rs writes valid message tables")
    }

    pub const TABLES: [&str; 4] = [
        include_str!(concat!(env!("OUT_DIR"), "/en.json")),
        include_str!(concat!(env!("OUT_DIR"), "/ru.json")),
        include_str!(concat!(env!("OUT_DIR"), "/pt.json")),
        include_str!(concat!(env!("OUT_DIR"), "/it.json")),
    ];

    pub static CATALOGS: [LazyLock<Catalog>; 4] = [
        LazyLock::new(|| parse(TABLES[0])),
        LazyLock::new(|| parse(TABLES[1])),
        LazyLock::new(|| parse(TABLES[2])),
        LazyLock::new(|| parse(TABLES[3])),
    ];

    fn parse_seed(json: &str) -> std::collections::HashMap<String, String> {
        serde_json::from_str(json).expect("build.rs writes valid seed tables")
    }

    pub static SEEDS: [LazyLock<std::collections::HashMap<String, String>>; 4] = [
        LazyLock::new(|| parse_seed(include_str!(concat!(env!("OUT_DIR"), "/seed_en.json")))),
        LazyLock::new(|| parse_seed(include_str!(concat!(env!("OUT_DIR"), "/seed_ru.json")))),
        LazyLock::new(|| parse_seed(include_str!(concat!(env!("OUT_DIR"), "/seed_pt.json")))),
        LazyLock::new(|| parse_seed(include_str!(concat!(env!("OUT_DIR"), "/seed_it.json")))),
    ];

    tokio::task_local! {
        /// The locale of the request being handled (set by `http::locale_of_request`).
        pub static REQUEST: Arc<Locale>;
    }

    pub static DEFAULT: LazyLock<Arc<Locale>> = LazyLock::new(|| Arc::new(Locale::default()));
}

#[cfg(feature = "ssr")]
pub use current_ssr::REQUEST;

/// The locale of the request being served: the request's (server functions and plain handlers,
/// or [`with_lang`]), the page's (a context the app provides while it renders), else English in
/// UTC.
#[cfg(feature = "ssr")]
pub fn current() -> Arc<Locale> {
    use leptos::prelude::use_context;
    if let Ok(l) = current_ssr::REQUEST.try_with(Arc::clone) {
        return l;
    }
    if let Some(l) = use_context::<Arc<Locale>>() {
        return l;
    }
    if let Some(l) = use_context::<http::request::Parts>().and_then(|p| p.extensions.get::<Arc<Locale>>().cloned()) {
        return l;
    }
    current_ssr::DEFAULT.clone()
}

#[cfg(feature = "ssr")]
fn catalog() -> &'static Catalog {
    &current_ssr::CATALOGS[lang() as usize]
}

/// Runs `f` speaking `lang` (the server's seed data, a comparison across languages).
#[cfg(feature = "ssr")]
pub fn with_lang<R>(lang: Lang, f: impl FnOnce() -> R) -> R {
    current_ssr::REQUEST.sync_scope(locale_for(lang, None), f)
}

/// A locale for `lang` and the time zone `tz` (UTC if the database does not know it), its
/// offsets worked out once per zone.
#[cfg(feature = "ssr")]
pub fn locale_for(lang: Lang, tz: Option<&str>) -> Arc<Locale> {
    use std::collections::HashMap;
    use std::sync::Mutex;
    type Cache = HashMap<String, [Option<Arc<Locale>>; 4]>;
    static CACHE: Mutex<Option<Cache>> = Mutex::new(None);
    let tz = tz.filter(|t| !t.is_empty()).unwrap_or("UTC");
    let mut guard = CACHE.lock().unwrap_or_else(|e| e.into_inner());
    let cache = guard.get_or_insert_with(HashMap::new);
    if let Some(l) = cache.get(tz).and_then(|per_lang| per_lang[lang as usize].clone()) {
        return l;
    }
    let (name, offsets) = match (tz != "UTC").then(|| tz::offsets_of(tz)).flatten() {
        Some(o) => (tz.to_string(), o),
        None => ("UTC".to_string(), tz::Offsets::default()),
    };
    let locale = Arc::new(Locale { lang, tz: name, offsets });
    if cache.len() < 4096 {
        cache.entry(tz.to_string()).or_default()[lang as usize] = Some(locale.clone());
    }
    locale
}

/// A text of the seed catalogue (`locales/seed/<lang>.ftl`) in `lang`; `None` for a key it does
/// not have.
#[cfg(feature = "ssr")]
pub fn seed_in(lang: Lang, key: &str) -> Option<&'static str> {
    current_ssr::SEEDS[lang as usize].get(key).map(String::as_str)
}

/// A text of the seed catalogue in the current language.
#[cfg(feature = "ssr")]
pub fn seed(key: &str) -> Option<&'static str> {
    seed_in(lang(), key)
}

/// What to show for a catalogue text that may still be as the installation seeded it: if
/// `stored` is the seeded text of `key` in any language, the reader's language; otherwise
/// `stored`, as an admin typed it.
#[cfg(feature = "ssr")]
pub fn shown_seed(key: &str, stored: &str) -> Option<&'static str> {
    let seeded = Lang::ALL.into_iter().any(|l| seed_in(l, key) == Some(stored));
    if seeded {
        seed(key)
    } else {
        None
    }
}

/// A language's message table, as the page carries it.
#[cfg(feature = "ssr")]
pub fn table_json(lang: Lang) -> &'static str {
    current_ssr::TABLES[lang as usize]
}

/// Where the browser fetches a language's table: `/i18n/ru-<hash>.json`, the hash of its
/// content, so a browser keeps it for good and a new build's table has a new address.
#[cfg(feature = "ssr")]
pub fn table_url(lang: Lang) -> &'static str {
    use std::sync::LazyLock;
    fn url(lang: Lang) -> String {
        // FNV-1a: stable across builds and platforms, unlike std's hasher.
        let hash = table_json(lang)
            .bytes()
            .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3));
        format!("/i18n/{}-{hash:016x}.json", lang.code())
    }
    static URLS: [LazyLock<String>; 4] = [
        LazyLock::new(|| url(Lang::En)),
        LazyLock::new(|| url(Lang::Ru)),
        LazyLock::new(|| url(Lang::Pt)),
        LazyLock::new(|| url(Lang::It)),
    ];
    &URLS[lang as usize]
}

/// The table a [`table_url`] names, if it names one of this build's.
#[cfg(feature = "ssr")]
pub fn table_at(path: &str) -> Option<&'static str> {
    Lang::ALL.into_iter().find(|l| table_url(*l) == path).map(table_json)
}

/// What the page carries for the browser: its locale (language, time zone, offsets), as JSON
/// safe inside `<script type="application/json">`. The messages come from [`table_url`].
#[cfg(feature = "ssr")]
pub fn page_locale_json(locale: &Locale) -> String {
    serde_json::to_string(locale).unwrap_or_default().replace('<', "\\u003c")
}

// The browser: one locale, read from the page once, before hydration.
#[cfg(not(feature = "ssr"))]
static PAGE: std::sync::OnceLock<(Arc<Locale>, Catalog)> = std::sync::OnceLock::new();

/// Takes in the page's locale ([`page_locale_json`]) and its language's table ([`table_url`]);
/// false if either cannot be read.
#[cfg(not(feature = "ssr"))]
pub fn load_page_locale(locale: &str, table: &str) -> bool {
    match (serde_json::from_str::<Locale>(locale), serde_json::from_str::<Catalog>(table)) {
        (Ok(locale), Ok(table)) => PAGE.set((Arc::new(locale), table)).is_ok(),
        _ => false,
    }
}

#[cfg(not(feature = "ssr"))]
pub fn current() -> Arc<Locale> {
    PAGE.get().map(|(l, _)| l.clone()).unwrap_or_default()
}

#[cfg(not(feature = "ssr"))]
fn catalog() -> &'static Catalog {
    static EMPTY: Catalog = Vec::new();
    PAGE.get().map(|(_, c)| c).unwrap_or(&EMPTY)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed step should stop the test right there
mod tests {
    use super::*;

    #[test]
    fn plural_forms_follow_each_language() {
        let ru: Vec<_> = [0, 1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111, 1001].map(|n| Lang::Ru.plural(n)).into();
        assert_eq!(
            ru,
            ["many", "one", "few", "few", "many", "many", "many", "many", "one", "few", "many", "one", "many", "one"]
        );
        assert_eq!([0, 1, 2].map(|n| Lang::En.plural(n)), ["other", "one", "other"]);
        assert_eq!([0, 1, 2].map(|n| Lang::Pt.plural(n)), ["one", "one", "other"]);
        assert_eq!([0, 1, 2].map(|n| Lang::It.plural(n)), ["other", "one", "other"]);
    }

    #[test]
    fn search_folds_case_and_accents_in_every_language() {
        assert_eq!(fold("São Paulo PERCHÉ"), "sao paulo perche");
        assert_eq!(fold("ЁЛКА Сделка"), "елка сделка");
        assert_eq!(fold("Straße"), "straße");
        let mut names = vec!["avião", "Zoe", "Abel", "ábaco", "Ёлкин", "елин", "Ельцов"];
        sort_by_name(&mut names, |n| n);
        assert_eq!(names, ["ábaco", "Abel", "avião", "Zoe", "елин", "Ёлкин", "Ельцов"]);
    }

    #[test]
    fn the_browser_language_is_the_one_it_prefers_most() {
        assert_eq!(Lang::negotiate("ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7"), Some(Lang::Ru));
        assert_eq!(Lang::negotiate("de-DE,de;q=0.9,it;q=0.5,pt-BR;q=0.6"), Some(Lang::Pt));
        assert_eq!(Lang::negotiate("fr, en;q=0"), None);
        assert_eq!(Lang::negotiate("it;q=0.8, en;q=0.8"), Some(Lang::It));
        assert_eq!(Lang::negotiate(""), None);
        assert_eq!(Lang::from_code("pt_BR"), Some(Lang::Pt));
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn the_page_carries_the_locale_and_one_language_as_the_browser_reads_them() {
        let locale = locale_for(Lang::Ru, Some("Europe/Rome"));
        let json = page_locale_json(&locale);
        assert!(!json.contains('<'), "safe inside <script>");
        let page: Locale = serde_json::from_str(&json).unwrap();
        assert_eq!(page, *locale);
        assert!(page.offsets.changes.len() > 50, "Rome changes its clocks twice a year");
        let url = table_url(Lang::Ru);
        assert!(url.starts_with("/i18n/ru-") && url.ends_with(".json"), "{url}");
        let table: Catalog = serde_json::from_str(table_at(url).unwrap()).unwrap();
        assert_eq!(table.len(), crate::text::MESSAGE_COUNT);
        assert!(table_at(url).unwrap().contains("Войти"), "Russian, and only Russian");
        assert!(!table_at(url).unwrap().contains("\"Sign out\""));
        assert_eq!(table_at("/i18n/ru-0.json"), None);
        assert_ne!(table_url(Lang::Ru), table_url(Lang::It));
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn every_language_table_has_every_message_and_selects_plurals() {
        for lang in Lang::ALL {
            let table: Catalog = serde_json::from_str(table_json(lang)).unwrap();
            assert_eq!(table.len(), crate::text::MESSAGE_COUNT, "{lang:?}");
            let locale = Arc::new(Locale { lang, ..Locale::default() });
            let chosen = REQUEST.sync_scope(locale, || [1, 2, 5].map(crate::text::items_chosen));
            assert!(chosen.iter().all(|s| !s.is_empty() && !s.contains('{')), "{chosen:?}");
            if lang == Lang::Ru {
                assert_eq!(chosen.iter().collect::<std::collections::BTreeSet<_>>().len(), 3, "{chosen:?}");
            }
        }
    }
}
