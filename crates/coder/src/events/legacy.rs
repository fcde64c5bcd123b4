//! Import of legacy verb dictionaries as trigger entries: PETRARCH-2 (`CAMEO.2.0.txt`) and TABARI (`*.verbs`).
//!
//! PETRARCH-2: `--- DESCRIPTION [code] ---` opens a block of synonymous verbs, one a line (`VERB`, `VERB [code]`,
//! `VERB {IRREGULAR FORMS}`, `+MULTI_WORD_VERB`), followed by patterns `- * WORDS [code]`; `&NAME` opens a
//! synonym set of `+WORD` lines; `~` lines are transformations; `#` starts a comment. TABARI: `VERB [code]` at
//! the start of a line (a stem unless it ends in `_`), followed by its `- * WORDS [code]` patterns; `;` starts
//! a comment; `~~FINISH` ends the file.
//!
//! Each verb with a code becomes an entry; each pattern whose words simply follow the verb becomes a
//! multi-word entry for every verb of its block ("mobilize troops"). Patterns that need the legacy coders'
//! matching (source and target markers `$ + %`, synonym sets `&X`, noun phrases `{…}`, alternatives `|`,
//! words before the verb) are counted as skipped, as are verbs and patterns without a CAMEO code. Malformed
//! lines are reported (file and line) and skipped: importing never fails and never panics.

use super::lexicon::LegacyFormat;
use super::ontology::Ontology;
use crate::DictionaryError;

/// The most malformed lines reported per file (all are counted as skipped).
const MAX_PROBLEMS: usize = 20;

/// One entry read from a legacy dictionary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LegacyEntry {
    /// Lowercase words ("mobilize troops").
    pub lemma: String,
    pub code: String,
    pub line: usize,
    /// Explicit surface forms; `None`: inflect the first word as a regular or known irregular verb.
    pub forms: Option<Vec<String>>,
}

/// What reading one file gave.
#[derive(Debug, Default)]
pub(crate) struct Read {
    pub entries: Vec<LegacyEntry>,
    pub skipped: usize,
    /// Malformed lines (counted in `skipped` too); the first `MAX_PROBLEMS` are in `problems`.
    pub malformed: usize,
    pub problems: Vec<DictionaryError>,
}

impl Read {
    fn problem(&mut self, file: &str, line: usize, message: impl Into<String>) {
        self.skipped += 1;
        self.malformed += 1;
        if self.problems.len() < MAX_PROBLEMS {
            self.problems.push(DictionaryError {
                file: file.to_string(),
                line,
                message: message.into(),
            });
        }
    }
}

/// Which legacy verb dictionary a file is (by its lowercased base name, then its content); None otherwise.
pub(crate) fn format_of(base_name: &str, text: &str) -> Option<LegacyFormat> {
    if [".toml", ".json", ".jsonl", ".md"]
        .iter()
        .any(|e| base_name.ends_with(e))
    {
        return None;
    }
    // Other legacy dictionaries: actors and agents (read by the actor stage), discards, issues, options.
    if ["actor", "agent", "discard", "issue", "option", "project"]
        .iter()
        .any(|w| base_name.contains(w))
    {
        return None;
    }
    let verbs_name = base_name.ends_with(".verbs") || base_name.ends_with(".verbs.txt");
    if !verbs_name && !base_name.ends_with(".txt") {
        return None;
    }
    if text.lines().any(|l| block_header(l).is_some()) {
        return Some(LegacyFormat::Petrarch);
    }
    if verbs_name && text.lines().any(|l| tabari_verb_line(strip_comment(l, ';'))) {
        return Some(LegacyFormat::Tabari);
    }
    None
}

/// Read a legacy verb dictionary into entries.
pub(crate) fn read(file: &str, text: &str, format: LegacyFormat, ontology: &Ontology) -> Read {
    match format {
        LegacyFormat::Petrarch => read_petrarch(file, text, ontology),
        LegacyFormat::Tabari => read_tabari(file, text, ontology),
    }
}

fn strip_comment(line: &str, mark: char) -> &str {
    let line = match line.find(mark) {
        Some(i) => &line[..i],
        None => line,
    };
    // PETRARCH also allows one-line XML comments.
    match (line.find("<!--"), line.find("-->")) {
        (Some(a), Some(b)) if b > a => &line[..a],
        _ => line,
    }
}

/// `---  ACCUSE   [112]  ---` → ("ACCUSE", "112").
fn block_header(line: &str) -> Option<(&str, &str)> {
    let inner = line.trim().strip_prefix("---")?.strip_suffix("---")?.trim();
    let (name, code) = split_code(inner)?;
    (!name.is_empty()).then_some((name, code?))
}

/// Split "WORDS [code]" into ("WORDS", Some("code")); ("WORDS", None) without brackets; None when a bracket
/// is not closed.
fn split_code(s: &str) -> Option<(&str, Option<&str>)> {
    match s.rfind('[') {
        None => (!s.contains(']')).then_some((s.trim(), None)),
        Some(open) => {
            let close = s[open..].find(']')? + open;
            Some((s[..open].trim(), Some(s[open + 1..close].trim())))
        }
    }
}

/// The CAMEO code a legacy code stands for: `---` (no event) and `###` (discard) have none; of a paired code
/// `042:043` (the source's and the target's event) the first part is the event of the verb's subject.
enum Code {
    Cameo(String),
    Null,
    Invalid,
}

fn cameo_code(raw: &str, ontology: &Ontology) -> Code {
    let raw = raw.trim();
    if raw.is_empty() || raw.chars().all(|c| c == '-' || c == '#') {
        return Code::Null;
    }
    let first = raw.split(':').next().unwrap_or("").trim();
    if first.is_empty() {
        // `[:173]`: only the target has an event; the verb's subject has none.
        return Code::Null;
    }
    if first.len() >= 2 && ontology.contains(first) {
        Code::Cameo(first.to_string())
    } else {
        Code::Invalid
    }
}

/// A word of a legacy verb or pattern: letters, digits, `'` and `-` (`_` joins words).
fn plain_word(w: &str) -> bool {
    let w = w.trim_end_matches('_');
    !w.is_empty()
        && w.chars().next().is_some_and(char::is_alphanumeric)
        && w.chars()
            .all(|c| c.is_alphanumeric() || c == '\'' || c == '-' || c == '_')
}

/// `+BLOW_UP` → "blow up"; None when it is not a sequence of plain words.
fn phrase(raw: &str) -> Option<String> {
    let raw = raw.trim().trim_start_matches('+');
    let words: Vec<String> = raw
        .split(|c: char| c == '_' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    (!words.is_empty() && words.iter().all(|w| plain_word(w))).then(|| words.join(" "))
}

/// The words of a pattern that follow the verb (`- * TROOPS (TO BORDER)` → "troops to border"); None when
/// the pattern needs more than word matching.
fn pattern_words(pattern: &str) -> Option<String> {
    let rest = pattern
        .trim()
        .strip_prefix("**")
        .or_else(|| pattern.trim().strip_prefix('*'))?;
    if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
        return None; // `*_AND_KILLED`: joined to the verb
    }
    let words: Vec<&str> = rest
        .split(|c: char| c.is_whitespace() || c == '(' || c == ')')
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() || !words.iter().all(|w| plain_word(w)) {
        return None;
    }
    let open = rest.matches('(').count();
    if open != rest.matches(')').count() {
        return None;
    }
    phrase(&words.join(" "))
}

/// A verb of a block or TABARI line, with the forms to attach pattern words to.
#[derive(Clone)]
struct Verb {
    lemma: String,
    forms: Option<Vec<String>>,
}

impl Verb {
    fn entry(&self, code: String, line: usize) -> LegacyEntry {
        LegacyEntry {
            lemma: self.lemma.clone(),
            code,
            line,
            forms: self.forms.clone(),
        }
    }

    fn with_words(&self, words: &str, code: String, line: usize) -> LegacyEntry {
        LegacyEntry {
            lemma: format!("{} {words}", self.lemma),
            code,
            line,
            forms: self
                .forms
                .as_ref()
                .map(|forms| forms.iter().map(|f| format!("{f} {words}")).collect()),
        }
    }
}

/// The current PETRARCH block: its code and its verbs so far.
#[derive(Default)]
struct Block {
    code: Option<String>,
    verbs: Vec<Verb>,
}

fn read_petrarch(file: &str, text: &str, ontology: &Ontology) -> Read {
    let mut out = Read::default();
    let mut block: Option<Block> = None;
    // Inside a synonym set (`&NAME` then `+WORD` lines, up to a blank line): `+` lines are its members.
    let mut in_synset = false;
    for (i, raw_line) in text.split_inclusive('\n').enumerate() {
        let line_no = i + 1;
        if raw_line.trim().is_empty() {
            in_synset = false;
            continue;
        }
        if raw_line.trim_start().starts_with("---") {
            in_synset = false;
            block = petrarch_header(raw_line, file, line_no, ontology, &mut out);
            continue;
        }
        let line = strip_comment(raw_line, '#').trim();
        if line.is_empty() {
            continue; // a comment line
        }
        if line.starts_with('~') {
            out.skipped += 1; // transformation rules work on coded events, not words
            continue;
        }
        if line.starts_with('&') {
            // Synonym sets are only usable inside patterns, which are skipped when they name one.
            in_synset = true;
            continue;
        }
        if in_synset && line.starts_with('+') {
            continue;
        }
        in_synset = false;
        let Some(b) = block.as_mut() else {
            out.problem(file, line_no, "a line outside any `--- VERB [code] ---` block");
            continue;
        };
        if let Some(pattern) = line.strip_prefix('-') {
            petrarch_pattern(pattern, b, file, line_no, ontology, &mut out);
        } else {
            petrarch_verb(line, b, file, line_no, ontology, &mut out);
        }
    }
    out
}

fn petrarch_header(line: &str, file: &str, line_no: usize, ontology: &Ontology, out: &mut Read) -> Option<Block> {
    let Some((_, code)) = block_header(strip_comment(line, '#')) else {
        out.problem(file, line_no, "a block header is `--- NAME [code] ---`");
        return None;
    };
    let code = match cameo_code(code, ontology) {
        Code::Cameo(c) => Some(c),
        Code::Null => None,
        Code::Invalid => {
            out.problem(file, line_no, format!("[{code}] is not a CAMEO event code"));
            None
        }
    };
    Some(Block {
        code,
        ..Block::default()
    })
}

/// `VERB`, `VERB [code]`, `VERB {FORMS}`, `+MULTI_WORD {+FORMS_WORD}`.
fn petrarch_verb(line: &str, block: &mut Block, file: &str, line_no: usize, ontology: &Ontology, out: &mut Read) {
    let Some((head, code)) = split_code(line) else {
        out.problem(file, line_no, "an unclosed [");
        return;
    };
    let (word, forms) = match head.find('{') {
        Some(open) => {
            let Some(close) = head[open..].find('}').map(|c| c + open) else {
                out.problem(file, line_no, "an unclosed {");
                return;
            };
            let listed: Option<Vec<String>> = head[open + 1..close]
                .split(|c: char| c.is_whitespace() || c == ',')
                .filter(|w| !w.is_empty())
                .map(phrase)
                .collect();
            (&head[..open], listed)
        }
        None => (head, Some(Vec::new())),
    };
    let (Some(lemma), Some(listed)) = (phrase(word), forms) else {
        out.problem(file, line_no, format!("{:?} is not a verb", line.trim()));
        return;
    };
    let explicit = head.contains('{');
    let forms = explicit.then(|| std::iter::once(lemma.clone()).chain(listed).collect());
    let verb = Verb { lemma, forms };
    let own = code.map(|c| cameo_code(c, ontology));
    match own {
        Some(Code::Cameo(c)) => out.entries.push(verb.entry(c, line_no)),
        Some(Code::Invalid) => out.problem(
            file,
            line_no,
            format!("[{}] is not a CAMEO event code", code.unwrap_or("")),
        ),
        Some(Code::Null) => out.skipped += 1,
        None => match &block.code {
            Some(c) => out.entries.push(verb.entry(c.clone(), line_no)),
            None => out.skipped += 1, // a verb that codes nothing on its own, only through its patterns
        },
    }
    block.verbs.push(verb);
}

/// `- * WORDS [code]`: one entry per verb of the block when the words simply follow the verb.
fn petrarch_pattern(pattern: &str, block: &Block, file: &str, line_no: usize, ontology: &Ontology, out: &mut Read) {
    let Some((body, Some(code))) = split_code(pattern) else {
        out.problem(file, line_no, "a pattern is `- * WORDS [code]`");
        return;
    };
    let code = match cameo_code(code, ontology) {
        Code::Cameo(c) => c,
        Code::Null => {
            out.skipped += 1;
            return;
        }
        Code::Invalid => {
            out.problem(file, line_no, format!("[{code}] is not a CAMEO event code"));
            return;
        }
    };
    match pattern_words(body) {
        Some(words) if !block.verbs.is_empty() => {
            for verb in &block.verbs {
                out.entries.push(verb.with_words(&words, code.clone(), line_no));
            }
        }
        _ => out.skipped += 1,
    }
}

/// `ABDUCT  [181]`, `BAN_ [172]`, `AIR_STRIKE  [---]`: a verb line of a TABARI dictionary.
fn tabari_verb_line(line: &str) -> bool {
    line.starts_with(char::is_uppercase)
        && split_code(line).is_some_and(|(head, code)| code.is_some() && phrase(head).is_some())
}

/// The surface forms of a TABARI verb: a single word is a stem ("ACCELERAT" matches "accelerated") unless it
/// ends in `_`; a phrase matches as written.
fn tabari_verb(head: &str) -> Option<Verb> {
    let lemma = phrase(head)?;
    let exact = head.trim().ends_with('_');
    let forms = if exact || lemma.contains(' ') {
        vec![lemma.clone()]
    } else {
        let mut forms = vec![lemma.clone()];
        for suffix in ["s", "es", "d", "ed", "ing", "e", "es"] {
            let form = format!("{lemma}{suffix}");
            if !forms.contains(&form) {
                forms.push(form);
            }
        }
        forms
    };
    Some(Verb {
        lemma,
        forms: Some(forms),
    })
}

fn read_tabari(file: &str, text: &str, ontology: &Ontology) -> Read {
    let mut out = Read::default();
    let mut verb: Option<Verb> = None;
    for (i, raw_line) in text.split_inclusive('\n').enumerate() {
        let line_no = i + 1;
        if raw_line.starts_with("~~") {
            break;
        }
        let line = strip_comment(raw_line, ';').trim_end();
        if line.trim().is_empty() {
            continue;
        }
        if let Some(pattern) = line.strip_prefix('-') {
            let Some(v) = verb.as_ref() else {
                out.problem(file, line_no, "a pattern before any verb");
                continue;
            };
            let Some((body, Some(code))) = split_code(pattern) else {
                out.problem(file, line_no, "a pattern is `- * WORDS [code]`");
                continue;
            };
            match (cameo_code(code, ontology), pattern_words(body)) {
                (Code::Cameo(c), Some(words)) => out.entries.push(v.with_words(&words, c, line_no)),
                (Code::Invalid, _) => out.problem(file, line_no, format!("[{code}] is not a CAMEO event code")),
                _ => out.skipped += 1,
            }
            continue;
        }
        verb = None;
        let parsed = split_code(line).filter(|_| !line.starts_with(char::is_whitespace));
        let Some((head, Some(code))) = parsed else {
            out.problem(file, line_no, "a verb line is `VERB [code]`");
            continue;
        };
        let Some(v) = tabari_verb(head) else {
            out.problem(file, line_no, format!("{:?} is not a verb", head.trim()));
            continue;
        };
        match cameo_code(code, ontology) {
            Code::Cameo(c) => out.entries.push(v.entry(c, line_no)),
            Code::Null => out.skipped += 1,
            Code::Invalid => out.problem(file, line_no, format!("[{code}] is not a CAMEO event code")),
        }
        verb = Some(v);
    }
    out
}

#[cfg(test)]
mod tests;
