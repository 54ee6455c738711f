//! Numbers, money, dates and times as each language writes them, and numbers read back the same
//! way. Pure functions of their arguments, so the server render and the browser agree.
//!
//! | | en | ru | pt (Brazil) | it |
//! |---|---|---|---|---|
//! | number | 1,234.56 | 1 234,56 | 1.234,56 | 1.234,56 |
//! | money | $1,234.56 | 1 234,56 ₽ | R$ 1.234,56 | 1.234,56 € |
//! | date | 12/07/2026 | 07.12.2026 | 07/12/2026 | 07/12/2026 |
//! | time | 3:05 PM | 15:05 | 15:05 | 15:05 |

use super::Lang;

/// Russian groups digits with a no-break space, so that a number never breaks across lines.
const NBSP: char = '\u{a0}';

fn separators(lang: Lang) -> (char, char) {
    match lang {
        Lang::En => (',', '.'),
        Lang::Ru => (NBSP, ','),
        Lang::Pt | Lang::It => ('.', ','),
    }
}

/// The decimal separator of `lang`.
pub fn decimal_separator(lang: Lang) -> char {
    separators(lang).1
}

fn group(digits: &str, sep: char) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 2);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// `1234567` → `1,234,567` / `1 234 567` / `1.234.567`.
pub fn integer(n: i64, lang: Lang) -> String {
    let sign = if n < 0 { "-" } else { "" };
    format!("{sign}{}", group(&n.unsigned_abs().to_string(), separators(lang).0))
}

/// A decimal number with as many decimals as it has, grouped (`grouped`) or as typed in a field.
pub fn decimal(n: f64, lang: Lang, grouped: bool) -> String {
    let plain = n.to_string();
    if plain.contains(['e', 'E']) || !n.is_finite() {
        return plain;
    }
    let (sign, body) = match plain.strip_prefix('-') {
        Some(b) => ("-", b),
        None => ("", plain.as_str()),
    };
    let (whole, frac) = body.split_once('.').unwrap_or((body, ""));
    let (g, d) = separators(lang);
    let whole = if grouped { group(whole, g) } else { whole.to_string() };
    if frac.is_empty() {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}{d}{frac}")
    }
}

/// Minor units (cents) as an amount: `123456` → `1,234.56` (grouped) or `1234.56`.
pub fn minor(minor: i64, lang: Lang, grouped: bool) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    let (g, d) = separators(lang);
    let whole = (abs / 100).to_string();
    let whole = if grouped { group(&whole, g) } else { whole };
    format!("{sign}{whole}{d}{:02}", abs % 100)
}

fn currency_symbol(currency: &str) -> Option<&'static str> {
    Some(match currency {
        "USD" => "$",
        "EUR" => "€",
        "RUB" => "₽",
        "BRL" => "R$",
        "GBP" => "£",
        "UAH" => "₴",
        "KZT" => "₸",
        "JPY" => "¥",
        "CNY" => "CN¥",
        _ => return None,
    })
}

/// An amount with its currency where `lang` puts it: `$1,234.56`, `1 234,56 ₽`, `R$ 1.234,56`,
/// `1.234,56 €`; a currency without a symbol shows its code (`CHF 1,234.56`, `1 234,56 CHF`).
pub fn money(minor_units: i64, currency: &str, lang: Lang) -> String {
    let amount = minor(minor_units.abs(), lang, true);
    let sign = if minor_units < 0 { "-" } else { "" };
    let symbol = currency_symbol(currency);
    match (lang, symbol) {
        (Lang::En, Some(s)) => format!("{sign}{s}{amount}"),
        (Lang::En | Lang::Pt, None) => format!("{sign}{currency}{NBSP}{amount}"),
        (Lang::Pt, Some(s)) => format!("{sign}{s}{NBSP}{amount}"),
        (Lang::Ru | Lang::It, s) => format!("{sign}{amount}{NBSP}{}", s.unwrap_or(currency)),
    }
}

/// `2026-12-07` → `12/07/2026`, `07.12.2026`, `07/12/2026`; anything else as it is.
pub fn date(iso: &str, lang: Lang) -> String {
    let (Some(y), Some(m), Some(d)) = (iso.get(0..4), iso.get(5..7), iso.get(8..10)) else {
        return iso.to_string();
    };
    if iso.len() != 10 || !iso.is_char_boundary(4) {
        return iso.to_string();
    }
    match lang {
        Lang::En => format!("{m}/{d}/{y}"),
        Lang::Ru => format!("{d}.{m}.{y}"),
        Lang::Pt | Lang::It => format!("{d}/{m}/{y}"),
    }
}

/// `15:05` → `3:05 PM` in English, as it is elsewhere.
pub fn time(hh_mm: &str, lang: Lang) -> String {
    match lang {
        Lang::En => {
            let (Some(h), Some(m)) = (hh_mm.get(0..2).and_then(|h| h.parse::<u32>().ok()), hh_mm.get(3..5)) else {
                return hh_mm.to_string();
            };
            let half = if h < 12 { "AM" } else { "PM" };
            let h12 = if h % 12 == 0 { 12 } else { h % 12 };
            format!("{h12}:{m}{NBSP}{half}")
        }
        _ => hh_mm.to_string(),
    }
}

/// A wall-clock date and time, `2026-12-07T15:05` (or with a space).
pub fn datetime(naive: &str, lang: Lang) -> String {
    match (naive.get(..10), naive.get(11..16)) {
        (Some(d), Some(t)) => format!("{}, {}", date(d, lang), time(t, lang)),
        _ => naive.to_string(),
    }
}

/// Reads a number as `lang` writes it, and leniently: spaces, `_` and `'` group; of `.` and `,`
/// the last is the decimal separator, except that a lone one followed by exactly three digits
/// is the language's thousands separator when it is that (`1.500` is 1500 in Portuguese, 1.5
/// in English). Gives the plain form Rust parses (`-1234.5`), or `None`.
pub fn normalize_number(s: &str, lang: Lang) -> Option<String> {
    let s: String = s.trim().chars().filter(|c| !matches!(*c, ' ' | NBSP | '\u{202f}' | '_' | '\'')).collect();
    let (sign, body) = match s.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", s.strip_prefix('+').unwrap_or(&s)),
    };
    let (g, _) = separators(lang);
    let marks: Vec<(usize, char)> = body.char_indices().filter(|(_, c)| *c == '.' || *c == ',').collect();
    let decimal_at = match marks.as_slice() {
        [] => None,
        [(p, c)] if *c == g && body.len() - p - 1 == 3 => None,
        [.., (p, last)] => {
            // Every earlier mark must be the other one (a grouping), `1.234.567,8`.
            if marks[..marks.len() - 1].iter().any(|(_, c)| c == last) {
                if marks.iter().all(|(_, c)| c == last) && *last == g {
                    None
                } else {
                    return None;
                }
            } else {
                Some(*p)
            }
        }
    };
    let (whole, frac) = match decimal_at {
        Some(p) => (&body[..p], &body[p + 1..]),
        None => (body, ""),
    };
    let whole: String = whole.chars().filter(|c| *c != '.' && *c != ',').collect();
    if whole.is_empty() && frac.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !frac.chars().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let whole = if whole.is_empty() { "0".to_string() } else { whole };
    Some(if frac.is_empty() { format!("{sign}{whole}") } else { format!("{sign}{whole}.{frac}") })
}

/// A date typed as `lang` writes it (`07.12.2026`, `12/07/2026`, `07/12/2026`) or as ISO
/// (`2026-12-07`, what date pickers send), as ISO; whether the day exists is the caller's check.
pub fn parse_date(s: &str, lang: Lang) -> Option<String> {
    let s = s.trim();
    if s.len() == 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-' {
        return Some(s.to_string());
    }
    let parts: Vec<&str> = s.split(['.', '/']).collect();
    let [a, b, y] = parts.as_slice() else { return None };
    let ok = |p: &str, n: usize| (1..=n).contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit());
    if !(ok(a, 2) && ok(b, 2) && y.len() == 4 && ok(y, 4)) {
        return None;
    }
    let (m, d) = if lang == Lang::En && s.contains('/') { (a, b) } else { (b, a) };
    Some(format!("{y}-{m:0>2}-{d:0>2}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_money_in_each_language() {
        assert_eq!(integer(-1234567, Lang::En), "-1,234,567");
        assert_eq!(integer(1234, Lang::Ru), "1\u{a0}234");
        assert_eq!(decimal(1234.5, Lang::It, true), "1.234,5");
        assert_eq!(decimal(1234.5, Lang::Pt, false), "1234,5");
        assert_eq!(money(123456, "USD", Lang::En), "$1,234.56");
        assert_eq!(money(123456, "RUB", Lang::Ru), "1\u{a0}234,56\u{a0}₽");
        assert_eq!(money(123456, "BRL", Lang::Pt), "R$\u{a0}1.234,56");
        assert_eq!(money(123456, "EUR", Lang::It), "1.234,56\u{a0}€");
        assert_eq!(money(-5, "CHF", Lang::En), "-CHF\u{a0}0.05");
        assert_eq!(minor(1250050, Lang::En, false), "12500.50");
    }

    #[test]
    fn dates_and_times_in_each_language() {
        assert_eq!(date("2026-12-07", Lang::En), "12/07/2026");
        assert_eq!(date("2026-12-07", Lang::Ru), "07.12.2026");
        assert_eq!(date("2026-12-07", Lang::Pt), "07/12/2026");
        assert_eq!(date("2026-12-07", Lang::It), "07/12/2026");
        assert_eq!(datetime("2026-12-07T00:05", Lang::En), "12/07/2026, 12:05\u{a0}AM");
        assert_eq!(datetime("2026-12-07 15:05", Lang::En), "12/07/2026, 3:05\u{a0}PM");
        assert_eq!(datetime("2026-12-07T15:05", Lang::Ru), "07.12.2026, 15:05");
        assert_eq!(date("garbage", Lang::Ru), "garbage");
    }

    #[test]
    fn dates_are_read_as_each_language_writes_them() {
        assert_eq!(parse_date("12/07/2026", Lang::En).as_deref(), Some("2026-12-07"));
        assert_eq!(parse_date("07.12.2026", Lang::Ru).as_deref(), Some("2026-12-07"));
        assert_eq!(parse_date("7/12/2026", Lang::Pt).as_deref(), Some("2026-12-07"));
        assert_eq!(parse_date("07/12/2026", Lang::It).as_deref(), Some("2026-12-07"));
        assert_eq!(parse_date("2026-12-07", Lang::It).as_deref(), Some("2026-12-07"));
        assert_eq!(parse_date("7.12.26", Lang::Ru), None);
        assert_eq!(parse_date("tomorrow", Lang::En), None);
    }

    #[test]
    fn numbers_are_read_as_each_language_writes_them() {
        let n = |s: &str, l| normalize_number(s, l);
        assert_eq!(n("1,234.56", Lang::En).as_deref(), Some("1234.56"));
        assert_eq!(n("1.234,56", Lang::Pt).as_deref(), Some("1234.56"));
        assert_eq!(n("1 234,56", Lang::Ru).as_deref(), Some("1234.56"));
        assert_eq!(n("1\u{a0}234,56", Lang::Ru).as_deref(), Some("1234.56"));
        assert_eq!(n("1.500", Lang::Pt).as_deref(), Some("1500"));
        assert_eq!(n("1.500", Lang::En).as_deref(), Some("1.500"));
        assert_eq!(n("1,500", Lang::En).as_deref(), Some("1500"));
        assert_eq!(n("1,5", Lang::En).as_deref(), Some("1.5"), "a decimal comma is understood everywhere");
        assert_eq!(n("1.234.567", Lang::It).as_deref(), Some("1234567"));
        assert_eq!(n("-0,5", Lang::It).as_deref(), Some("-0.5"));
        assert_eq!(n("1.2.3", Lang::En), None);
        assert_eq!(n("12a", Lang::En), None);
        assert_eq!(n("", Lang::En), None);
    }
}
