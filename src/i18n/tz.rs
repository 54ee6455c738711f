//! A person's time zone as the page needs it: the UTC offset before the first change, and each
//! change (daylight saving, a new standard offset) from 2000 to 2050, worked out on the server
//! from the time-zone database. The browser formats times from this table alone, so it carries
//! no time-zone database and shows exactly what the server rendered.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Offsets {
    /// Minutes east of UTC before the first change.
    pub base: i32,
    /// `(instant in ms since the epoch, minutes east of UTC from then on)`, in time order.
    pub changes: Vec<(i64, i32)>,
}

impl Offsets {
    /// The offset in minutes at an instant.
    pub fn at(&self, ms: i64) -> i32 {
        match self.changes.partition_point(|(t, _)| *t <= ms) {
            0 => self.base,
            i => self.changes[i - 1].1,
        }
    }

    /// The instant a wall-clock time `YYYY-MM-DDTHH:MM` names in this zone. A time shown twice
    /// (clocks going back) is its first showing; a time that never shows (clocks going forward)
    /// is read with the offset from before the change, so it lands just after it.
    pub fn instant(&self, local: &str) -> Option<i64> {
        let naive = chrono::NaiveDateTime::parse_from_str(local, "%Y-%m-%dT%H:%M").ok()?;
        let as_utc = naive.and_utc().timestamp_millis();
        const DAY_HALF: i64 = 14 * 3_600_000;
        let (before, after) = (self.at(as_utc - DAY_HALF), self.at(as_utc + DAY_HALF));
        let fits = |o: i32| {
            let t = as_utc - i64::from(o) * 60_000;
            (self.at(t) == o).then_some(t)
        };
        let mut valid: Vec<i64> = [before, after].into_iter().filter_map(fits).collect();
        valid.sort();
        Some(valid.first().copied().unwrap_or(as_utc - i64::from(before) * 60_000))
    }

    /// The wall-clock time of an instant: `YYYY-MM-DDTHH:MM`.
    pub fn local(&self, ms: i64) -> String {
        let shifted = ms + i64::from(self.at(ms)) * 60_000;
        chrono::DateTime::from_timestamp_millis(shifted)
            .map(|t| t.format("%Y-%m-%dT%H:%M").to_string())
            .unwrap_or_default()
    }
}

/// The table of an IANA zone, `None` if the database has no such zone.
#[cfg(feature = "ssr")]
pub fn offsets_of(name: &str) -> Option<Offsets> {
    use jiff::tz::TimeZone;
    use jiff::Timestamp;
    let tz = TimeZone::get(name).ok()?;
    let from = Timestamp::from_second(946_684_800).ok()?; // 2000-01-01
    let until = 2_524_608_000_000i64; // 2050-01-01
    let base = tz.to_offset(from).seconds() / 60;
    let changes = tz
        .following(from)
        .map(|t| (t.timestamp().as_millisecond(), t.offset().seconds() / 60))
        .take_while(|(ms, _)| *ms < until)
        .collect();
    Some(Offsets { base, changes })
}

/// Whether `name` is a zone a person may choose (`UTC` or an IANA name the database knows).
#[cfg(feature = "ssr")]
pub fn is_known(name: &str) -> bool {
    name == "UTC" || (name.len() <= 64 && jiff::tz::TimeZone::get(name).is_ok())
}

/// The zones people choose from: `Area/City` names, sorted, then `UTC`.
#[cfg(feature = "ssr")]
pub fn choices() -> Vec<String> {
    let mut v: Vec<String> = jiff::tz::db()
        .available()
        .map(|n| n.to_string())
        .filter(|n| {
            n.split_once('/').is_some_and(|(area, _)| {
                ["Africa", "America", "Antarctica", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific"]
                    .contains(&area)
            })
        })
        .collect();
    v.sort();
    v.dedup();
    v.push("UTC".into());
    v
}

#[cfg(all(test, feature = "ssr"))]
#[allow(clippy::unwrap_used)] // a failed step should stop the test right there
mod tests {
    use super::*;

    fn ms(rfc3339: &str) -> i64 {
        chrono::DateTime::parse_from_rfc3339(rfc3339).unwrap().timestamp_millis()
    }

    #[test]
    fn times_follow_daylight_saving_changes() {
        let rome = offsets_of("Europe/Rome").unwrap();
        // 2026-03-29 01:00 UTC clocks go from 02:00 to 03:00; 2026-10-25 01:00 UTC back.
        assert_eq!(rome.local(ms("2026-03-29T00:59:00Z")), "2026-03-29T01:59");
        assert_eq!(rome.local(ms("2026-03-29T01:00:00Z")), "2026-03-29T03:00");
        assert_eq!(rome.local(ms("2026-10-25T00:30:00Z")), "2026-10-25T02:30");
        assert_eq!(rome.local(ms("2026-10-25T01:30:00Z")), "2026-10-25T02:30", "the hour shown twice");
        let sao_paulo = offsets_of("America/Sao_Paulo").unwrap();
        assert_eq!(sao_paulo.local(ms("2026-12-07T12:00:00Z")), "2026-12-07T09:00");
        assert_eq!(sao_paulo.local(ms("2018-12-07T12:00:00Z")), "2018-12-07T10:00", "summer time until 2019");
        let moscow = offsets_of("Europe/Moscow").unwrap();
        assert_eq!(moscow.local(ms("2026-07-01T12:00:00Z")), "2026-07-01T15:00");
        assert_eq!(moscow.local(ms("2012-07-01T12:00:00Z")), "2012-07-01T16:00", "UTC+4 in 2011–2014");
        assert_eq!(offsets_of("UTC").unwrap().local(0), "1970-01-01T00:00");
        assert!(offsets_of("Mars/Olympus").is_none());
    }

    #[test]
    fn a_typed_time_is_one_instant_even_when_clocks_change() {
        let rome = offsets_of("Europe/Rome").unwrap();
        assert_eq!(rome.instant("2026-07-01T10:00"), Some(ms("2026-07-01T08:00:00Z")));
        assert_eq!(rome.instant("2026-12-07T10:00"), Some(ms("2026-12-07T09:00:00Z")));
        // 02:30 on 25 October 2026 shows twice: the first (summer time) is meant.
        assert_eq!(rome.instant("2026-10-25T02:30"), Some(ms("2026-10-25T00:30:00Z")));
        // 02:30 on 29 March 2026 never shows: read before the change, it is 03:30 summer time.
        let gap = rome.instant("2026-03-29T02:30").unwrap();
        assert_eq!(rome.local(gap), "2026-03-29T03:30");
        assert_eq!(rome.instant("not a time"), None);
    }

    #[test]
    fn the_choices_are_real_zones() {
        let c = choices();
        assert!(c.iter().any(|z| z == "Europe/Moscow") && c.iter().any(|z| z == "America/Sao_Paulo"));
        assert!(c.iter().all(|z| is_known(z)));
        assert!(!is_known("Nowhere/Land"));
    }
}
