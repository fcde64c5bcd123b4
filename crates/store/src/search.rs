//! Full-text search: what a person types, turned into an FTS5 query that does what it says.
//!
//! Words and `"quoted phrases"` must all occur (stemmed: `shelling` finds "shelled"); `OR`, `AND` and `NOT`
//! (upper case) combine them; `-word` leaves out what contains the word; `prefix*` finds words that begin
//! with the prefix. What would not do what it says is refused with a message: an operator without a word on
//! each side, a search of nothing but left-out words, or more words than a search can answer quickly.
//!
//! Prefixes need care: the index holds Porter stems, and FTS5 stems a prefix too, so `Rus*` would become
//! `ru*` and find "Rubio". A prefix whose stem is not itself is therefore expanded into the indexed stems
//! that begin with it.

use rusqlite::Connection;

use crate::{Error, Result};

/// The most distinct words (or phrases, or prefixes) one search may hold: each one is a scan of the index.
pub const MAX_TERMS: usize = 64;
/// The most words in one quoted phrase.
pub const MAX_PHRASE_WORDS: usize = 64;
/// The most indexed words a prefix may stand for.
pub const MAX_PREFIX_WORDS: usize = 200;

/// One searched thing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    /// A word as typed (punctuation inside it, as in `open-door`, makes it a phrase of its parts).
    Word(String),
    /// The words of a `"quoted phrase"`.
    Phrase(String),
    /// `prefix*`: letters and digits only, lower-cased.
    Prefix(String),
}

/// A piece of the positive part of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    Term(Term),
    And,
    Or,
    Not,
}

/// A parsed search: what must match, and what must not (`-word`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Parsed {
    pub positive: Vec<Item>,
    pub negative: Vec<Term>,
}

fn invalid(input: &str, why: impl std::fmt::Display) -> Error {
    Error::Invalid(format!("search {input:?}: {why}"))
}

/// Parses what a person typed; refuses what FTS5 would misread or answer slowly.
pub fn parse(input: &str) -> Result<Parsed> {
    let mut parsed = Parsed::default();
    let mut rest = input.trim();
    while !rest.is_empty() {
        let negated =
            rest.len() > 1 && rest.starts_with('-') && rest[1..].starts_with(|c: char| c == '"' || c.is_alphanumeric());
        if negated {
            rest = &rest[1..];
        }
        let (term, after) = if let Some(after) = rest.strip_prefix('"') {
            let end = after.find('"').unwrap_or(after.len());
            let phrase = after[..end].trim();
            let words = phrase
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .count();
            if words > MAX_PHRASE_WORDS {
                return Err(invalid(
                    input,
                    format!("a phrase may hold {MAX_PHRASE_WORDS} words at most"),
                ));
            }
            let term = (words > 0).then(|| Item::Term(Term::Phrase(phrase.to_string())));
            (term, after.get(end + 1..).unwrap_or(""))
        } else {
            let end = rest.find(|c: char| c.is_whitespace() || c == '"').unwrap_or(rest.len());
            let word = &rest[..end];
            let item = match word {
                "AND" if !negated => Some(Item::And),
                "OR" if !negated => Some(Item::Or),
                "NOT" if !negated => Some(Item::Not),
                _ => match word.strip_suffix('*') {
                    Some(stem) if !stem.is_empty() && stem.chars().all(char::is_alphanumeric) => {
                        Some(Item::Term(Term::Prefix(stem.to_lowercase())))
                    }
                    Some(stem) if stem.chars().any(char::is_alphanumeric) => {
                        return Err(invalid(
                            input,
                            format!("{word}: a prefix* is letters and digits followed by one *"),
                        ));
                    }
                    _ => word
                        .chars()
                        .any(char::is_alphanumeric)
                        .then(|| Item::Term(Term::Word(word.to_string()))),
                },
            };
            (item, &rest[end..])
        };
        rest = after.trim_start();
        match (term, negated) {
            (Some(Item::Term(term)), true) => {
                if !parsed.negative.contains(&term) {
                    parsed.negative.push(term);
                }
            }
            (Some(item), _) => parsed.positive.push(item),
            (None, _) => {}
        }
    }
    check(input, &mut parsed)?;
    Ok(parsed)
}

/// Operators need a term on each side; a search needs something to find; repeated words of a plain list
/// count once (`Russia Russia Russia` is `Russia`), and there is a limit to distinct ones.
fn check(input: &str, parsed: &mut Parsed) -> Result<()> {
    let operator = |item: &Item| !matches!(item, Item::Term(_));
    let name = |item: &Item| match item {
        Item::And => "AND",
        Item::Or => "OR",
        _ => "NOT",
    };
    if let Some(first) = parsed.positive.first().filter(|i| operator(i)) {
        let hint = if *first == Item::Not {
            ": to leave a word out, search for something else too, e.g. `sanctions -Russia` or `sanctions NOT Russia`"
        } else {
            ""
        };
        return Err(invalid(input, format!("{} needs a word before it{hint}", name(first))));
    }
    if let Some(last) = parsed.positive.last().filter(|i| operator(i)) {
        return Err(invalid(input, format!("{} needs a word after it", name(last))));
    }
    if let Some(pair) = parsed.positive.windows(2).find(|w| operator(&w[0]) && operator(&w[1])) {
        return Err(invalid(
            input,
            format!(
                "{} {}: two operators in a row (write `a NOT b`, not `a AND NOT b`)",
                name(&pair[0]),
                name(&pair[1])
            ),
        ));
    }
    if parsed.positive.is_empty() {
        return Err(if parsed.negative.is_empty() {
            invalid(input, "nothing to search for")
        } else {
            invalid(
                input,
                "only left-out words: a search needs at least one word to find (e.g. `sanctions -Russia`)",
            )
        });
    }
    if !parsed.positive.iter().any(operator) {
        let mut seen: Vec<String> = Vec::new();
        parsed.positive.retain(|item| {
            let Item::Term(term) = item else { return true };
            let key = format!("{term:?}").to_lowercase();
            if seen.contains(&key) {
                false
            } else {
                seen.push(key);
                true
            }
        });
    }
    let terms = parsed.positive.iter().filter(|i| !operator(i)).count() + parsed.negative.len();
    if terms > MAX_TERMS {
        return Err(invalid(
            input,
            format!("{terms} different words; a search may hold {MAX_TERMS} at most"),
        ));
    }
    Ok(())
}

fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// A token no text holds (private-use characters are token characters to FTS5's unicode61 tokenizer):
/// what a prefix that matches no indexed word becomes.
const NOTHING: &str = "\"\u{E000}\u{E001}\"";

/// The FTS5 query of a parsed search; `prefix` turns a prefix into its FTS5 form.
pub fn to_fts(parsed: &Parsed, prefix: &mut dyn FnMut(&str) -> Result<String>) -> Result<String> {
    let mut term = |t: &Term| -> Result<String> {
        Ok(match t {
            Term::Word(w) => quoted(w),
            Term::Phrase(p) => quoted(p),
            Term::Prefix(p) => prefix(p)?,
        })
    };
    let mut positive = Vec::with_capacity(parsed.positive.len());
    for item in &parsed.positive {
        positive.push(match item {
            Item::Term(t) => term(t)?,
            Item::And => "AND".into(),
            Item::Or => "OR".into(),
            Item::Not => "NOT".into(),
        });
    }
    let positive = positive.join(" ");
    if parsed.negative.is_empty() {
        return Ok(positive);
    }
    let negative: Vec<String> = parsed.negative.iter().map(&mut term).collect::<Result<_>>()?;
    Ok(format!("({positive}) NOT ({})", negative.join(" OR ")))
}

/// The FTS5 query of `input` with prefixes left as FTS5 prefix queries (for tests and callers without a
/// database; [`fts_query_for`] expands prefixes properly).
pub fn fts_query(input: &str) -> Result<String> {
    to_fts(&parse(input)?, &mut |p| Ok(format!("{}*", quoted(p))))
}

/// The FTS5 query of `input` for the indexes of this database (`tables`: FTS5 tables whose vocabularies
/// expand prefixes).
pub fn fts_query_for(conn: &Connection, input: &str, tables: &[&str]) -> Result<String> {
    let parsed = parse(input)?;
    to_fts(&parsed, &mut |p| prefix_query(conn, input, p, tables))
}

/// `p*` as FTS5 should see it: `"p"*` when `p` is its own stem; else the indexed stems that begin with `p`.
fn prefix_query(conn: &Connection, input: &str, prefix: &str, tables: &[&str]) -> Result<String> {
    let own = stems(conn, &[prefix])?;
    if own.first().map(String::as_str) == Some(prefix) {
        return Ok(format!("{}*", quoted(prefix)));
    }
    let mut words: Vec<String> = Vec::new();
    let upper = next_prefix(prefix);
    for table in tables {
        let vocab = format!("detente_vocab_{table}");
        conn.execute_batch(&format!(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.{vocab} USING fts5vocab(main, {table}, 'row');"
        ))?;
        let mut stmt = conn.prepare(&format!(
            "SELECT term FROM temp.{vocab} WHERE term >= ?1 AND term < ?2 LIMIT {}",
            MAX_PREFIX_WORDS + 1
        ))?;
        let found = stmt.query_map([prefix, upper.as_str()], |r| r.get::<_, String>(0))?;
        for word in found {
            let word = word?;
            if !words.contains(&word) {
                words.push(word);
            }
        }
    }
    if words.len() > MAX_PREFIX_WORDS {
        return Err(invalid(
            input,
            format!("{prefix}* stands for more than {MAX_PREFIX_WORDS} words: give more letters"),
        ));
    }
    // A stem is searched as a word, which FTS5 stems again: keep the stems that stay themselves.
    let restemmed = stems(conn, &words.iter().map(String::as_str).collect::<Vec<_>>())?;
    let words: Vec<String> = words
        .into_iter()
        .zip(restemmed)
        .filter(|(word, stem)| word == stem)
        .map(|(word, _)| quoted(&word))
        .collect();
    Ok(match words.len() {
        0 => NOTHING.to_string(),
        1 => words[0].clone(),
        _ => format!("({})", words.join(" OR ")),
    })
}

/// The smallest string after every string that begins with `prefix` (for a range scan).
fn next_prefix(prefix: &str) -> String {
    let mut chars: Vec<char> = prefix.chars().collect();
    while let Some(last) = chars.pop() {
        if let Some(next) = char::from_u32(last as u32 + 1) {
            chars.push(next);
            return chars.into_iter().collect();
        }
    }
    "\u{10FFFF}".into()
}

/// The Porter stems the indexes' tokenizer makes of single words (one per word; "" when a word has none).
fn stems(conn: &Connection, words: &[&str]) -> Result<Vec<String>> {
    conn.execute_batch(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.detente_stemmer USING fts5(x, tokenize='porter unicode61');
         CREATE VIRTUAL TABLE IF NOT EXISTS temp.detente_stemmer_terms
             USING fts5vocab(temp, detente_stemmer, 'instance');
         DELETE FROM temp.detente_stemmer;",
    )?;
    {
        let mut insert = conn.prepare_cached("INSERT INTO temp.detente_stemmer(rowid, x) VALUES (?1, ?2)")?;
        for (i, word) in words.iter().enumerate() {
            insert.execute(rusqlite::params![i as i64 + 1, word])?;
        }
    }
    let mut out = vec![String::new(); words.len()];
    let mut stmt = conn.prepare_cached("SELECT doc, term FROM temp.detente_stemmer_terms ORDER BY doc, offset")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
    for row in rows {
        let (doc, term) = row?;
        if let Some(slot) = out.get_mut(doc as usize - 1)
            && slot.is_empty()
        {
            *slot = term;
        }
    }
    conn.execute_batch("DELETE FROM temp.detente_stemmer;")?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operators_phrases_prefixes_and_negation() {
        assert_eq!(fts_query("open-door policy").unwrap(), "\"open-door\" \"policy\"");
        assert_eq!(
            fts_query("\"U.S. sanctions\" OR Iran").unwrap(),
            "\"U.S. sanctions\" OR \"Iran\""
        );
        assert_eq!(fts_query("Rus*").unwrap(), "\"rus\"*");
        assert_eq!(
            fts_query("sanctions -Russia -\"oil price\"").unwrap(),
            "(\"sanctions\") NOT (\"Russia\" OR \"oil price\")"
        );
        assert_eq!(
            fts_query("sanctions NOT Russia").unwrap(),
            "\"sanctions\" NOT \"Russia\""
        );
        // A hyphen inside or after a word is not negation.
        assert_eq!(fts_query("cease-fire - talks").unwrap(), "\"cease-fire\" \"talks\"");
    }

    #[test]
    fn what_would_not_do_what_it_says_is_refused() {
        for (query, says) in [
            ("NOT Russia", "NOT needs a word before it"),
            ("-Russia", "only left-out words"),
            ("Russia AND", "AND needs a word after it"),
            ("Russia AND NOT Ukraine", "two operators in a row"),
            ("  ", "nothing to search for"),
            ("R.u*", "a prefix* is letters and digits"),
        ] {
            let err = fts_query(query).unwrap_err().to_string();
            assert!(err.contains(says), "{query}: {err}");
        }
        let many: Vec<String> = (0..MAX_TERMS + 1).map(|i| format!("word{i}")).collect();
        assert!(fts_query(&many.join(" ")).unwrap_err().to_string().contains("at most"));
    }

    #[test]
    fn repeated_words_count_once() {
        let query = vec!["Russia"; 1000].join(" ");
        assert_eq!(fts_query(&query).unwrap(), "\"Russia\"");
        assert_eq!(fts_query("Kyiv kyiv Kyiv Lviv").unwrap(), "\"Kyiv\" \"Lviv\"");
    }
}
