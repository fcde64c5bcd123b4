//! Finding place names in a sentence and reading the words around them.
//!
//! At each word that starts some gazetteer name (capitalised, or a hyphenated Arabic article: "al-Aqsa"),
//! the longest name that the text spells exactly wins; its referents are every place of that name. The words
//! before it say how it is used: after a locative preposition (with fillers between: "in the southern port
//! city of Odesa") it is where something happens; followed by "said" or a possessive it is an actor
//! (metonymy: "Washington said", "Moscow's response"). A region noun after it ("Donetsk region"), a direction
//! before it ("eastern Ukraine"), a border phrase ("near the border with Ukraine") and a qualifier after a
//! comma ("Paris, Texas") are recorded for the resolver.

use super::cues::Cues;
use super::gazetteer::{Feature, Gazetteer, Referent};
use crate::text::{Token, TokenKind};

/// How a place name is used in its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PlaceRole {
    /// Where something is or happens: "in Brussels", "near Basra", "the outskirts of Kyiv".
    Locative,
    /// Metonymy: the place stands for its government ("Washington said", "Moscow's demands").
    Actor,
    /// The article's dateline ("GENEVA (Reuters) -").
    Dateline,
    /// Any other use ("the Kyiv government", "shelled Kharkiv", "the invasion of Ukraine").
    Other,
}

/// A name found in a sentence, before the resolver picks one of its places.
#[derive(Debug, Clone)]
pub struct RawMatch<'g> {
    pub sentence: usize,
    /// Token range of the name in the sentence's tokens.
    pub first_token: usize,
    pub last_token: usize,
    /// Byte span of the name as matched (a gazetteer spelling).
    pub start: usize,
    pub end: usize,
    /// End of the mention: past a region noun ("Donetsk region") when there is one.
    pub mention_end: usize,
    pub referents: &'g [Referent],
    pub role: PlaceRole,
    /// The locative preposition, lower case ("in", "near").
    pub preposition: Option<String>,
    /// The preposition says "close to" rather than "in" (near, outside, off).
    pub near: bool,
    /// A direction word right before the name ("eastern"), as written.
    pub direction: Option<String>,
    /// "border with X", "X's border": the place is the border area of X.
    pub border: bool,
    /// The words around the name prefer a kind: "the city of X", "X province".
    pub hint: Option<Feature>,
    /// Index (in the sentence's matches) of a place named after a comma that qualifies this one.
    pub qualifier: Option<usize>,
    /// This match qualifies the one before it.
    pub qualifies: bool,
}

/// The sentence's tokens with their text, for looking around a match.
pub struct Words<'t> {
    pub text: &'t str,
    pub tokens: &'t [Token],
}

impl Words<'_> {
    fn word(&self, i: usize) -> &str {
        self.tokens[i].text(self.text)
    }

    fn is_word(&self, i: usize) -> bool {
        self.tokens[i].kind == TokenKind::Word
    }

    /// The text between tokens `a` and `b` (exclusive) is only white space.
    fn adjacent(&self, a: usize, b: usize) -> bool {
        self.text[self.tokens[a].end..self.tokens[b].start].trim().is_empty()
    }
}

/// Whether a word opens names: upper-case first letter, or a hyphenated lower-case article ("al-Aqsa").
fn may_start_name(w: &str) -> bool {
    let first = w.chars().next();
    first.is_some_and(char::is_uppercase) || (first.is_some_and(char::is_lowercase) && w.contains('-'))
}

/// Every place name in one sentence's tokens, leftmost-longest.
pub fn find<'g>(gaz: &'g Gazetteer, cues: &Cues, sentence: usize, words: &Words) -> Vec<RawMatch<'g>> {
    let toks = words.tokens;
    let mut out: Vec<RawMatch<'g>> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !words.is_word(i) || !may_start_name(words.word(i)) {
            i += 1;
            continue;
        }
        let first = words.word(i).trim_end_matches('.');
        let max = gaz.max_words(first);
        if max == 0 {
            i += 1;
            continue;
        }
        // The ends of the spans of 1..=max words from token i (names have at most a dozen words).
        let mut ends = [0usize; 12];
        let max = max.min(ends.len());
        let mut n_words = 0;
        for (j, t) in toks.iter().enumerate().skip(i) {
            if t.kind == TokenKind::Word {
                if n_words == max {
                    break;
                }
                ends[n_words] = j;
                n_words += 1;
            } else if !matches!(t.text(words.text), "," | "." | "-" | "'" | "’" | "(" | ")" | "&") {
                break;
            }
        }
        let found = ends[..n_words].iter().rev().find_map(|&j| {
            let mut end = toks[j].end;
            let mut refs = gaz.lookup(&words.text[toks[i].start..end]);
            // "D.C." written with its final period as a separate token.
            if refs.is_empty()
                && toks
                    .get(j + 1)
                    .is_some_and(|t| t.start == end && t.text(words.text) == ".")
            {
                end += 1;
                refs = gaz.lookup(&words.text[toks[i].start..end]);
                if !refs.is_empty() {
                    return Some((j + 1, end, refs));
                }
                return None;
            }
            (!refs.is_empty()).then_some((j, end, refs))
        });
        let Some((j, end, referents)) = found else {
            i += 1;
            continue;
        };
        if cues.not_places.contains(&words.text[toks[i].start..end]) {
            i = j + 1;
            continue;
        }
        let mut m = RawMatch {
            sentence,
            first_token: i,
            last_token: j,
            start: toks[i].start,
            end,
            mention_end: end,
            referents,
            role: PlaceRole::Other,
            preposition: None,
            near: false,
            direction: None,
            border: false,
            hint: None,
            qualifier: None,
            qualifies: false,
        };
        read_context(gaz, cues, words, &mut m, out.last());
        out.push(m);
        i = j + 1;
    }
    link_qualifiers(words, &mut out);
    out
}

/// "the North" standing for a country the article names whose name begins with that direction ("North
/// Korea"): a capitalised direction after "the" and not before another capitalised word ("the North
/// Atlantic"). `countries` maps the direction as written ("North") to the named country's referents.
pub fn find_elliptic<'g>(
    gaz: &'g Gazetteer,
    cues: &Cues,
    sentence: usize,
    words: &Words,
    countries: &[(&str, &'g [Referent])],
) -> Vec<RawMatch<'g>> {
    let toks = words.tokens;
    let mut out: Vec<RawMatch<'g>> = Vec::new();
    for i in 1..toks.len() {
        let w = words.word(i);
        let Some(&(_, referents)) = countries.iter().find(|(d, _)| *d == w) else {
            continue;
        };
        let after_the = words.is_word(i - 1) && words.word(i - 1).eq_ignore_ascii_case("the");
        let before_name = toks.get(i + 1).is_some_and(|t| {
            t.kind != TokenKind::Punct && t.text(words.text).chars().next().is_some_and(char::is_uppercase)
        });
        // "the North-South corridor": part of a longer word.
        let joined = toks
            .get(i + 1)
            .is_some_and(|t| t.start == toks[i].end && matches!(t.text(words.text), "-" | "‐"));
        if !after_the || before_name || joined {
            continue;
        }
        out.push(described(gaz, cues, sentence, words, (i, i), referents));
    }
    out
}

/// A place the text describes rather than names ("the North", "the Finnish capital"), over tokens
/// `first..=last`, with its role read from the words around it like a name's.
pub fn described<'g>(
    gaz: &'g Gazetteer,
    cues: &Cues,
    sentence: usize,
    words: &Words,
    (first, last): (usize, usize),
    referents: &'g [Referent],
) -> RawMatch<'g> {
    let toks = words.tokens;
    let mut m = RawMatch {
        sentence,
        first_token: first,
        last_token: last,
        start: toks[first].start,
        end: toks[last].end,
        mention_end: toks[last].end,
        referents,
        role: PlaceRole::Other,
        preposition: None,
        near: false,
        direction: None,
        border: false,
        hint: None,
        qualifier: None,
        qualifies: false,
    };
    read_context(gaz, cues, words, &mut m, None);
    // "in the North" names the country; a direction word read as "northern X" does not apply.
    m.direction = None;
    m
}

/// "the Finnish capital": tokens (adjective, "capital") after "the" whose adjective is a country's, as
/// `country_of(start, end)` of the adjective's span says.
pub fn capital_phrases<'a>(
    words: &'a Words,
    country_of: impl Fn(usize, usize) -> Option<&'a str> + 'a,
) -> impl Iterator<Item = (usize, usize, &'a str)> + 'a {
    let toks = words.tokens;
    (2..toks.len()).filter_map(move |i| {
        let is_capital = words.is_word(i) && words.word(i) == "capital";
        let the = words.is_word(i - 2) && words.word(i - 2).eq_ignore_ascii_case("the");
        let adjective = words.is_word(i - 1) && words.word(i - 1).chars().next().is_some_and(char::is_uppercase);
        if !(is_capital && the && adjective) {
            return None;
        }
        country_of(toks[i - 1].start, toks[i - 1].end).map(|c| (i - 1, i, c))
    })
}

/// Role, preposition, direction, border, region noun and hint of a match, from the words around it.
fn read_context(gaz: &Gazetteer, cues: &Cues, words: &Words, m: &mut RawMatch, previous: Option<&RawMatch>) {
    let toks = words.tokens;
    // After the name: a region noun ("Donetsk region"), a border ("Ukraine's border"), a possessive or a verb.
    let mut k = m.last_token + 1;
    let possessive = toks.get(k).is_some_and(|t| matches!(t.text(words.text), "'s" | "’s"));
    if possessive {
        k += 1;
    }
    if let Some(next) = toks.get(k).filter(|t| t.kind == TokenKind::Word) {
        let w = next.text(words.text);
        if !possessive && Cues::is(&cues.region_nouns, w) && has_area(gaz, m.referents) {
            m.mention_end = next.end;
            m.hint = Some(Feature::Admin1);
        } else if Cues::is(&cues.border_nouns, w) && is_country(gaz, m.referents) {
            m.border = true;
        } else if possessive && Cues::is(&cues.directions, w) {
            // "Ukraine's east": the eastern part of the place.
            m.direction = Some(w.to_string());
        } else if possessive || Cues::is(&cues.actor_followers, w) {
            m.role = PlaceRole::Actor;
        } else if !possessive && Cues::is(&cues.modified_nouns, w) {
            // "Gaza rocket fire", "the Kyiv government": the name describes the noun.
            return;
        }
    } else if possessive {
        m.role = PlaceRole::Actor;
    }
    let possessive_actor = possessive && m.role == PlaceRole::Actor;
    // "visiting Washington", "toured Bucha": the verb's object is where it happens.
    if m.first_token > 0 && Cues::is(&cues.visit_verbs, words.word(m.first_token - 1)) && m.role != PlaceRole::Actor {
        m.role = PlaceRole::Locative;
        m.preposition = Some(words.word(m.first_token - 1).to_lowercase());
        return;
    }
    // Before the name: walk back over fillers to a locative preposition.
    let mut b = m.first_token;
    if b > 0 && words.is_word(b - 1) && Cues::is(&cues.directions, words.word(b - 1)) && words.adjacent(b - 1, b) {
        // "north of Kyiv" is a preposition phrase; "northern Kyiv" a direction.
        m.direction = Some(words.word(b - 1).to_string());
        b -= 1;
    }
    let mut skipped = 0;
    let mut saw_of = false;
    while b > 0 && skipped < 8 {
        b -= 1;
        let t = &toks[b];
        let w = t.text(words.text);
        if t.kind == TokenKind::Punct {
            if matches!(w, "," | ")" | "(") && skipped == 0 {
                break;
            }
            if w == "-" || w == "‐" {
                skipped += 1;
                continue;
            }
            break;
        }
        let lower = w.to_lowercase();
        if lower == "of" || lower == "with" {
            saw_of = true;
            // "the border with X", "the border of X"
            if b > 0 && Cues::is(&cues.border_nouns, words.word(b - 1)) && is_country(gaz, m.referents) {
                m.border = true;
            }
            // "north of X", "20 km east of X": close to X.
            if b > 0 && Cues::is(&cues.directions, words.word(b - 1)) {
                m.role = PlaceRole::Locative;
                m.near = true;
                m.preposition = Some(format!("{} of", words.word(b - 1).to_lowercase()));
                return;
            }
            skipped += 1;
            continue;
        }
        if Cues::is(&cues.locative, &lower) && !(saw_of && lower == "on") {
            if possessive_actor {
                // "in Moscow's view": the possessive's noun is where the preposition points.
                return;
            }
            if Cues::is(&cues.weak, &lower) && skipped == 0 && only_countries(gaz, m.referents) && !m.border {
                // "sanctions on Iran", "an appeal to Russia": the country is what the event is about.
                return;
            }
            m.role = PlaceRole::Locative;
            m.near = Cues::is(&cues.near, &lower);
            m.preposition = Some(lower);
            return;
        }
        if m.hint.is_none() && saw_of {
            m.hint = hint_of(&lower);
        }
        let demonym = t.kind == TokenKind::Word && w.chars().next().is_some_and(char::is_uppercase) && is_demonym(w);
        if Cues::is(&cues.fillers, &lower) || Cues::is(&cues.border_nouns, &lower) || demonym || is_distance(&lower) {
            if m.hint.is_none() && skipped == 0 {
                m.hint = hint_of(&lower);
            }
            skipped += 1;
            continue;
        }
        if t.kind == TokenKind::Number {
            skipped += 1;
            continue;
        }
        break;
    }
    // "in Kyiv and Lviv", "in Kyiv, Lviv and Odesa": a coordinated name shares the previous one's role.
    if let Some(p) = previous.filter(|p| p.role == PlaceRole::Locative && !p.border) {
        let gap = &words.text[p.mention_end.min(m.start)..m.start];
        let g = gap.trim();
        if matches!(g, "and" | "or" | "," | ", and" | ", or" | "as well as") && m.role != PlaceRole::Actor {
            m.role = PlaceRole::Locative;
            m.near = p.near;
            m.preposition = p.preposition.clone();
        }
    }
}

/// A noun before "of" or before the name that says what kind of place follows.
fn hint_of(w: &str) -> Option<Feature> {
    match w {
        "city" | "town" | "village" | "capital" | "port" | "suburb" | "kibbutz" => Some(Feature::City),
        "region" | "province" | "state" | "oblast" | "governorate" | "district" | "county" => Some(Feature::Admin1),
        _ => None,
    }
}

/// "Ukrainian", "Syrian", "Egyptian", "Israeli", "Chinese", "Turkish": a capitalised adjective of nationality.
fn is_demonym(w: &str) -> bool {
    ["an", "ese", "ish", "i", "ch", "ic"].iter().any(|s| w.ends_with(s)) && w.len() > 3
}

fn is_distance(w: &str) -> bool {
    matches!(
        w,
        "km" | "kilometers" | "kilometres" | "miles" | "mile" | "meters" | "metres" | "some" | "about"
    )
}

fn has_area(gaz: &Gazetteer, refs: &[Referent]) -> bool {
    refs.iter()
        .any(|r| matches!(gaz.place(r.place).feature, Feature::Admin1 | Feature::Region))
}

fn only_countries(gaz: &Gazetteer, refs: &[Referent]) -> bool {
    refs.iter().all(|r| gaz.place(r.place).feature == Feature::Country)
}

fn is_country(gaz: &Gazetteer, refs: &[Referent]) -> bool {
    refs.iter().any(|r| gaz.place(r.place).feature == Feature::Country)
}

/// "Paris, Texas", "Kramatorsk, Ukraine": a name right after a comma that follows another qualifies it.
fn link_qualifiers(words: &Words, matches: &mut [RawMatch]) {
    for k in 1..matches.len() {
        let (a, b) = (&matches[k - 1], &matches[k]);
        if a.mention_end > b.start {
            continue;
        }
        let between = &words.text[a.mention_end..b.start];
        if between.trim() == "," && b.direction.is_none() {
            matches[k - 1].qualifier = Some(k);
            matches[k].qualifies = true;
            if matches[k - 1].role == PlaceRole::Locative || matches[k].role != PlaceRole::Actor {
                let (role, prep, near) = (
                    matches[k - 1].role,
                    matches[k - 1].preposition.clone(),
                    matches[k - 1].near,
                );
                matches[k].role = role;
                matches[k].preposition = prep;
                matches[k].near = near;
            }
        }
    }
}
