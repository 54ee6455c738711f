//! Field values: parsing what a person typed into a typed value, and showing a value as text.
//! The same code runs on the server (the authority) and in the browser (instant feedback).

use super::field::{FieldDef, FieldType};
use super::EntityType;
use crate::i18n::{format, lang};
use crate::text;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// An item's values by field code. An absent key is an empty field.
pub type Values = BTreeMap<String, Value>;

/// Longest one-line string, multi-line text and URL a field accepts.
pub const MAX_LINE: usize = 255;
pub const MAX_TEXT: usize = 10_000;
pub const MAX_URL: usize = 2_000;
/// Most entries a multiple field holds.
pub const MAX_ENTRIES: usize = 50;

/// Currencies a money field accepts; all have two minor digits.
pub const CURRENCIES: [&str; 9] = ["USD", "EUR", "RUB", "BRL", "GBP", "CHF", "KZT", "CNY", "PLN"];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ItemRef {
    pub entity: EntityType,
    pub id: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    #[serde(default)]
    pub street: String,
    #[serde(default)]
    pub city: String,
    #[serde(default)]
    pub region: String,
    #[serde(default)]
    pub postcode: String,
    #[serde(default)]
    pub country: String,
}

impl Address {
    fn parts(&self) -> [&str; 5] {
        [&self.street, &self.city, &self.region, &self.postcode, &self.country]
    }
}

/// A stored file a file field points to. The name and size are copied into the value so that
/// the card, the timeline and the History show them without another query.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRef {
    pub id: i64,
    pub name: String,
    pub size: i64,
}

impl FileRef {
    pub fn href(&self) -> String {
        format!("/files/{}", self.id)
    }
}

/// A resource (an option of the field) booked from `start` to `end` (`YYYY-MM-DDTHH:MM`,
/// company local time, `start` < `end`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Booking {
    pub resource: String,
    pub start: String,
    pub end: String,
}

impl Booking {
    /// Two bookings of one resource that share any minute. The fixed-width time format orders
    /// as text, so the database compares the same way.
    pub fn overlaps(&self, other: &Booking) -> bool {
        self.resource == other.resource && self.start < other.end && other.start < self.end
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "t", content = "v", rename_all = "snake_case")]
pub enum Value {
    /// string, URL, email, phone
    Text(String),
    Integer(i64),
    Number(f64),
    Bool(bool),
    /// `YYYY-MM-DD`
    Date(String),
    /// `YYYY-MM-DDTHH:MM`, the company's local time
    DateTime(String),
    /// Amount in minor units (cents).
    Money {
        minor: i64,
        currency: String,
    },
    Address(Address),
    /// The id of a list option.
    Option(String),
    User(i64),
    Item(ItemRef),
    File(FileRef),
    Booking(Booking),
    Many(Vec<Value>),
}

impl Value {
    pub fn is_empty(&self) -> bool {
        match self {
            Value::Text(s) => s.trim().is_empty(),
            Value::Many(v) => v.is_empty(),
            _ => false,
        }
    }

    /// The entries of a multiple value, or the value itself.
    pub fn entries(&self) -> &[Value] {
        match self {
            Value::Many(v) => v,
            other => std::slice::from_ref(other),
        }
    }

    /// What an input shows when this value is edited.
    pub fn to_input(&self) -> FieldInput {
        match self {
            Value::Many(v) => FieldInput::Many(v.iter().map(Value::to_input).collect()),
            Value::Money { minor, currency } => {
                FieldInput::Money { amount: format::minor(*minor, lang(), false), currency: currency.clone() }
            }
            Value::Address(a) => FieldInput::Address(a.clone()),
            Value::DateTime(s) => FieldInput::Text(local_datetime(s)),
            Value::Text(s) | Value::Date(s) | Value::Option(s) => FieldInput::Text(s.clone()),
            Value::Integer(i) => FieldInput::Text(i.to_string()),
            Value::Number(n) => FieldInput::Text(format::decimal(*n, lang(), false)),
            Value::Bool(b) => FieldInput::Text(if *b { "yes" } else { "no" }.into()),
            Value::User(id) => FieldInput::Text(id.to_string()),
            Value::Item(r) => FieldInput::Text(format!("{}:{}", r.entity, r.id)),
            Value::File(f) => FieldInput::Text(f.id.to_string()),
            Value::Booking(b) => FieldInput::Booking(b.clone()),
        }
    }
}

/// What an edit form sends for one field: the raw text typed, never trusted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "t", content = "v", rename_all = "snake_case")]
pub enum FieldInput {
    Text(String),
    Money { amount: String, currency: String },
    Address(Address),
    Booking(Booking),
    Many(Vec<FieldInput>),
}

impl FieldInput {
    /// An empty input for a field, as a new item's form starts.
    pub fn empty_for(def: &FieldDef) -> FieldInput {
        let single = match def.field_type {
            FieldType::Money => FieldInput::Money {
                amount: String::new(),
                currency: def.settings.default_currency.clone().unwrap_or_else(|| CURRENCIES[0].to_string()),
            },
            FieldType::Address => FieldInput::Address(Address::default()),
            FieldType::Booking => FieldInput::Booking(Booking::default()),
            _ => FieldInput::Text(String::new()),
        };
        if def.multiple {
            FieldInput::Many(vec![single])
        } else {
            single
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum ValueError {
    #[error("too long")]
    TooLong { max: usize },
    #[error("too many entries")]
    TooManyEntries { max: usize },
    #[error("not a whole number")]
    NotInteger,
    #[error("not a number")]
    NotNumber,
    #[error("not a date")]
    NotDate,
    #[error("not a date and time")]
    NotDateTime,
    #[error("not an amount")]
    NotAmount,
    #[error("unknown currency")]
    UnknownCurrency,
    #[error("not a web address")]
    NotUrl,
    #[error("not an email address")]
    NotEmail,
    #[error("not a phone number")]
    NotPhone,
    #[error("not one of the options")]
    UnknownOption,
    #[error("unknown user or item")]
    UnknownReference,
    #[error("not yes or no")]
    NotYesNo,
    #[error("wrong kind of input")]
    WrongInput,
    #[error("required")]
    Required,
    #[error("the end is not after the start")]
    EndBeforeStart,
    #[error("the resource is already booked then")]
    AlreadyBooked,
    #[error("not a file")]
    UnknownFile,
}

impl ValueError {
    /// The message shown beside the field.
    pub fn message(&self) -> String {
        match self {
            ValueError::TooLong { max } => text::err_too_long(*max),
            ValueError::TooManyEntries { max } => text::err_too_many_entries(*max),
            ValueError::NotInteger => text::err_not_integer().into(),
            ValueError::NotNumber => text::err_not_number().into(),
            ValueError::NotDate => text::err_not_date().into(),
            ValueError::NotDateTime => text::err_not_datetime().into(),
            ValueError::NotAmount => text::err_not_amount().into(),
            ValueError::UnknownCurrency => text::err_unknown_currency().into(),
            ValueError::NotUrl => text::err_not_url().into(),
            ValueError::NotEmail => text::err_not_email().into(),
            ValueError::NotPhone => text::err_not_phone().into(),
            ValueError::UnknownOption => text::err_unknown_option().into(),
            ValueError::UnknownReference => text::err_unknown_reference().into(),
            ValueError::NotYesNo => text::err_not_yes_no().into(),
            ValueError::WrongInput => text::err_wrong_input().into(),
            ValueError::Required => text::err_required().into(),
            ValueError::EndBeforeStart => text::err_end_before_start().into(),
            ValueError::AlreadyBooked => text::err_already_booked().into(),
            ValueError::UnknownFile => text::err_unknown_file().into(),
        }
    }
}

/// Parses what was typed for `def`. `Ok(None)` is an empty field.
pub fn parse(def: &FieldDef, input: &FieldInput) -> Result<Option<Value>, ValueError> {
    if !def.multiple {
        return parse_single(def, input);
    }
    let entries: &[FieldInput] = match input {
        FieldInput::Many(v) => v,
        single => std::slice::from_ref(single),
    };
    if entries.len() > MAX_ENTRIES {
        return Err(ValueError::TooManyEntries { max: MAX_ENTRIES });
    }
    let mut out: Vec<Value> = Vec::new();
    for entry in entries {
        if let Some(v) = parse_single(def, entry)? {
            if let Value::Booking(b) = &v {
                if out.iter().any(|o| matches!(o, Value::Booking(ob) if ob.overlaps(b) && ob != b)) {
                    return Err(ValueError::AlreadyBooked);
                }
            }
            if !out.contains(&v) {
                out.push(v);
            }
        }
    }
    Ok((!out.is_empty()).then_some(Value::Many(out)))
}

fn parse_single(def: &FieldDef, input: &FieldInput) -> Result<Option<Value>, ValueError> {
    match (def.field_type, input) {
        (FieldType::Money, FieldInput::Money { amount, currency }) => parse_money(amount, currency),
        (FieldType::Address, FieldInput::Address(a)) => parse_address(a),
        (FieldType::Booking, FieldInput::Booking(b)) => parse_booking(def, b),
        (FieldType::Money | FieldType::Address | FieldType::Booking, _) => Err(ValueError::WrongInput),
        (_, FieldInput::Text(raw)) => {
            let s =
                if def.field_type == FieldType::String && def.settings.multiline { raw.trim_end() } else { raw.trim() };
            if s.is_empty() {
                return Ok(None);
            }
            parse_text(def, s).map(Some)
        }
        _ => Err(ValueError::WrongInput),
    }
}

fn parse_text(def: &FieldDef, s: &str) -> Result<Value, ValueError> {
    let max_len = |max: usize| {
        if s.chars().count() > max {
            Err(ValueError::TooLong { max })
        } else {
            Ok(())
        }
    };
    match def.field_type {
        FieldType::String => {
            let max = if def.settings.multiline { MAX_TEXT } else { MAX_LINE };
            max_len(max)?;
            let clean: String = if def.settings.multiline {
                s.chars().filter(|c| !c.is_control() || *c == '\n' || *c == '\t').collect()
            } else {
                s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
            };
            Ok(Value::Text(clean))
        }
        FieldType::Integer => format::normalize_number(s, lang())
            .filter(|n| !n.contains('.'))
            .and_then(|n| n.parse::<i64>().ok())
            .map(Value::Integer)
            .ok_or(ValueError::NotInteger),
        FieldType::Number => match format::normalize_number(s, lang()).map(|n| n.parse::<f64>()) {
            Some(Ok(n)) if n.is_finite() => Ok(Value::Number(n)),
            _ => Err(ValueError::NotNumber),
        },
        FieldType::Boolean => {
            let s = s.to_lowercase();
            match s.as_str() {
                "yes" | "y" | "true" | "1" | "on" => Ok(Value::Bool(true)),
                "no" | "n" | "false" | "0" | "off" => Ok(Value::Bool(false)),
                w if w == text::yes().to_lowercase() => Ok(Value::Bool(true)),
                w if w == text::no().to_lowercase() => Ok(Value::Bool(false)),
                _ => Err(ValueError::NotYesNo),
            }
        }
        FieldType::Date => format::parse_date(s, lang())
            .as_deref()
            .and_then(|iso| NaiveDate::parse_from_str(iso, "%Y-%m-%d").ok())
            .filter(|d| (1000..=9999).contains(&chrono::Datelike::year(d)))
            .map(|d| Value::Date(d.format("%Y-%m-%d").to_string()))
            .ok_or(ValueError::NotDate),
        FieldType::DateTime => stored_datetime(s).map(Value::DateTime).ok_or(ValueError::NotDateTime),
        FieldType::Url => {
            max_len(MAX_URL)?;
            parse_url(s).map(Value::Text)
        }
        FieldType::Email => {
            max_len(254)?;
            parse_email(s).map(Value::Text)
        }
        FieldType::Phone => {
            max_len(40)?;
            parse_phone(s).map(Value::Text)
        }
        FieldType::List => def
            .settings
            .options
            .iter()
            .find(|o| o.id == s)
            .map(|o| Value::Option(o.id.clone()))
            .ok_or(ValueError::UnknownOption),
        FieldType::User => {
            s.parse::<i64>().ok().filter(|id| *id > 0).map(Value::User).ok_or(ValueError::UnknownReference)
        }
        FieldType::CrmItem => {
            let (entity, id) = s.split_once(':').ok_or(ValueError::UnknownReference)?;
            let entity: EntityType = entity.parse().map_err(|_| ValueError::UnknownReference)?;
            let id: i64 = id.parse().map_err(|_| ValueError::UnknownReference)?;
            let allowed = def.settings.item_types.is_empty() || def.settings.item_types.contains(&entity);
            if !allowed || id <= 0 {
                return Err(ValueError::UnknownReference);
            }
            Ok(Value::Item(ItemRef { entity, id }))
        }
        FieldType::File => s
            .parse::<i64>()
            .ok()
            .filter(|id| *id > 0)
            .map(|id| Value::File(FileRef { id, name: String::new(), size: 0 }))
            .ok_or(ValueError::UnknownFile),
        FieldType::Money | FieldType::Address | FieldType::Booking => Err(ValueError::WrongInput),
    }
}

/// A date and time as typed (the reader's wall clock, as a `datetime-local` input sends it) kept
/// as the instant it names, in UTC: `2026-12-07T14:30Z`. One typed with `Z` is UTC already.
fn stored_datetime(s: &str) -> Option<String> {
    let s = s.trim();
    if let Some(utc) = s.strip_suffix('Z') {
        return parse_datetime(utc).map(|t| format!("{t}Z"));
    }
    let local = parse_datetime(s)?;
    let ms = crate::i18n::current().offsets.instant(&local)?;
    chrono::DateTime::from_timestamp_millis(ms).map(|t| t.format("%Y-%m-%dT%H:%MZ").to_string())
}

/// A stored date and time on the reader's wall clock (`YYYY-MM-DDTHH:MM`). Values from before
/// times were kept in UTC (no `Z`) are wall-clock times already and stay as they are.
pub fn local_datetime(stored: &str) -> String {
    let Some(utc) = stored.strip_suffix('Z') else { return stored.to_string() };
    match chrono::NaiveDateTime::parse_from_str(utc, "%Y-%m-%dT%H:%M") {
        Ok(t) => crate::i18n::current().offsets.local(t.and_utc().timestamp_millis()),
        Err(_) => stored.to_string(),
    }
}

fn parse_datetime(s: &str) -> Option<String> {
    ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s.trim(), f).ok())
        .filter(|d| (1000..=9999).contains(&chrono::Datelike::year(d)))
        .map(|d| d.format("%Y-%m-%dT%H:%M").to_string())
}

/// A booking needs a resource of the field and a start before its end; all three blank is an
/// empty field.
fn parse_booking(def: &FieldDef, b: &Booking) -> Result<Option<Value>, ValueError> {
    let (resource, start, end) = (b.resource.trim(), b.start.trim(), b.end.trim());
    if resource.is_empty() && start.is_empty() && end.is_empty() {
        return Ok(None);
    }
    if !def.settings.options.iter().any(|o| o.id == resource) {
        return Err(ValueError::UnknownOption);
    }
    let start = parse_datetime(start).ok_or(ValueError::NotDateTime)?;
    let end = parse_datetime(end).ok_or(ValueError::NotDateTime)?;
    if end <= start {
        return Err(ValueError::EndBeforeStart);
    }
    Ok(Some(Value::Booking(Booking { resource: resource.to_string(), start, end })))
}

fn parse_money(amount: &str, currency: &str) -> Result<Option<Value>, ValueError> {
    let amount = amount.trim();
    if amount.is_empty() {
        return Ok(None);
    }
    let currency = currency.trim().to_uppercase();
    if !CURRENCIES.contains(&currency.as_str()) {
        return Err(ValueError::UnknownCurrency);
    }
    let minor = parse_minor(amount).ok_or(ValueError::NotAmount)?;
    Ok(Some(Value::Money { minor, currency }))
}

/// `"12 500,5"` → 1_250_050: an amount as the reader's language writes it
/// ([`format::normalize_number`]), with at most two decimals.
fn parse_minor(s: &str) -> Option<i64> {
    let n = format::normalize_number(s, lang())?;
    let (negative, body) = match n.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, n.as_str()),
    };
    let (whole, frac) = body.split_once('.').unwrap_or((body, ""));
    if frac.len() > 2 {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let cents: i64 = match frac.len() {
        0 => 0,
        1 => frac.parse::<i64>().ok()? * 10,
        _ => frac.parse().ok()?,
    };
    let minor = whole.checked_mul(100)?.checked_add(cents)?;
    Some(if negative { -minor } else { minor })
}

fn parse_address(a: &Address) -> Result<Option<Value>, ValueError> {
    let trimmed = Address {
        street: a.street.trim().to_string(),
        city: a.city.trim().to_string(),
        region: a.region.trim().to_string(),
        postcode: a.postcode.trim().to_string(),
        country: a.country.trim().to_string(),
    };
    if trimmed.parts().iter().any(|p| p.chars().count() > MAX_LINE) {
        return Err(ValueError::TooLong { max: MAX_LINE });
    }
    if trimmed.parts().iter().all(|p| p.is_empty()) {
        return Ok(None);
    }
    Ok(Some(Value::Address(trimmed)))
}

/// Accepts `http(s)://host/...`; a bare `example.com/x` becomes `https://example.com/x`.
/// Any other scheme (`javascript:`, `data:`) is refused, so a stored URL is always safe as a link.
fn parse_url(s: &str) -> Result<String, ValueError> {
    let lower = s.to_lowercase();
    let with_scheme = if lower.starts_with("http://") || lower.starts_with("https://") {
        s.to_string()
    } else if lower.contains("://") || lower.contains(':') && !lower.contains('.') {
        return Err(ValueError::NotUrl);
    } else {
        format!("https://{s}")
    };
    let rest = with_scheme.split_once("://").map(|(_, r)| r).unwrap_or_default();
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_name = host.rsplit_once('@').map(|(_, h)| h).unwrap_or(host);
    let host_name = host_name.split(':').next().unwrap_or_default();
    let host_ok = !host_name.is_empty()
        && (host_name.contains('.') || host_name == "localhost")
        && host_name.chars().all(|c| c.is_alphanumeric() || c == '.' || c == '-');
    if !host_ok || with_scheme.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(ValueError::NotUrl);
    }
    Ok(with_scheme)
}

fn parse_email(s: &str) -> Result<String, ValueError> {
    let (local, domain) = s.rsplit_once('@').ok_or(ValueError::NotEmail)?;
    let ok = !local.is_empty()
        && !local.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && s.chars().all(|c| !c.is_whitespace() && !c.is_control() && !"<>()[],;:\"".contains(c));
    if ok {
        Ok(format!("{local}@{}", domain.to_lowercase()))
    } else {
        Err(ValueError::NotEmail)
    }
}

fn parse_phone(s: &str) -> Result<String, ValueError> {
    let allowed = s.chars().all(|c| c.is_ascii_digit() || " +-().".contains(c));
    let digits = s.chars().filter(|c| c.is_ascii_digit()).count();
    let plus_ok = s.rfind('+').is_none_or(|p| p == 0);
    if allowed && plus_ok && (5..=20).contains(&digits) {
        Ok(s.to_string())
    } else {
        Err(ValueError::NotPhone)
    }
}

/// Names that values point to, sent with a card so that it can show them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Names {
    pub users: BTreeMap<i64, String>,
    pub items: BTreeMap<i64, String>,
}

/// A value as text for a person to read. Pure and deterministic: the server render and the
/// hydrated browser must produce the same text.
pub fn display(def: &FieldDef, value: &Value, names: &Names) -> String {
    match value {
        Value::Many(v) => v.iter().map(|e| display(def, e, names)).collect::<Vec<_>>().join(", "),
        Value::Text(s) => s.clone(),
        Value::Date(s) => format::date(s, lang()),
        Value::DateTime(s) => format::datetime(&local_datetime(s), lang()),
        Value::Integer(i) => format::integer(*i, lang()),
        Value::Number(n) => format::decimal(*n, lang(), true),
        Value::Bool(b) => text::yes_no(*b).into(),
        Value::Money { minor, currency } => format::money(*minor, currency, lang()),
        Value::Address(a) => a.parts().into_iter().filter(|p| !p.is_empty()).collect::<Vec<_>>().join(", "),
        Value::Option(id) => def.option_label(id).unwrap_or(id).to_string(),
        Value::User(id) => names.users.get(id).cloned().unwrap_or_else(|| format!("#{id}")),
        Value::Item(r) => names.items.get(&r.id).cloned().unwrap_or_else(|| format!("#{}", r.id)),
        Value::File(f) => format!("{} ({})", f.name, format_size(f.size)),
        Value::Booking(b) => {
            let resource = def.option_label(&b.resource).unwrap_or(&b.resource);
            let (start_day, end_day) = (b.start.get(..10), b.end.get(..10));
            let end = match b.end.get(11..16) {
                Some(t) if start_day == end_day => format::time(t, lang()),
                _ => format::datetime(&b.end, lang()),
            };
            format!("{resource}: {}–{end}", format::datetime(&b.start, lang()))
        }
    }
}

/// `2048` → `"2 KB"`, as a file's size is shown.
pub fn format_size(bytes: i64) -> String {
    const KB: i64 = 1024;
    match bytes {
        b if b < KB => text::size_bytes(b),
        b if b < KB * KB => text::size_kb((b + KB / 2) / KB),
        b => text::size_mb(format::decimal(((b * 10 + KB * KB / 2) / (KB * KB)) as f64 / 10.0, lang(), true)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::field::{FieldSettings, ListOption};

    fn def(t: FieldType) -> FieldDef {
        FieldDef {
            code: "f".into(),
            label: "F".into(),
            field_type: t,
            multiple: false,
            system: false,
            settings: FieldSettings::default(),
        }
    }

    fn text_in(s: &str) -> FieldInput {
        FieldInput::Text(s.into())
    }

    fn money_in(amount: &str, currency: &str) -> FieldInput {
        FieldInput::Money { amount: amount.into(), currency: currency.into() }
    }

    #[test]
    fn blank_input_is_an_empty_field_for_every_type() {
        for t in [FieldType::String, FieldType::Integer, FieldType::Date, FieldType::Email, FieldType::User] {
            assert_eq!(parse(&def(t), &text_in("   ")), Ok(None), "{t:?}");
        }
        assert_eq!(parse(&def(FieldType::Money), &money_in("", "EUR")), Ok(None));
        assert_eq!(parse(&def(FieldType::Address), &FieldInput::Address(Address::default())), Ok(None));
    }

    #[test]
    fn integers_accept_grouping_and_refuse_fractions_and_words() {
        let d = def(FieldType::Integer);
        assert_eq!(parse(&d, &text_in("1 250")), Ok(Some(Value::Integer(1250))));
        assert_eq!(parse(&d, &text_in("-7")), Ok(Some(Value::Integer(-7))));
        assert_eq!(parse(&d, &text_in("12.5")), Err(ValueError::NotInteger));
        assert_eq!(parse(&d, &text_in("twelve")), Err(ValueError::NotInteger));
        assert_eq!(parse(&d, &text_in("99999999999999999999")), Err(ValueError::NotInteger));
    }

    #[test]
    fn numbers_accept_a_decimal_comma() {
        let d = def(FieldType::Number);
        assert_eq!(parse(&d, &text_in("12,5")), Ok(Some(Value::Number(12.5))));
        assert_eq!(parse(&d, &text_in("inf")), Err(ValueError::NotNumber));
        assert_eq!(parse(&d, &text_in("NaN")), Err(ValueError::NotNumber));
    }

    #[test]
    fn money_is_kept_in_minor_units_with_a_known_currency() {
        let d = def(FieldType::Money);
        let eur = |minor| Ok(Some(Value::Money { minor, currency: "EUR".into() }));
        assert_eq!(parse(&d, &money_in("12 500,5", "eur")), eur(1_250_050));
        assert_eq!(parse(&d, &money_in("12,500", "EUR")), eur(1_250_000));
        assert_eq!(parse(&d, &money_in("1,234.56", "EUR")), eur(123_456));
        assert_eq!(parse(&d, &money_in("0.99", "EUR")), eur(99));
        assert_eq!(
            parse(&d, &money_in("1.999", "EUR")),
            Err(ValueError::NotAmount),
            "English: 1.999 has three decimals"
        );
        assert_eq!(parse(&d, &money_in("1.9999", "EUR")), Err(ValueError::NotAmount));
        assert_eq!(parse(&d, &money_in("ten", "EUR")), Err(ValueError::NotAmount));
        assert_eq!(parse(&d, &money_in("10", "XXX")), Err(ValueError::UnknownCurrency));
        assert_eq!(parse(&d, &text_in("10")), Err(ValueError::WrongInput));
    }

    #[test]
    fn money_shows_grouped_with_two_decimals() {
        let v = Value::Money { minor: 1_250_050, currency: "USD".into() };
        assert_eq!(display(&def(FieldType::Money), &v, &Names::default()), "$12,500.50");
        assert_eq!(v.to_input(), money_in("12500.50", "USD"));
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn a_date_and_time_is_kept_as_the_instant_the_writer_meant() {
        use crate::i18n::{locale_for, Lang, REQUEST};
        let dt = def(FieldType::DateTime);
        let rome = locale_for(Lang::It, Some("Europe/Rome"));
        let typed = REQUEST.sync_scope(rome.clone(), || parse(&dt, &text_in("2026-07-01T10:00")));
        let stored = Value::DateTime("2026-07-01T08:00Z".into());
        assert_eq!(typed, Ok(Some(stored.clone())));
        let shown = |locale| REQUEST.sync_scope(locale, || display(&dt, &stored, &Names::default()));
        assert_eq!(shown(rome.clone()), "01/07/2026, 10:00");
        assert_eq!(shown(locale_for(Lang::Ru, Some("Europe/Moscow"))), "01.07.2026, 11:00");
        assert_eq!(REQUEST.sync_scope(rome, || stored.to_input()), text_in("2026-07-01T10:00"));
        let before = Value::DateTime("2026-07-01T10:00".into());
        assert_eq!(shown(locale_for(Lang::Ru, Some("Europe/Moscow"))).len(), 17);
        assert_eq!(
            REQUEST.sync_scope(locale_for(Lang::Ru, Some("Europe/Moscow")), || display(
                &dt,
                &before,
                &Names::default()
            )),
            "01.07.2026, 10:00",
            "a wall-clock value from before stays"
        );
    }

    #[test]
    fn dates_must_be_real_calendar_days() {
        let d = def(FieldType::Date);
        assert_eq!(parse(&d, &text_in("2026-02-28")), Ok(Some(Value::Date("2026-02-28".into()))));
        assert_eq!(parse(&d, &text_in("2026-02-30")), Err(ValueError::NotDate));
        assert_eq!(
            parse(&d, &text_in("02/28/2026")),
            Ok(Some(Value::Date("2026-02-28".into()))),
            "as English writes it"
        );
        assert_eq!(parse(&d, &text_in("28/02/2026")), Err(ValueError::NotDate), "no 28th month");
        assert_eq!(parse(&d, &text_in("28 Feb 2026")), Err(ValueError::NotDate));
        let dt = def(FieldType::DateTime);
        assert_eq!(parse(&dt, &text_in("2026-11-23T09:30")), Ok(Some(Value::DateTime("2026-11-23T09:30Z".into()))));
        assert_eq!(parse(&dt, &text_in("2026-11-23T09:30Z")), Ok(Some(Value::DateTime("2026-11-23T09:30Z".into()))));
        assert_eq!(parse(&dt, &text_in("2026-11-23T25:00")), Err(ValueError::NotDateTime));
    }

    #[test]
    fn urls_are_http_only_so_they_are_safe_links() {
        let d = def(FieldType::Url);
        assert_eq!(parse(&d, &text_in("example.com/a")), Ok(Some(Value::Text("https://example.com/a".into()))));
        assert_eq!(parse(&d, &text_in("http://x.org")), Ok(Some(Value::Text("http://x.org".into()))));
        for bad in
            ["javascript:alert(1)", "data:text/html,hi", "ftp://x.org", "http://exa mple.com", "JaVaScRiPt://x.com"]
        {
            assert_eq!(parse(&d, &text_in(bad)), Err(ValueError::NotUrl), "{bad}");
        }
    }

    #[test]
    fn emails_and_phones_are_checked() {
        let e = def(FieldType::Email);
        assert_eq!(parse(&e, &text_in("Anna@Example.COM")), Ok(Some(Value::Text("Anna@example.com".into()))));
        for bad in ["anna", "anna@", "@x.com", "a b@x.com", "a@x", "a@x..com"] {
            assert_eq!(parse(&e, &text_in(bad)), Err(ValueError::NotEmail), "{bad}");
        }
        let p = def(FieldType::Phone);
        assert_eq!(parse(&p, &text_in("+7 (495) 123-45-67")), Ok(Some(Value::Text("+7 (495) 123-45-67".into()))));
        assert_eq!(parse(&p, &text_in("call me")), Err(ValueError::NotPhone));
        assert_eq!(parse(&p, &text_in("12")), Err(ValueError::NotPhone));
    }

    #[test]
    fn strings_have_a_length_limit_and_lose_control_characters() {
        let d = def(FieldType::String);
        assert_eq!(parse(&d, &text_in(&"x".repeat(MAX_LINE + 1))), Err(ValueError::TooLong { max: MAX_LINE }));
        assert_eq!(parse(&d, &text_in("a\u{0}b")), Ok(Some(Value::Text("a b".into()))));
        let mut multi = def(FieldType::String);
        multi.settings.multiline = true;
        assert_eq!(parse(&multi, &text_in("line 1\nline 2\n")), Ok(Some(Value::Text("line 1\nline 2".into()))));
    }

    #[test]
    fn list_values_must_be_one_of_the_options() {
        let mut d = def(FieldType::List);
        d.settings.options = vec![ListOption { id: "web".into(), label: "Website".into() }];
        assert_eq!(parse(&d, &text_in("web")), Ok(Some(Value::Option("web".into()))));
        assert_eq!(parse(&d, &text_in("fax")), Err(ValueError::UnknownOption));
        assert_eq!(display(&d, &Value::Option("web".into()), &Names::default()), "Website");
    }

    #[test]
    fn crm_item_bindings_respect_the_allowed_types() {
        let mut d = def(FieldType::CrmItem);
        d.settings.item_types = vec![EntityType::COMPANY];
        assert_eq!(
            parse(&d, &text_in("company:4")),
            Ok(Some(Value::Item(ItemRef { entity: EntityType::COMPANY, id: 4 })))
        );
        assert_eq!(parse(&d, &text_in("deal:4")), Err(ValueError::UnknownReference));
        assert_eq!(parse(&d, &text_in("company:-1")), Err(ValueError::UnknownReference));
        assert_eq!(parse(&d, &text_in("4")), Err(ValueError::UnknownReference));
    }

    #[test]
    fn multiple_fields_drop_blanks_and_duplicates() {
        let mut d = def(FieldType::Phone);
        d.multiple = true;
        let input = FieldInput::Many(vec![text_in("+1 555 0100"), text_in(""), text_in("+1 555 0100")]);
        assert_eq!(parse(&d, &input), Ok(Some(Value::Many(vec![Value::Text("+1 555 0100".into())]))));
        assert_eq!(parse(&d, &FieldInput::Many(vec![text_in(" ")])), Ok(None));
        let too_many = FieldInput::Many(vec![text_in("+1 555 0100"); MAX_ENTRIES + 1]);
        assert_eq!(parse(&d, &too_many), Err(ValueError::TooManyEntries { max: MAX_ENTRIES }));
    }

    #[test]
    fn every_value_round_trips_through_its_input() {
        let mut list = def(FieldType::List);
        list.settings.options = vec![ListOption { id: "a".into(), label: "A".into() }];
        let cases = [
            (def(FieldType::String), Value::Text("Hello".into())),
            (def(FieldType::Integer), Value::Integer(-3)),
            (def(FieldType::Number), Value::Number(2.5)),
            (def(FieldType::Boolean), Value::Bool(false)),
            (def(FieldType::Date), Value::Date("2026-01-31".into())),
            (def(FieldType::DateTime), Value::DateTime("2026-01-31T08:05Z".into())),
            (def(FieldType::Money), Value::Money { minor: -120_000, currency: "BRL".into() }),
            (def(FieldType::User), Value::User(3)),
            (list.clone(), Value::Option("a".into())),
        ];
        for (d, v) in cases {
            assert_eq!(parse(&d, &v.to_input()), Ok(Some(v.clone())), "{:?}", d.field_type);
        }
        let mut booking = def(FieldType::Booking);
        booking.settings = list.settings;
        let v = Value::Booking(Booking {
            resource: "a".into(),
            start: "2026-01-31T08:00".into(),
            end: "2026-01-31T09:30".into(),
        });
        assert_eq!(parse(&booking, &v.to_input()), Ok(Some(v)));
    }

    fn room() -> FieldDef {
        let mut d = def(FieldType::Booking);
        d.settings.options = vec![
            ListOption { id: "a".into(), label: "Room A".into() },
            ListOption { id: "b".into(), label: "Room B".into() },
        ];
        d
    }

    fn slot(resource: &str, start: &str, end: &str) -> Booking {
        Booking { resource: resource.into(), start: start.into(), end: end.into() }
    }

    #[test]
    fn a_booking_needs_a_known_resource_and_an_end_after_its_start() {
        let d = room();
        let ok = slot("a", "2026-03-02 10:00", "2026-03-02T11:00");
        assert_eq!(
            parse(&d, &FieldInput::Booking(ok)),
            Ok(Some(Value::Booking(slot("a", "2026-03-02T10:00", "2026-03-02T11:00"))))
        );
        let backwards = slot("a", "2026-03-02T11:00", "2026-03-02T10:00");
        assert_eq!(parse(&d, &FieldInput::Booking(backwards)), Err(ValueError::EndBeforeStart));
        let no_room = slot("c", "2026-03-02T10:00", "2026-03-02T11:00");
        assert_eq!(parse(&d, &FieldInput::Booking(no_room)), Err(ValueError::UnknownOption));
        assert_eq!(parse(&d, &FieldInput::Booking(Booking::default())), Ok(None));
        assert_eq!(parse(&d, &text_in("a")), Err(ValueError::WrongInput));
        let shown = display(&d, &Value::Booking(slot("a", "2026-03-02T10:00", "2026-03-02T11:30")), &Names::default());
        assert_eq!(shown, "Room A: 03/02/2026, 10:00\u{a0}AM–11:30\u{a0}AM");
    }

    #[test]
    fn bookings_overlap_only_on_the_same_resource_and_shared_minutes() {
        let a = slot("a", "2026-03-02T10:00", "2026-03-02T11:00");
        assert!(a.overlaps(&slot("a", "2026-03-02T10:30", "2026-03-02T12:00")));
        assert!(a.overlaps(&slot("a", "2026-03-02T09:00", "2026-03-02T13:00")));
        assert!(!a.overlaps(&slot("a", "2026-03-02T11:00", "2026-03-02T12:00")), "back to back is fine");
        assert!(!a.overlaps(&slot("b", "2026-03-02T10:00", "2026-03-02T11:00")), "another resource");
        let mut many = room();
        many.multiple = true;
        let twice = FieldInput::Many(vec![
            FieldInput::Booking(a.clone()),
            FieldInput::Booking(slot("a", "2026-03-02T10:59", "2026-03-02T11:30")),
        ]);
        assert_eq!(parse(&many, &twice), Err(ValueError::AlreadyBooked));
    }

    #[test]
    fn a_file_value_is_an_uploaded_file_id_shown_with_its_size() {
        let d = def(FieldType::File);
        assert_eq!(parse(&d, &text_in("12")), Ok(Some(Value::File(FileRef { id: 12, name: String::new(), size: 0 }))));
        assert_eq!(parse(&d, &text_in("../etc/passwd")), Err(ValueError::UnknownFile));
        assert_eq!(parse(&d, &text_in("0")), Err(ValueError::UnknownFile));
        let f = Value::File(FileRef { id: 12, name: "offer.pdf".into(), size: 2_500_000 });
        assert_eq!(display(&d, &f, &Names::default()), "offer.pdf (2.4 MB)");
        assert_eq!(format_size(2048), "2 KB");
        assert_eq!(format_size(10), "10 B");
    }
}
