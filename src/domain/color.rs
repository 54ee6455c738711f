//! Readable text on colours people choose (stages today; views and tags to come): WCAG 2.1's
//! relative luminance and contrast ratio, and the text colour that reads best on a background.
//! docs/ACCESSIBILITY.md.

/// Dark text: black, the only dark that guarantees 4.5:1 on every colour where white does not
/// reach it (any dark grey leaves mid-tones between 4 and 4.5:1 either way).
pub const DARK_TEXT: &str = "#000000";
/// Light text.
pub const LIGHT_TEXT: &str = "#ffffff";

/// The colour of a stage shown as hidden (of a pipeline the reader does not see).
pub const HIDDEN: &str = "#c6cdd3";

/// `#rgb` or `#rrggbb` as red, green and blue; `None` for anything else.
pub fn parse_hex(color: &str) -> Option<[u8; 3]> {
    let hex = color.trim().strip_prefix('#')?;
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let digit = |i: usize, len: usize| u8::from_str_radix(hex.get(i..i + len)?, 16).ok();
    match hex.len() {
        3 => Some([digit(0, 1)? * 17, digit(1, 1)? * 17, digit(2, 1)? * 17]),
        6 => Some([digit(0, 2)?, digit(2, 2)?, digit(4, 2)?]),
        _ => None,
    }
}

/// WCAG 2.1 relative luminance of an sRGB colour, 0 (black) to 1 (white).
pub fn luminance(rgb: [u8; 3]) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2])
}

/// WCAG contrast ratio of two colours, 1 to 21.
pub fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// The text colour that reads best on `background`: dark or light, whichever contrasts more.
/// A colour that does not parse is taken as the light grey shown for it (dark text).
pub fn readable_text(background: &str) -> &'static str {
    let Some(bg) = parse_hex(background) else { return DARK_TEXT };
    let (dark, light) = (parse_hex(DARK_TEXT).unwrap_or([0; 3]), [255; 3]);
    if contrast(bg, dark) >= contrast(bg, light) {
        DARK_TEXT
    } else {
        LIGHT_TEXT
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ratio(text: &str, bg: &str) -> f64 {
        contrast(parse_hex(text).unwrap_or([0; 3]), parse_hex(bg).unwrap_or([0; 3]))
    }

    #[test]
    fn colours_parse_in_both_forms_and_nothing_else() {
        assert_eq!(parse_hex("#39f"), Some([0x33, 0x99, 0xff]));
        assert_eq!(parse_hex(" #7BD500 "), Some([0x7b, 0xd5, 0x00]));
        assert_eq!(parse_hex("7bd500"), None);
        assert_eq!(parse_hex("#7bd50"), None);
        assert_eq!(parse_hex("#zzzzzz"), None);
        assert_eq!(parse_hex("red"), None);
        assert_eq!(parse_hex("#+f+f+f"), None);
    }

    #[test]
    fn the_contrast_ratio_is_wcags() {
        assert!((ratio("#000000", "#ffffff") - 21.0).abs() < 1e-9);
        assert!((ratio("#ffffff", "#ffffff") - 1.0).abs() < 1e-9);
        // WCAG's own example figure: #767676 on white is the lightest grey that passes 4.5:1.
        assert!(ratio("#767676", "#ffffff") >= 4.5 && ratio("#777777", "#ffffff") < 4.5);
    }

    #[test]
    fn every_shipped_stage_colour_gets_text_that_passes_aa() {
        let shipped = ["#39a8ef", "#2fc6f6", "#55d0e0", "#f5a623", "#7bd500", "#ff5752", "#39f"];
        for bg in shipped {
            let text = readable_text(bg);
            assert!(ratio(text, bg) >= 4.5, "{text} on {bg}: {:.2}", ratio(text, bg));
        }
    }

    #[test]
    fn light_colours_get_dark_text_and_dark_colours_light_text() {
        assert_eq!(readable_text("#ffffff"), DARK_TEXT);
        assert_eq!(readable_text("#ffff00"), DARK_TEXT);
        assert_eq!(readable_text("#000000"), LIGHT_TEXT);
        assert_eq!(readable_text("#1d5f86"), LIGHT_TEXT);
        assert_eq!(readable_text("#b3261e"), LIGHT_TEXT);
        assert_eq!(readable_text("not a colour"), DARK_TEXT);
    }

    #[test]
    fn whichever_text_is_chosen_it_is_the_better_of_the_two_for_any_colour() {
        for r in (0..=255).step_by(51) {
            for g in (0..=255).step_by(51) {
                for b in (0..=255).step_by(17) {
                    let bg = format!("#{r:02x}{g:02x}{b:02x}");
                    let chosen = ratio(readable_text(&bg), &bg);
                    assert_eq!(chosen, ratio(DARK_TEXT, &bg).max(ratio(LIGHT_TEXT, &bg)), "{bg}");
                    // The better of black-ish and white on any colour is at least 4.5:1.
                    assert!(chosen >= 4.5, "{bg}: {chosen:.2}");
                }
            }
        }
    }
}
