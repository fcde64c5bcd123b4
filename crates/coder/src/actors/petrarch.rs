//! The PETRARCH/TABARI importer: legacy actor and agent dictionaries read into the TOML format's builder.
//!
//! Actors: `NAME_WORDS_ [CODE]` lines, `+SYNONYM_` lines, and code lines (indented `[CODE dates]`) that
//! apply to the entry above; dates are `>YYMMDD` (from), `<YYMMDD` (until), `YYMMDD-YYMMDD`, with
//! 6-digit (`YYMMDD`) or 8-digit (`YYYYMMDD`) dates. A name line without codes is a synonym of the next
//! entry that has codes. Agents: `NOUN {PLURALS} [~ROLE]`, with `!SET! = A, B` substitution sets
//! written inside nouns; without `{…}` the regular plural is made. `#` and `;` (TABARI) start comments.

use super::dict::{Builder, DatedActor, Entry, EntryKind, ROLE_CODES, error};
use crate::DictionaryError;
use detente_records::Actor;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LegacyKind {
    Actors,
    Agents,
}

/// Which legacy dictionary a file is, by name first, then by content; None for other files.
pub(crate) fn kind_of(file_name: &str, text: &str) -> Option<LegacyKind> {
    if file_name.ends_with(".toml") || file_name.ends_with(".json") || file_name.ends_with(".jsonl") {
        return None;
    }
    if ["verb", "discard", "issue", "option", "project"]
        .iter()
        .any(|w| file_name.contains(w))
    {
        return None;
    }
    if file_name.contains("agent") {
        return Some(LegacyKind::Agents);
    }
    if file_name.contains("actor") {
        return Some(LegacyKind::Actors);
    }
    if !file_name.ends_with(".txt") {
        return None;
    }
    // A `.txt` file without a telling name: look at its first entries.
    let mut agent_lines = 0;
    let mut actor_lines = 0;
    for line in text
        .lines()
        .filter(|l| !l.trim_start().starts_with('#') && !l.trim().is_empty())
        .take(200)
    {
        if line.starts_with("---") || line.starts_with('<') {
            return None;
        }
        if line.contains("[~") {
            agent_lines += 1;
        } else if line.contains('[') && line.contains(']') {
            actor_lines += 1;
        }
    }
    match (agent_lines, actor_lines) {
        (0, 0) => None,
        (a, b) if a >= b => Some(LegacyKind::Agents),
        _ => Some(LegacyKind::Actors),
    }
}

pub(crate) fn load(builder: &mut Builder, kind: LegacyKind, file: &str, text: &str) -> Result<(), DictionaryError> {
    match kind {
        LegacyKind::Actors => load_actors(builder, file, text),
        LegacyKind::Agents => load_agents(builder, file, text),
    }
}

/// `#` (PETRARCH) and `;` (TABARI) start comments.
fn strip_comment(line: &str) -> &str {
    match line.find(['#', ';']) {
        Some(i) => &line[..i],
        None => line,
    }
}

/// `AFGHAN_NATIONAL_ARMY_` → "AFGHAN NATIONAL ARMY"; parenthesised parts become their own forms.
fn phrase_forms(raw: &str) -> Vec<String> {
    let words = raw.trim().replace('_', " ");
    let mut forms = Vec::new();
    let mut outside = String::new();
    let mut rest = words.as_str();
    while let Some(open) = rest.find('(') {
        outside.push_str(&rest[..open]);
        let Some(close) = rest[open..].find(')') else {
            rest = &rest[open + 1..];
            continue;
        };
        let inner = rest[open + 1..open + close].trim();
        if !inner.is_empty() {
            forms.push(inner.to_string());
        }
        rest = &rest[open + close + 1..];
    }
    outside.push_str(rest);
    let main = outside.split_whitespace().collect::<Vec<_>>().join(" ");
    // "THE UNITED NATIONS" must match "the United Nations": the form without the article does.
    if let Some(bare) = main.strip_prefix("THE ").filter(|b| !b.is_empty()) {
        forms.insert(0, bare.to_string());
    }
    if !main.is_empty() {
        forms.insert(0, main);
    }
    forms
}

/// "VLADIMIR PUTIN" → "Vladimir Putin".
fn display_name(upper: &str) -> String {
    let mut out = String::with_capacity(upper.len());
    let mut start = true;
    for c in upper.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphanumeric() && c != '\'' && c != '’';
    }
    out
}

/// `YYMMDD` or `YYYYMMDD` → `YYYY-MM-DD`.
fn legacy_date(s: &str) -> Option<String> {
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (y, md) = match s.len() {
        6 => {
            let yy: u32 = s[..2].parse().ok()?;
            (if yy < 30 { 2000 + yy } else { 1900 + yy }, &s[2..])
        }
        8 => (s[..4].parse().ok()?, &s[4..]),
        _ => return None,
    };
    Some(format!("{y:04}-{}-{}", &md[..2], &md[2..]))
}

struct Code {
    code: String,
    from: Option<String>,
    to: Option<String>,
}

/// Every `[CODE dates]` group on a line.
fn parse_codes(s: &str, file: &str, line: usize) -> Result<Vec<Code>, DictionaryError> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(open) = rest.find('[') {
        // A few published files close a code with '}' or not at all: read to the line's end then.
        let close = rest[open..]
            .find(']')
            .or_else(|| rest[open..].find('}'))
            .unwrap_or(rest.len() - open);
        if rest[open + 1..open + close].contains('[') {
            return Err(error(file, line, "'[' inside a code"));
        }
        let inner = rest[open + 1..open + close].trim();
        rest = rest.get(open + close + 1..).unwrap_or("");
        let mut parts = inner.split_whitespace();
        let Some(code) = parts.next() else { continue };
        let code = code.trim_start_matches('~').to_string();
        let (mut from, mut to) = (None, None);
        if let Some(dates) = parts.next() {
            if let Some(d) = dates.strip_prefix('>') {
                from = legacy_date(d);
            } else if let Some(d) = dates.strip_prefix('<') {
                to = legacy_date(d);
            } else if let Some((a, b)) = dates.split_once('-') {
                from = legacy_date(a);
                to = legacy_date(b);
            }
        }
        out.push(Code { code, from, to });
    }
    Ok(out)
}

#[derive(Default)]
struct Pending {
    forms: Vec<String>,
    codes: Vec<Code>,
    line: usize,
}

fn flush(builder: &mut Builder, pending: &mut Pending) {
    if pending.codes.is_empty() {
        // Names without codes wait for the next entry with codes.
        return;
    }
    let p = std::mem::take(pending);
    let Some(first) = p.forms.first() else { return };
    let country = p
        .codes
        .iter()
        // `get`: a code may hold non-ASCII letters ("CHÜGOV"), where byte 3 is not a char boundary.
        .filter_map(|c| c.code.get(..3))
        .find(|prefix| !ROLE_CODES.contains(prefix));
    let dated = p.codes.iter().any(|c| c.from.is_some() || c.to.is_some());
    let mut roles = Vec::new();
    for c in &p.codes {
        if c.code.starts_with("---") || c.code.is_empty() {
            continue;
        }
        // A bare role ("[ELI]") belongs to the entry's country.
        let code = if c.code.len() == 3 && ROLE_CODES.contains(&c.code.as_str()) {
            match country {
                Some(k) => format!("{k}{}", c.code),
                None => continue,
            }
        } else {
            c.code.clone()
        };
        roles.push(DatedActor {
            actor: Actor {
                code,
                ..Actor::default()
            },
            title: None,
            from: c.from.clone(),
            to: c.to.clone(),
        });
    }
    if roles.is_empty() {
        return;
    }
    // An undated fallback code after dated ones ("[ELI]") holds outside the dated spans only: drop it,
    // the date logic already makes former office holders elites.
    if dated {
        roles.retain(|r| r.from.is_some() || r.to.is_some());
    }
    let kind = if dated {
        EntryKind::Person
    } else {
        EntryKind::Organization
    };
    let entry = Entry {
        name: display_name(first),
        kind,
        gender: None,
        roles,
    };
    builder.legacy_entries.push((entry, with_written_case(p.forms)));
}

/// Legacy forms are in capitals ("ZÜRICH"), and the matcher folds ASCII letters only: a form with a
/// non-ASCII letter would never meet the name as running text writes it ("Zürich"). Such a form is kept
/// (for headlines in capitals) and added in the case names are written in.
fn with_written_case(mut forms: Vec<String>) -> Vec<String> {
    let written: Vec<String> = forms
        .iter()
        .filter(|f| !f.is_ascii())
        .map(|f| display_name(f))
        .filter(|w| !forms.contains(w))
        .collect();
    forms.extend(written);
    forms
}

fn load_actors(builder: &mut Builder, file: &str, text: &str) -> Result<(), DictionaryError> {
    let mut pending = Pending::default();
    for (i, raw) in text.lines().enumerate() {
        let line_no = i + 1;
        let line = strip_comment(raw);
        if line.trim().is_empty() {
            continue;
        }
        let (phrase, codes_text) = match line.find('[') {
            Some(b) => (&line[..b], &line[b..]),
            None => (line, ""),
        };
        let codes = parse_codes(codes_text, file, line_no)?;
        let trimmed = phrase.trim();
        if let Some(syn) = trimmed.strip_prefix('+') {
            if pending.forms.is_empty() {
                return Err(error(file, line_no, "synonym '+' before any entry"));
            }
            pending.forms.extend(phrase_forms(syn));
            pending.codes.extend(codes);
        } else if trimmed.is_empty() || phrase.starts_with([' ', '\t']) && trimmed.is_empty() {
            if pending.forms.is_empty() {
                return Err(error(file, line_no, "codes before any entry"));
            }
            pending.codes.extend(codes);
        } else {
            flush(builder, &mut pending);
            if pending.forms.is_empty() {
                pending.line = line_no;
            }
            pending.forms.extend(phrase_forms(trimmed));
            pending.codes.extend(codes);
        }
    }
    flush(builder, &mut pending);
    let _ = pending.line;
    Ok(())
}

/// Regular English plural of a noun phrase's last word.
fn plural(phrase: &str) -> String {
    let (head, last) = match phrase.rfind(' ') {
        Some(i) => (&phrase[..=i], &phrase[i + 1..]),
        None => ("", phrase),
    };
    let b = last.as_bytes();
    let p = if let Some(stem) = last.strip_suffix("man") {
        format!("{stem}men")
    } else if b.len() > 1 && last.ends_with('y') && !b"aeiou".contains(&b[b.len() - 2]) {
        format!("{}ies", &last[..last.len() - 1])
    } else if ["s", "x", "z", "ch", "sh"].iter().any(|e| last.ends_with(e)) {
        format!("{last}es")
    } else {
        format!("{last}s")
    };
    format!("{head}{p}")
}

fn load_agents(builder: &mut Builder, file: &str, text: &str) -> Result<(), DictionaryError> {
    let mut sets: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (i, raw) in text.lines().enumerate() {
        let line_no = i + 1;
        let line = strip_comment(raw).trim();
        if line.is_empty() {
            continue;
        }
        if line.starts_with('!') && line.contains('=') {
            let (name, values) = line.split_once('=').unwrap_or_default();
            let values = values
                .split(',')
                .map(|v| v.trim().to_lowercase())
                .filter(|v| !v.is_empty())
                .collect();
            sets.insert(name.trim().to_string(), values);
            continue;
        }
        // A noun without a code cannot code anything (the published files have a few): skip it.
        let Some(open) = line.find('[') else { continue };
        let codes = parse_codes(&line[open..], file, line_no)?;
        let role = codes
            .first()
            .and_then(|c| c.code.get(..3))
            .filter(|r| ROLE_CODES.contains(r))
            .map(str::to_string);
        let mut phrase = &line[..open];
        let mut plurals: Option<Vec<String>> = None;
        if let Some(b) = phrase.find('{') {
            let close = phrase[b..].find('}').map(|c| b + c).unwrap_or(phrase.len());
            let inner = &phrase[b + 1..close.min(phrase.len())];
            plurals = Some(
                inner
                    .split_whitespace()
                    .flat_map(phrase_forms)
                    .map(|p| p.to_lowercase())
                    .collect(),
            );
            phrase = &phrase[..b];
        }
        let phrase = phrase.trim();
        // Expand substitution sets ("CATTLE!PERSON!" → cattleman, cattlemen, …).
        let mut expanded = vec![String::new()];
        let mut rest = phrase;
        let mut substituted = false;
        while let Some(a) = rest.find('!') {
            let Some(b) = rest[a + 1..].find('!').map(|b| a + 1 + b) else {
                break;
            };
            let name = &rest[a..=b];
            let Some(values) = sets.get(name) else {
                return Err(error(file, line_no, format!("unknown substitution set {name}")));
            };
            let prefix = &rest[..a];
            expanded = expanded
                .iter()
                .flat_map(|e| values.iter().map(move |v| format!("{e}{}{v}", prefix.to_lowercase())))
                .collect();
            rest = &rest[b + 1..];
            substituted = true;
        }
        let nouns: Vec<String> = expanded
            .into_iter()
            .flat_map(|e| phrase_forms(&format!("{e}{}", rest.to_lowercase())))
            .map(|p| p.to_lowercase())
            .collect();
        if nouns.is_empty() {
            continue;
        }
        let plurals = plurals.unwrap_or_else(|| {
            if substituted {
                Vec::new()
            } else {
                nouns.iter().map(|n| plural(n)).collect()
            }
        });
        builder.add_legacy_noun(role, nouns, plurals);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_dates_and_plurals() {
        assert_eq!(legacy_date("070723").as_deref(), Some("2007-07-23"));
        assert_eq!(legacy_date("320101").as_deref(), Some("1932-01-01"));
        assert_eq!(legacy_date("20070101").as_deref(), Some("2007-01-01"));
        assert_eq!(legacy_date("2004017"), None);
        assert_eq!(plural("police officer"), "police officers");
        assert_eq!(plural("militia"), "militias");
        assert_eq!(plural("deputy"), "deputies");
        assert_eq!(plural("chairman"), "chairmen");
        assert_eq!(plural("boss"), "bosses");
        assert_eq!(display_name("BAN KI-MOON"), "Ban Ki-Moon");
        assert_eq!(
            phrase_forms("ISLAMIC_ARMY_OF_ADEN_(IAA)_"),
            ["ISLAMIC ARMY OF ADEN", "IAA"]
        );
    }

    #[test]
    fn a_code_with_non_ascii_letters_is_kept_as_written() {
        // Codes are taken as written ("CHÜGOV"); the country is read without slicing inside a character.
        let mut b = Builder::default();
        let text = "ZUG_ [CHEGOV]\nZÜRICH_ [CHÜGOV]\n";
        load(&mut b, LegacyKind::Actors, "swiss.actors.txt", text).unwrap();
        // A short or role-only code list never slices past a character.
        let mut b = Builder::default();
        load(&mut b, LegacyKind::Actors, "x.actors.txt", "ÉTAT_ [GOV]\nAB_ [A]\n").unwrap();
    }

    #[test]
    fn file_kinds() {
        assert_eq!(kind_of("phoenix.agents.txt", ""), Some(LegacyKind::Agents));
        assert_eq!(kind_of("tabari.demo.actors", ""), Some(LegacyKind::Actors));
        assert_eq!(kind_of("cameo.080612.verbs", ""), None);
        assert_eq!(kind_of("my.txt", "# c\nFOO_ [FOOGOV]\n"), Some(LegacyKind::Actors));
        assert_eq!(kind_of("my.txt", "--- SAY [010] ---\n"), None);
        assert_eq!(kind_of("extra.cues.toml", "[[cue]]"), None);
    }
}
