//! The subset of Fluent (`.ftl`) the translation files are written in, parsed at build time by
//! `build.rs` (which includes this file) into a table per language. The crate itself never parses
//! `.ftl` at run time: the server reads the tables `build.rs` writes and the browser gets its
//! user's one in the page (docs/LANGUAGES.md).
//!
//! What a file may hold:
//! - `# comment` lines (a comment right above a message documents it);
//! - `key = text` with `key` of lowercase letters, digits and hyphens;
//! - placeables in the text: `{ $name }` (an argument) and `{ "{" }` (a literal);
//! - selections: `{ $count -> [one] … [few] … *[other] … }` over plural categories (`zero`,
//!   `one`, `two`, `few`, `many`, `other`), exact numbers (`[0]`) or words, the starred variant
//!   being the default;
//! - continuation lines, indented (or a lone `}` closing a selection); plain text continued on
//!   the next line keeps the line break, as in Fluent.

/// One piece of a message.
#[derive(Clone, Debug, PartialEq)]
pub enum Part {
    Text(String),
    Var(String),
    Select { var: String, variants: Vec<(String, Vec<Part>)>, default: usize },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    pub key: String,
    /// The comment lines right above it.
    pub doc: Vec<String>,
    pub parts: Vec<Part>,
}

/// Parses a whole file; an error names the line.
pub fn parse(src: &str) -> Result<Vec<Message>, String> {
    let lines: Vec<&str> = src.lines().collect();
    let mut out: Vec<Message> = Vec::new();
    let mut doc = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let n = i + 1;
        i += 1;
        if line.trim().is_empty() {
            doc.clear();
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            doc.push(c.trim_start_matches('#').trim().to_string());
            continue;
        }
        let Some((key, first)) = line.split_once('=') else {
            return Err(format!("line {n}: expected `key = text`"));
        };
        let key = key.trim();
        if key.is_empty()
            || !key.starts_with(|c: char| c.is_ascii_lowercase())
            || !key.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            return Err(format!("line {n}: `{key}` is not a message key (a-z, 0-9, -)"));
        }
        let mut value = first.trim().to_string();
        while i < lines.len() {
            let next = lines[i];
            let continued = next.starts_with([' ', '\t']) || next.trim_start().starts_with('}');
            let blank_then_continued = next.trim().is_empty()
                && lines[i + 1..].iter().find(|l| !l.trim().is_empty()).is_some_and(|l| l.starts_with([' ', '\t']));
            if (!continued || next.trim().is_empty()) && !blank_then_continued {
                break;
            }
            if !value.is_empty() {
                value.push('\n');
            }
            value.push_str(next.trim());
            i += 1;
        }
        if value.is_empty() {
            return Err(format!("line {n}: `{key}` has no text"));
        }
        let parts = Parser { s: value.as_bytes(), at: 0, text: &value }
            .pattern(false)
            .map_err(|e| format!("line {n}: `{key}`: {e}"))?;
        if out.iter().any(|m| m.key == key) {
            return Err(format!("line {n}: `{key}` is there twice"));
        }
        out.push(Message { key: key.to_string(), doc: std::mem::take(&mut doc), parts });
    }
    Ok(out)
}

struct Parser<'a> {
    s: &'a [u8],
    at: usize,
    text: &'a str,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// Whether a variant (`[` or `*[` after a line break) starts here.
    fn at_variant(&self) -> bool {
        let rest = &self.s[self.at..];
        let line_start =
            self.at == 0 || self.s[..self.at].iter().rev().take_while(|c| **c != b'\n').all(|c| *c == b' ');
        line_start && (rest.starts_with(b"[") || rest.starts_with(b"*["))
    }

    fn pattern(&mut self, in_variant: bool) -> Result<Vec<Part>, String> {
        let mut parts = Vec::new();
        let mut text = String::new();
        loop {
            match self.peek() {
                None if in_variant => return Err("a selection is not closed with `}`".into()),
                None => break,
                Some(b'}') if in_variant => break,
                Some(b'}') => return Err("a `}` without its `{` (write `{ \"}\" }`)".into()),
                Some(b'{') => {
                    self.at += 1;
                    let part = self.placeable()?;
                    match part {
                        Part::Text(t) => text.push_str(&t),
                        p => {
                            if !text.is_empty() {
                                parts.push(Part::Text(std::mem::take(&mut text)));
                            }
                            parts.push(p);
                        }
                    }
                }
                Some(_) if in_variant && self.at_variant() => break,
                Some(_) => {
                    let start = self.at;
                    self.at += 1;
                    while self.at < self.s.len() && !matches!(self.s[self.at], b'{' | b'}' | b'[' | b'*') {
                        self.at += 1;
                    }
                    text.push_str(&self.text[start..self.at]);
                }
            }
        }
        if !text.is_empty() {
            parts.push(Part::Text(text));
        }
        if in_variant {
            trim_parts(&mut parts);
        }
        Ok(parts)
    }

    fn ident(&mut self) -> Result<String, String> {
        let start = self.at;
        while matches!(self.peek(), Some(c) if c.is_ascii_alphanumeric() || c == b'_' || c == b'-') {
            self.at += 1;
        }
        if start == self.at {
            return Err("a name is missing".into());
        }
        Ok(self.text[start..self.at].to_string())
    }

    fn expect(&mut self, c: u8) -> Result<(), String> {
        self.skip_space();
        if self.peek() == Some(c) {
            self.at += 1;
            Ok(())
        } else {
            Err(format!("`{}` expected", c as char))
        }
    }

    /// After `{`: a literal, an argument or a selection, up to its `}`.
    fn placeable(&mut self) -> Result<Part, String> {
        self.skip_space();
        match self.peek() {
            Some(b'"') => {
                self.at += 1;
                let start = self.at;
                while !matches!(self.peek(), Some(b'"') | None) {
                    self.at += 1;
                }
                let lit = self.text[start..self.at].to_string();
                self.at += 1;
                self.expect(b'}')?;
                Ok(Part::Text(lit))
            }
            Some(b'$') => {
                self.at += 1;
                let var = self.ident()?;
                self.skip_space();
                if !self.s[self.at..].starts_with(b"->") {
                    self.expect(b'}')?;
                    return Ok(Part::Var(var));
                }
                self.at += 2;
                let mut variants = Vec::new();
                let mut default = None;
                loop {
                    self.skip_space();
                    match self.peek() {
                        Some(b'}') => {
                            self.at += 1;
                            break;
                        }
                        Some(b'*') => {
                            if default.replace(variants.len()).is_some() {
                                return Err("two default variants (`*[`)".into());
                            }
                            self.at += 1;
                        }
                        _ => {}
                    }
                    self.expect(b'[')?;
                    self.skip_space();
                    let key = self.ident()?;
                    self.expect(b']')?;
                    while self.peek() == Some(b' ') {
                        self.at += 1;
                    }
                    let pattern = self.pattern(true)?;
                    if variants.iter().any(|(k, _)| *k == key) {
                        return Err(format!("the variant [{key}] is there twice"));
                    }
                    variants.push((key, pattern));
                }
                let default = default.ok_or("a selection needs a default variant (`*[other]`)")?;
                Ok(Part::Select { var, variants, default })
            }
            _ => Err("`{` must hold `$name` or a \"literal\"".into()),
        }
    }
}

fn trim_parts(parts: &mut Vec<Part>) {
    if let Some(Part::Text(t)) = parts.first_mut() {
        *t = t.trim_start().to_string();
    }
    if let Some(Part::Text(t)) = parts.last_mut() {
        *t = t.trim_end().to_string();
    }
    parts.retain(|p| !matches!(p, Part::Text(t) if t.is_empty()));
}

/// Every argument a message uses, in the order they first appear, and whether each is
/// selected on (a number).
pub fn vars(parts: &[Part], out: &mut Vec<(String, bool)>) {
    fn add(out: &mut Vec<(String, bool)>, name: &str, selected: bool) {
        match out.iter_mut().find(|(n, _)| n == name) {
            Some((_, s)) => *s |= selected,
            None => out.push((name.to_string(), selected)),
        }
    }
    for p in parts {
        match p {
            Part::Text(_) => {}
            Part::Var(v) => add(out, v, false),
            Part::Select { var, variants, .. } => {
                add(out, var, true);
                for (_, pattern) in variants {
                    vars(pattern, out);
                }
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed step should stop the test right there
mod tests {
    use super::*;

    #[test]
    fn plain_messages_arguments_and_literals() {
        let m = parse("# Shown on the button.\nsave = Save\nhi = Hello, { $name }!\nbrace = a { \"{\" } b\n").unwrap();
        assert_eq!(m[0].key, "save");
        assert_eq!(m[0].doc, vec!["Shown on the button."]);
        assert_eq!(m[0].parts, vec![Part::Text("Save".into())]);
        assert_eq!(m[1].parts, vec![Part::Text("Hello, ".into()), Part::Var("name".into()), Part::Text("!".into())]);
        assert_eq!(m[2].parts, vec![Part::Text("a { b".into())]);
    }

    #[test]
    fn selections_span_lines_and_need_a_default() {
        let src = "n = { $count ->\n    [one] { $count } item\n   *[other] { $count } items\n} chosen\nnext = x\n";
        let m = parse(src).unwrap();
        let Part::Select { var, variants, default } = &m[0].parts[0] else { panic!("{:?}", m[0].parts) };
        assert_eq!((var.as_str(), *default), ("count", 1));
        assert_eq!(variants[0].1, vec![Part::Var("count".into()), Part::Text(" item".into())]);
        assert_eq!(m[0].parts[1], Part::Text(" chosen".into()));
        assert_eq!(m[1].key, "next");
        assert!(parse("n = { $c ->\n [one] a\n [other] b\n}\n").unwrap_err().contains("default"));
    }

    #[test]
    fn mistakes_name_their_line() {
        assert!(parse("a = x\nBad Key = y\n").unwrap_err().starts_with("line 2"));
        assert!(parse("a = x\na = y\n").unwrap_err().contains("twice"));
        assert!(parse("a = { $x \n").is_err());
        assert!(parse("a = x }\n").is_err());
        assert!(parse("a =\n").is_err());
    }

    #[test]
    fn arguments_are_listed_once_and_selection_makes_a_number() {
        let m = parse("m = { $name }: { $n ->\n    [one] one { $name }\n   *[other] { $n }\n}\n").unwrap();
        let mut v = Vec::new();
        vars(&m[0].parts, &mut v);
        assert_eq!(v, vec![("name".to_string(), false), ("n".to_string(), true)]);
    }
}
