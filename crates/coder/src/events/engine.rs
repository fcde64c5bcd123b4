//! The pattern engine: a shallow reading of each sentence over tokens, actor mentions and closed-class words.
//!
//! For every trigger it finds the source (subject, possessor, passive agent, light-verb subject, speaker),
//! the target (object, prepositional object, complement subject, "between X and Y", context), negation and
//! modality, and the complement structure of control verbs ("threatened to invade" is a threat, not an
//! invasion). No part-of-speech tagger: closed-class words and the lexicon carry the grammar.

// Nested `if`s keep each grammatical condition on its own line.
#![allow(clippy::collapsible_if)]

use super::EventCoder;
use super::explain::{SentenceTrace, TriggerTrace};
use super::lexicon::{FormKind, Frame, Payload, Pos};
use crate::text::{Token, TokenKind, tokenize_into};
use detente_records::{Actor, Event, Mention, MentionKind, Quote, Sentence, Trigger};

const BE: &[&str] = &[
    "am", "is", "are", "was", "were", "be", "been", "being", "get", "got", "gets", "getting",
];
const HAVE: &[&str] = &["has", "have", "had", "having"];
const DO: &[&str] = &["do", "does", "did"];
const MODAL_IRREALIS: &[&str] = &["would", "could", "may", "might", "should", "can", "must", "'d", "’d"];
const MODAL_FUTURE: &[&str] = &["will", "shall", "'ll", "’ll"];
const NEG: &[&str] = &["not", "never", "no", "cannot"];
const CHAIN_ADVERBS: &[&str] = &[
    "also",
    "already",
    "still",
    "just",
    "again",
    "now",
    "then",
    "further",
    "once",
    "even",
    "soon",
    "yet",
    "ever",
    "first",
    "subsequently",
    "initially",
    "effectively",
    "rather",
    // "to help support X": "help" adds nothing to the action
    "help",
];
/// Words that make a "to"-infinitive after them hypothetical ("wants to invade", "the ability to threaten").
const IRREALIS_GOVERNORS: &[&str] = &[
    "want",
    "wants",
    "wanted",
    "wanting",
    "plan",
    "plans",
    "planned",
    "planning",
    "seek",
    "seeks",
    "sought",
    "seeking",
    "try",
    "tries",
    "tried",
    "trying",
    "attempt",
    "attempts",
    "attempted",
    "attempting",
    "hope",
    "hopes",
    "hoped",
    "hoping",
    "intend",
    "intends",
    "intended",
    "expect",
    "expects",
    "expected",
    "aim",
    "aims",
    "aimed",
    "able",
    "unable",
    "ability",
    "likely",
    "unlikely",
    "effort",
    "efforts",
    "bid",
    "need",
    "needs",
    "needed",
    "right",
    "would",
    "could",
    "might",
    "may",
    "should",
    "must",
    "has",
    "have",
    "had",
    "chance",
    "way",
    "order",
    "asked",
    "ask",
    "asking",
    "prepare",
    "prepares",
    "preparing",
    "threat",
    "threats",
    "risk",
    "wish",
    "wishes",
    "consider",
    "considering",
    "considered",
    "enough",
    "power",
    "pressure",
    "pressing",
    "pressed",
    "push",
    "pushing",
    "urged",
    "urging",
    "called",
    "calling",
    "demanded",
    "demanding",
    "whether",
    "how",
];
/// Verbs that put an actor before a wished-for infinitive ("getting the U.S. to attack").
const CAUSATIVES: &[&str] = &[
    "get",
    "gets",
    "getting",
    "got",
    "want",
    "wants",
    "wanted",
    "wanting",
    "allow",
    "allows",
    "allowed",
    "ask",
    "asks",
    "asked",
    "force",
    "forced",
    "forcing",
    "persuade",
    "persuaded",
    "convince",
    "convinced",
    "expect",
    "expects",
    "expected",
    "need",
    "needs",
    "needed",
    "like",
    "prefer",
    "push",
    "pushed",
    "pushing",
    "pressure",
    "pressured",
    "encourage",
    "encouraged",
    "invite",
    "invited",
    "tell",
    "told",
    "let",
];
/// Words that make a "to"-infinitive after them future ("is set to meet": an announced intention).
/// Agreements one can withdraw from.
const AGREEMENT_NOUNS: &[&str] = &[
    "deal",
    "accord",
    "accords",
    "agreement",
    "agreements",
    "treaty",
    "pact",
    "convention",
    "framework",
];
/// Words before "to V" after which the action happens: "began to withdraw", "went on to attack".
const FACTUAL_GOVERNORS: &[&str] = &[
    "begin",
    "began",
    "begun",
    "begins",
    "beginning",
    "start",
    "started",
    "starts",
    "starting",
    "continue",
    "continued",
    "continues",
    "continuing",
    "on",
    "proceeded",
    "proceed",
    "resumed",
    "managed",
    "manages",
    "decided",
    "decides",
    "voted",
    "votes",
    "vote",
    "moved",
    "moves",
    // "resorted to throwing stones": the act was done
    "resorted",
    "resorts",
    "resorting",
    "went",
    "came",
    "agreed",
    "agree",
    "agrees",
    "refused",
    "refuse",
    "refuses",
    "declined",
    "decline",
    "declines",
    "failed",
    "fail",
    "fails",
    "pledged",
    "promised",
    "vowed",
    "offered",
    "threatened",
    "urged",
    "asked",
    "called",
    "ready",
    "willing",
    "prepared",
    // travel to meet someone: the meeting is what the trip was for, and is reported as done
    "delegation",
    "trip",
    "visit",
    "travelled",
    "traveled",
    "flew",
    "arrived",
];
const FUTURE_GOVERNORS: &[&str] = &["going", "about", "set", "scheduled", "poised", "due"];
/// Words that, earlier in the clause, make an action hypothetical, conditional or asked.
const IRREALIS_SCOPE: &[&str] = &[
    "if",
    "prospect",
    "prospects",
    "possibility",
    "chance",
    "chances",
    "risk",
    "danger",
    "specter",
    "spectre",
    "whether",
    "unless",
    "would",
    "could",
    "might",
    "may",
    "should",
    "suppose",
    "supposing",
    "lest",
    "hypothetical",
    "hypothetically",
    "fears",
    "feared",
    "fear",
    "worried",
    "worries",
    "possible",
    "possibly",
    "potential",
    "potentially",
    "perhaps",
    "maybe",
];
/// Nouns before "of" that make the following event noun hypothetical ("the threat of invasion").
const IRREALIS_NOUN_GOVERNORS: &[&str] = &[
    "threat",
    "threats",
    "risk",
    "risks",
    "fear",
    "fears",
    "prospect",
    "prospects",
    "possibility",
    "specter",
    "spectre",
    "danger",
    "talk",
    "rumors",
    "rumours",
    "warning",
    "warnings",
    "seek",
    "seeks",
    "sought",
    "seeking",
    "want",
    "wants",
    "wanted",
    "plan",
    "plans",
    "planned",
    "possible",
    "potential",
    "hypothetical",
    "future",
    "looming",
    "threatened",
    "feared",
    "imminent",
    "avoid",
    "avert",
    "prevent",
    "preventing",
    "prevented",
    "prevents",
    "thwart",
    "thwarted",
    "foil",
    "foiled",
    "averted",
];
/// Prepositions after which a mention is not the subject of a following verb.
const NOT_SUBJECT_AFTER: &[&str] = &[
    "to",
    "with",
    "against",
    "on",
    "at",
    "from",
    "into",
    "near",
    "toward",
    "towards",
    "for",
    "by",
    "about",
    "over",
    "in",
    "between",
    "among",
    "across",
    "after",
    "before",
    "during",
    "under",
    "within",
    "through",
    "via",
    "like",
    "unlike",
    "including",
    "than",
    "upon",
    "onto",
    "inside",
    "outside",
    "beyond",
    "amid",
    "despite",
    "behind",
    "per",
    "around",
    "according",
    "of",
];
/// Possessive determiners: a mention that is one of them is not the object itself ("blocked their roads").
const POSSESSIVES: &[&str] = &["his", "her", "its", "their", "my", "your"];
/// Quantity nouns before "of X" in a subject ("thousands of Iraqi Kurds").
const QUANTITY_NOUNS: &[&str] = &[
    "thousands",
    "hundreds",
    "dozens",
    "tens",
    "millions",
    "scores",
    "group",
    "groups",
    "number",
    "some",
    "many",
    "most",
    "all",
    "several",
    "members",
    // "a member of the Syrian parliament started": the member acts for the body
    "member",
    "supporters",
    "crowds",
    "crowd",
];
/// Words that begin an amount ("by one hour", "by half").
const AMOUNT_WORDS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "half", "several", "nearly",
    "almost", "about", "around", "roughly", "some",
];
/// Yield verbs that are a concession only with a measure as their object ("shortened the curfew").
const YIELD_ONLY_ON_MEASURES: &[&str] = &["shorten", "relax", "loosen"];
/// Frequent verbs that, after "to", make an infinitive ("refusal to involve Congress").
const COMMON_VERBS: &[&str] = &[
    "be", "have", "involve", "make", "take", "help", "allow", "ensure", "keep", "stop", "end", "get", "give", "let",
    "use", "put", "bring", "become", "remain", "continue", "start", "begin", "seek", "try", "include", "consider",
    "accept", "approve", "prevent", "protect", "support", "respond", "join", "pay", "buy", "sell", "build", "hold",
];
/// Nouns that name the actor of an event ("a critic of Y"): after a copula, the subject is the source.
const AGENT_NOUNS: &[&str] = &["critic", "critics"];
/// Time words that may stand between a control verb and its complement ("threatened Monday to resume").
const TIME_WORDS: &[&str] = &[
    "today",
    "yesterday",
    "tomorrow",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "on",
    "again",
    "earlier",
    "later",
    "tonight",
    "now",
];
/// Role nouns that a following "in X"/"of X" places in a country ("security forces in Guinea").
const ROLE_NOUNS: &[&str] = &[
    "forces",
    "troops",
    "police",
    "soldiers",
    "army",
    "military",
    "authorities",
    "officials",
    "government",
    "rebels",
    "militants",
    "guerrillas",
    "protesters",
    "protestors",
    "demonstrators",
    "students",
    "workers",
    "residents",
    "refugees",
    "prisoners",
    "activists",
    "parties",
    "groups",
    "landowners",
    "villagers",
    "farmers",
    "gunmen",
    "militiamen",
    "insurgents",
    "fighters",
    "leaders",
    "ministers",
    "settlers",
    "youths",
    "citizens",
    "members",
    "lawmakers",
    "legislators",
    "diplomats",
];
/// Prepositions after which a mention is not the target of the preceding trigger.
const NOT_TARGET_AFTER: &[&str] = &[
    "by",
    "during",
    "since",
    "after",
    "before",
    "despite",
    "than",
    "like",
    "unlike",
    "including",
    "except",
    "amid",
    "via",
    "per",
    "according",
    "behind",
    "besides",
    "alongside",
];
/// Words after which a verb form can only be a noun ("several bombs", "the raids").
const NOUN_ONLY_BEFORE: &[&str] = &[
    "the", "a", "an", "these", "those", "several", "many", "some", "two", "three", "four", "its", "their", "his",
    "her", "our", "more", "fewer",
];
/// Appeal verbs that, right before "to", only name the subject's own wish ("wants to join").
const WISH_VERBS: &[&str] = &["want", "wants", "wanted", "wanting"];
/// Crowds and gatherings whose demands are their protest ("demonstrators demanding reforms").
const PROTEST_CROWDS: &[&str] = &[
    "demonstrators",
    "protesters",
    "protestors",
    "marchers",
    "demonstration",
    "demonstrations",
    "protest",
    "protests",
    "rally",
    "rallies",
];
/// Verbs of breaking a rule: the sanction or ban they govern is not an act of its own.
const VIOLATION_VERBS: &[&str] = &[
    "violate",
    "violates",
    "violated",
    "violating",
    "breach",
    "breached",
    "breaching",
    "evade",
    "evaded",
    "evading",
    "circumvent",
    "circumvented",
    "circumventing",
    "flout",
    "flouted",
    "flouting",
    "defy",
    "defied",
    "defying",
    "bust",
    "busting",
];
/// Nouns for the sides of a place: "urged the factions in Somalia" is aimed at Somalia's actors, not a location.
const PARTIES_OF_PLACE: &[&str] = &[
    "parties",
    "factions",
    "sides",
    "leaders",
    "authorities",
    "conflict",
    "combatants",
    "belligerents",
    "militias",
];
/// Prepositions of place: a target after them only for material conflict ("attacked targets in Ukraine").
/// Nouns for what someone said or proposed: "calls by X" names X as the one the reaction is aimed at.
const SPEECH_ACT_NOUNS: &[&str] = &[
    "call",
    "calls",
    "appeal",
    "appeals",
    "demand",
    "demands",
    "proposal",
    "proposals",
    "offer",
    "offers",
    "request",
    "requests",
    "plan",
    "plans",
    "invitation",
    "claims",
    "claim",
    "accusations",
    "allegations",
    "criticism",
    "plea",
    "pleas",
    "ultimatum",
    "initiative",
    "overtures",
    "remarks",
    "statement",
    "statements",
];
const PLACE_PREPS: &[&str] = &[
    "in", "near", "inside", "across", "at", "around", "outside", "along", "off",
];
const DETERMINERS: &[&str] = &[
    "the",
    "a",
    "an",
    "its",
    "their",
    "his",
    "her",
    "our",
    "this",
    "that",
    "these",
    "those",
    "any",
    "some",
    "no",
    "new",
    "fresh",
    "further",
    "more",
    "additional",
    "latest",
    "recent",
    "major",
    "massive",
    "full-scale",
    "large-scale",
    "military",
    "economic",
    "renewed",
    "ongoing",
    "planned",
    "possible",
    "first",
    "second",
    "formal",
    "official",
    "joint",
    "two",
    "three",
    "several",
    "tough",
    "tougher",
    "harsh",
    "sweeping",
    "strong",
    "its",
    "wide-ranging",
    "broad",
    "unprecedented",
    "direct",
    "high-level",
    "high-profile",
    "emergency",
];
const CLAUSE_STOPS: &[&str] = &[";", ":", "—", "–", "“", "”", "\"", "(", ")", "[", "]"];
const SUBORDINATORS: &[&str] = &[
    "that", "which", "who", "whom", "whose", "because", "while", "although", "though", "when", "whereas", "if",
    "unless", "but", "since", "so", "whether", "where", "after", "before", "as", "until",
];
const SAY_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "stated",
    "announced",
    "declared",
    "saying",
];
const FIRST_PERSON: &[&str] = &["we", "us", "our", "i", "me", "my", "ourselves"];

fn is_neg_contraction(w: &str) -> bool {
    w.ends_with("n't") || w.ends_with("n’t")
}

/// An actor mention (or a first-person pronoun inside a quote, standing for the speaker) in the sentence.
#[derive(Debug, Clone)]
struct Slot {
    actor: Actor,
    first: usize,
    last: usize,
    entity: Option<usize>,
    first_person: bool,
    country_kind: bool,
    /// An unnamed group in subject position ("gunmen stormed"): a source only, never a target.
    generic: bool,
}

impl Slot {
    /// People of a country named by a role noun at token `at` ("protesters" after a state's act): the
    /// target of domestic repression or of a verbal act aimed at them.
    fn people_of(country: String, role: &str, at: usize) -> Slot {
        Slot {
            actor: Actor {
                code: format!("{country}{role}"),
                country: Some(country),
                role: Some(role.to_string()),
                ..Actor::default()
            },
            first: at,
            last: at,
            entity: None,
            first_person: false,
            country_kind: false,
            generic: false,
        }
    }
}

#[derive(Debug, Clone)]
struct Trig {
    first: usize,
    last: usize,
    entry: usize,
    kind: FormKind,
    verb: bool,
}

/// What a governing word decided about an embedded trigger.
#[derive(Debug, Clone, Default)]
struct Claim {
    source: Option<Vec<usize>>,
    factual: Option<bool>,
    negated: bool,
    by: String,
}

#[derive(Debug, Default, Clone, Copy)]
struct Chain {
    start: usize,
    be: bool,
    neg: bool,
    future: bool,
    irrealis: bool,
    to: bool,
    governor: Option<usize>,
}

struct Ctx<'a> {
    /// The article text, for capitalization (`lower` is its lowercased copy).
    text: &'a str,
    lower: &'a str,
    base: usize,
    toks: &'a [Token],
    slot_of: Vec<Option<usize>>,
    slots: Vec<Slot>,
    question: bool,
    /// Tokens that begin a verb trigger or a light verb: after "to" they make an infinitive.
    verb_at: Vec<bool>,
}

impl<'a> Ctx<'a> {
    fn w(&self, i: usize) -> &str {
        let t = &self.toks[i];
        &self.lower[t.start - self.base..t.end - self.base]
    }
    fn is(&self, i: usize, set: &[&str]) -> bool {
        i < self.toks.len() && set.contains(&self.w(i))
    }

    /// The auxiliary chain left of a verb: "has not yet", "will", "to", "was".
    fn chain(&self, first: usize) -> Chain {
        let mut c = Chain {
            start: first,
            ..Chain::default()
        };
        let mut i = first;
        while i > 0 {
            let j = i - 1;
            let w = self.w(j);
            if self.slot_of[j].is_some() {
                break;
            }
            let adverb = (w.len() > 4 && w.ends_with("ly") && !["rally", "italy", "ally"].contains(&w))
                || CHAIN_ADVERBS.contains(&w);
            if BE.contains(&w) {
                c.be = true;
            } else if HAVE.contains(&w) || DO.contains(&w) {
            } else if MODAL_FUTURE.contains(&w) {
                c.future = true;
            } else if MODAL_IRREALIS.contains(&w) {
                c.irrealis = true;
            } else if NEG.contains(&w) {
                c.neg = true;
            } else if is_neg_contraction(w) {
                c.neg = true;
                if w.starts_with("won") {
                    c.future = true;
                } else if ["wouldn", "couldn", "shouldn", "can", "mightn", "mustn"]
                    .iter()
                    .any(|p| w.starts_with(p))
                {
                    c.irrealis = true;
                }
            } else if w == "to" {
                c.to = true;
                c.start = j;
                // The governor: the word before "to", past "not" and adverbs.
                let mut g = j;
                while g > 0 {
                    g -= 1;
                    let gw = self.w(g);
                    if gw == "not" || (gw.len() > 4 && gw.ends_with("ly")) || gw == "also" {
                        if gw == "not" {
                            c.neg = true;
                        }
                        continue;
                    }
                    c.governor = Some(g);
                    break;
                }
                break;
            } else if adverb {
            } else {
                break;
            }
            c.start = j;
            i = j;
        }
        c
    }

    /// Mentions joined with "and", "," or "as well as" into one compound actor, around slot `s`.
    fn group(&self, s: usize) -> Vec<usize> {
        let joiner = |from: usize, to: usize| -> bool {
            // tokens strictly between from and to
            if to <= from + 1 {
                return false;
            }
            let words: Vec<&str> = (from + 1..to).map(|i| self.w(i)).collect();
            // "NATO allies and Russia": a plural role noun after the first actor
            if let [noun, "and"] = words.as_slice() {
                if noun.len() > 3
                    && noun.ends_with('s')
                    && noun.bytes().all(|b| b.is_ascii_lowercase())
                    && !BE.contains(noun)
                    && !HAVE.contains(noun)
                {
                    return true;
                }
            }
            matches!(
                words.as_slice(),
                ["and"]
                    | [","]
                    | [",", "and"]
                    | ["&"]
                    | ["and", "the"]
                    | [",", "the"]
                    | [",", "and", "the"]
                    | ["as", "well", "as"]
                    | ["and", "its"]
                    | ["or"]
            )
        };
        let mut members = vec![s];
        let mut cur = s;
        while cur > 0 {
            let prev = (0..cur).rev().find(|&p| self.slots[p].last < self.slots[cur].first);
            match prev {
                Some(p) if joiner(self.slots[p].last, self.slots[cur].first) => {
                    members.insert(0, p);
                    cur = p;
                }
                _ => break,
            }
        }
        let mut cur = s;
        loop {
            let next = (cur + 1..self.slots.len()).find(|&n| self.slots[n].first > self.slots[cur].last);
            match next {
                Some(n) if joiner(self.slots[cur].last, self.slots[n].first) => {
                    members.push(n);
                    cur = n;
                }
                _ => break,
            }
        }
        // "X, Y" without "and" is an apposition or two clauses, not a list ("X, Y, Z" is a list)
        if members.len() > 1 {
            let has_and = members.windows(2).any(|w| {
                let (a, b) = (self.slots[w[0]].last, self.slots[w[1]].first);
                (a + 1..b).any(|i| self.is(i, &["and", "or", "&", "well"]))
            });
            if !has_and && members.len() == 2 {
                members = vec![s];
            }
        }
        // One actor once: an apposition ("Putin, Russia's president") is not a compound.
        let mut seen: Vec<String> = Vec::new();
        members.retain(|&m| {
            let c = self.slots[m].actor.code.clone();
            if seen.contains(&c) {
                false
            } else {
                seen.push(c);
                true
            }
        });
        members
    }

    fn word_before(&self, first: usize) -> Option<usize> {
        let mut i = first;
        while i > 0 {
            i -= 1;
            if ["the", "a", "an"].contains(&self.w(i)) {
                continue;
            }
            return Some(i);
        }
        None
    }

    /// The subject: the nearest actor to the left that is not inside a prepositional phrase, within the clause.
    fn subject(&self, from: usize) -> Option<Vec<usize>> {
        let mut i = from;
        // an apposition or relative clause between subject and verb: "Pakistan, a U.S. ally, has refused"
        if i > 0 && self.w(i - 1) == "," {
            if let Some(c) = (i.saturating_sub(14)..i - 1).rev().find(|&k| self.w(k) == ",") {
                // or a name in apposition: "a member of the Syrian parliament, Mohammed Mamoun, started"
                let name = (2..=4).contains(&(i - 1 - (c + 1)))
                    && (c + 1..i - 1).all(|k| self.toks[k].is_capitalized(self.text) && self.slot_of[k].is_none());
                if self.is(c + 1, &["a", "an", "the", "who", "which", "whose"]) || name {
                    i = c;
                }
            }
        }
        let lower_bound = from.saturating_sub(30);
        while i > lower_bound {
            i -= 1;
            if let Some(s) = self.slot_of[i] {
                let g = self.group(s);
                let first = self.slots[g[0]].first;
                let before = self.word_before(first);
                let blocked = before.is_some_and(|p| self.is(p, NOT_SUBJECT_AFTER));
                // "security forces in Guinea", "students throughout Indonesia": a role noun located by the mention
                let located = before.is_some_and(|p| {
                    (self.is(p, &["in", "of", "from", "throughout", "across"]) && p > 0 && self.is(p - 1, ROLE_NOUNS))
                        || (self.is(p, &["of"]) && p > 0 && self.is(p - 1, QUANTITY_NOUNS))
                });
                // "after Trudeau criticized": a conjunction, and the mention right before the verb is its subject
                let last = self.slots[*g.last().unwrap()].last;
                // "members of Congress criticizing the deal": a participle right after its subject
                let participle = from < self.toks.len() && self.w(from).ends_with("ing");
                let clause_subject = last + 1 == from
                    && (participle
                        || before
                            .is_some_and(|p| self.is(p, &["after", "before", "since", "until", "as", "like", "than"])));
                if !blocked || located || clause_subject {
                    return Some(g);
                }
                i = first.min(self.slots[s].first);
                continue;
            }
            let w = self.w(i);
            if w == ")" {
                // skip a parenthesis: "the Association (AKK) officials demanded"
                if let Some(open) = (i.saturating_sub(12)..i).rev().find(|&k| self.w(k) == "(") {
                    i = open;
                    continue;
                }
            }
            if ["a", "an", "the"].contains(&w) && i > 0 && self.w(i - 1) == "," {
                return None;
            }
            let near = from - i <= 4;
            if CLAUSE_STOPS.contains(&w) || ["what", "whom", "whose"].contains(&w) {
                return None;
            }
            if ["who", "which", "that"].contains(&w) {
                if i + 1 == from || near {
                    continue;
                }
                return None;
            }
            if (BE.contains(&w) || HAVE.contains(&w) || MODAL_FUTURE.contains(&w) || MODAL_IRREALIS.contains(&w))
                && !near
            {
                // another clause's verb group: its subject is not ours
                return None;
            }
        }
        None
    }

    /// The target: the first actor after a trigger, directly or after a preposition, within the clause.
    fn object(&self, from: usize, root: u8, that_ok: bool) -> Option<Vec<usize>> {
        self.object_through(from, root, that_ok, false)
    }

    /// `object`, optionally crossing an infinitive (a control verb's target is its complement's object).
    fn object_through(&self, from: usize, root: u8, that_ok: bool, through_infinitive: bool) -> Option<Vec<usize>> {
        let end = (from + 14).min(self.toks.len());
        let mut i = from;
        while i < end {
            if let Some(s) = self.slot_of[i].filter(|&s| !self.slots[s].generic) {
                let g = self.group(s);
                let first = self.slots[g[0]].first;
                let last = self.slots[*g.last().unwrap()].last;
                let prep = self.word_before(first).filter(|&p| p >= from.saturating_sub(1));
                let blocked = prep.is_some_and(|p| {
                    // "demanded an admission by Moscow": the one a demand is made of
                    (self.is(p, NOT_TARGET_AFTER)
                        && !(root == 10 && self.is(p, &["by", "from"]))
                        // "rejected calls by X", "welcomed an offer from X": X made what the object names
                        && !(self.is(p, &["by", "from"]) && p > 0 && self.is(p - 1, SPEECH_ACT_NOUNS)))
                        || (self.is(p, PLACE_PREPS)
                            && !place_target_ok(root)
                            && !(p > 0 && self.is(p - 1, PARTIES_OF_PLACE)))
                });
                let possessive = g.len() == 1 && first == last && self.is(first, POSSESSIVES);
                if !blocked && !possessive {
                    // a bare title ("the president of Armenia") stands for the country after "of"
                    if g.len() == 1 && !self.slots[g[0]].country_kind && self.is(last + 1, &["of"]) {
                        if let Some(s2) = self.slot_of.get(last + 2).copied().flatten() {
                            return Some(self.group(s2));
                        }
                    }
                    return Some(g);
                }
                // always move forward, even when the group dropped the slot as a duplicate
                i = last.max(self.slots[s].last) + 1;
                continue;
            }
            let w = self.w(i);
            if CLAUSE_STOPS.contains(&w) || w == "," || w == "." {
                return None;
            }
            if SUBORDINATORS.contains(&w) && !(that_ok && w == "that" && i == from) {
                return None;
            }
            if SAY_VERBS.contains(&w) || (BE.contains(&w) && !that_ok) {
                return None;
            }
            if w == "each" && self.is(i + 1, &["other"]) || w == "one" && self.is(i + 1, &["another"]) {
                return Some(Vec::new());
            }
            // "cut off access ... to protest X": the infinitive's object is not ours
            if w == "to" && i > from && !through_infinitive && self.is_infinitive(i) {
                return None;
            }
            i += 1;
        }
        None
    }

    /// The patient of a passive named inside its subject phrase: "a camp for Congolese refugees was attacked".
    fn passive_subject_inner(&self, from: usize) -> Option<Vec<usize>> {
        let lower_bound = from.saturating_sub(8);
        let mut i = from;
        while i > lower_bound {
            i -= 1;
            let w = self.w(i);
            if CLAUSE_STOPS.contains(&w) || w == "," || SUBORDINATORS.contains(&w) {
                return None;
            }
            if let Some(s) = self.slot_of[i] {
                let g = self.group(s);
                let ok = self
                    .word_before(self.slots[g[0]].first)
                    .is_some_and(|p| self.is(p, &["of", "for"]));
                return ok.then_some(g);
            }
        }
        None
    }

    /// "to" followed by a verb.
    fn is_infinitive(&self, to: usize) -> bool {
        to + 1 < self.toks.len() && (self.verb_at[to + 1] || self.is(to + 1, COMMON_VERBS))
    }

    /// The agent of a passive: "by X" within a few tokens after the verb.
    fn agent(&self, from: usize) -> Option<Vec<usize>> {
        let end = (from + 6).min(self.toks.len());
        for i in from..end {
            let w = self.w(i);
            if w == "by" {
                let mut j = i + 1;
                while j < self.toks.len() && ["the", "a", "an"].contains(&self.w(j)) {
                    j += 1;
                }
                return self.slot_of.get(j).copied().flatten().map(|s| self.group(s));
            }
            if CLAUSE_STOPS.contains(&w) || w == "," || w == "to" || SUBORDINATORS.contains(&w) {
                return None;
            }
        }
        None
    }

    /// Clause-level hypothetical markers left of `i` ("if", "whether", "would"), and a question.
    fn irrealis_scope(&self, i: usize) -> bool {
        if self.question {
            return true;
        }
        let mut j = i;
        let lower_bound = i.saturating_sub(16);
        while j > lower_bound {
            j -= 1;
            let w = self.w(j);
            if [";", ":", "but"].contains(&w) {
                return false;
            }
            if IRREALIS_SCOPE.contains(&w) {
                return true;
            }
        }
        false
    }
}

/// Codes of an intention, a threat, a refusal, an appeal by the embedded action's root.
fn refine(frame: Frame, default: &str, embedded_root: u8, embedded_code: &str) -> String {
    let by_root = |r: u8| -> Option<&'static str> {
        match frame {
            Frame::Intent => match r {
                3 => None,
                4 => Some("036"),
                5 => Some("032"),
                6 => Some(match embedded_code {
                    "061" => "0311",
                    "062" => "0312",
                    "063" => "0313",
                    "064" => "0314",
                    _ => "031",
                }),
                7 => Some(match embedded_code {
                    "071" => "0331",
                    "072" => "0332",
                    "073" => "0333",
                    "074" => "0334",
                    _ => "033",
                }),
                8 => Some(match embedded_code.get(..3) {
                    Some("081") => "0351",
                    Some("082") => "0352",
                    Some("084") => "0353",
                    Some("085") => "0354",
                    Some("086") => "0355",
                    Some("087") => "0356",
                    _ => "035",
                }),
                14 => Some("133"),
                15 | 18 | 19 | 20 => Some("138"),
                16 => Some("131"),
                17 => Some("137"),
                _ => None,
            },
            Frame::Threat => match r {
                14 => Some("133"),
                15 | 18 | 19 | 20 => Some(match embedded_code {
                    "191" => "1381",
                    "192" => "1382",
                    _ => "138",
                }),
                16 => Some(match embedded_code.get(..3) {
                    Some("161") => "1313",
                    Some("162") => "1311",
                    Some("163") => "1312",
                    Some("164") => "134",
                    Some("165") => "135",
                    Some("166") => "136",
                    _ => "131",
                }),
                17 => Some(match embedded_code.get(..4) {
                    Some("1722") => "1322",
                    Some("1723") => "1323",
                    Some("1724") => "1324",
                    _ if embedded_code.starts_with("172") => "132",
                    _ => "137",
                }),
                _ => None,
            },
            Frame::Refuse => match r {
                3 | 5 => Some("120"),
                4 => Some("125"),
                6 => Some("121"),
                7 => Some("122"),
                8 => Some("124"),
                _ => None,
            },
            Frame::Appeal => match r {
                4 => Some(if default == "036" { "036" } else { "026" }),
                8 => Some("025"),
                _ => None,
            },
            _ => None,
        }
    };
    by_root(embedded_root)
        .map(str::to_string)
        .unwrap_or_else(|| default.to_string())
}

fn vec_eq_actor(a: &Actor, b: &Actor) -> bool {
    a.code == b.code
}

pub(super) struct Emitted {
    pub events: Vec<Event>,
    pub traces: Vec<SentenceTrace>,
}

/// Code every sentence; with `trace`, record why each trigger did or did not give an event.
pub(super) fn run(
    coder: &EventCoder,
    text: &str,
    sentences: &[Sentence],
    mentions: &[Mention],
    quotes: &[Quote],
    trace: bool,
) -> Emitted {
    let mut out = Emitted {
        events: Vec::new(),
        traces: Vec::new(),
    };
    let mut toks: Vec<Token> = Vec::new();
    let mut lower = String::new();
    let mut history: Vec<Vec<Actor>> = Vec::new();
    // Mentions in text order (the actor stage gives them so; sort when it does not).
    let mut ordered: Vec<&Mention> = mentions.iter().collect();
    if !mentions.windows(2).all(|w| w[0].start <= w[1].start) {
        ordered.sort_by_key(|m| (m.start, m.end));
    }
    let mut mention_cursor = 0usize;
    for (si, s) in sentences.iter().enumerate() {
        let span = s.span();
        while mention_cursor < ordered.len() && ordered[mention_cursor].start < span.start {
            mention_cursor += 1;
        }
        let sent_mentions: Vec<&Mention> = ordered[mention_cursor..]
            .iter()
            .take_while(|m| m.start < span.end)
            .filter(|m| m.end <= span.end)
            .copied()
            .collect();
        let mut st = SentenceTrace {
            index: si,
            text: text[span.start..span.end].to_string(),
            ..SentenceTrace::default()
        };
        if s.boilerplate {
            if trace {
                st.skipped = Some("boilerplate".into());
                out.traces.push(st);
            }
            continue;
        }
        let in_quote: Option<usize> = quotes
            .iter()
            .position(|q| q.start <= span.start && span.end <= q.end + 3);
        let quote_touch = quotes.iter().any(|q| q.start < span.end && span.start < q.end);
        if sent_mentions.is_empty() && !quote_touch {
            if trace {
                st.skipped = Some("no actor in the sentence".into());
                out.traces.push(st);
            }
            continue;
        }
        lower.clear();
        lower.push_str(&text[span.start..span.end]);
        // ASCII lower-casing keeps byte offsets; white space runs become single spaces only where they are one byte.
        let bytes = unsafe_free_lower(&mut lower);
        let _ = bytes;
        let matches: Vec<(usize, usize, usize)> = coder
            .lexicon
            .matcher
            .find_overlapping_iter(lower.as_str())
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .collect();
        if matches.is_empty() && memchr::memmem::find(lower.as_bytes(), b" must ").is_none() {
            if trace {
                st.skipped = Some("no trigger word".into());
                out.traces.push(st);
            }
            history_push(&mut history, &sent_mentions, quotes, span);
            continue;
        }
        toks.clear();
        tokenize_into(text, span, &mut toks);
        let n = toks.len();
        let mut ctx = Ctx {
            text,
            lower: &lower,
            base: span.start,
            toks: &toks,
            slot_of: vec![None; n],
            slots: Vec::new(),
            verb_at: vec![false; n],
            question: text[span.start..span.end]
                .trim_end_matches(['"', '”', '’', '\'', ')'])
                .ends_with('?'),
        };
        build_slots(&mut ctx, &sent_mentions, quotes);
        if trace {
            st.actors = ctx
                .slots
                .iter()
                .map(|sl| {
                    let t = &text[toks[sl.first].start..toks[sl.last].end];
                    format!(
                        "{t:?} → {}{}",
                        sl.actor.code,
                        if sl.first_person { " (speaker)" } else { "" }
                    )
                })
                .collect();
        }
        // Token index by byte offset.
        let tok_at_start = |b: usize| toks.binary_search_by_key(&b, |t| t.start).ok();
        let tok_at_end = |b: usize| toks.binary_search_by_key(&b, |t| t.end).ok();
        // Longest match per start, boundaries on tokens, no overlaps.
        let mut cands: Vec<(usize, usize, usize)> = matches
            .into_iter()
            .filter_map(|(a, b, p)| Some((tok_at_start(a + span.start)?, tok_at_end(b + span.start)?, p)))
            .collect();
        cands.sort_by(|x, y| x.0.cmp(&y.0).then(y.1.cmp(&x.1)));
        let mut picked: Vec<(usize, usize, usize)> = Vec::new();
        for c in cands {
            if picked.last().is_some_and(|l| c.0 <= l.1) {
                continue;
            }
            picked.push(c);
        }
        // Sport and entertainment.
        let has_score = toks.windows(3).any(|w| {
            w[0].kind == TokenKind::Number && w[2].kind == TokenKind::Number && ["-", "–"].contains(&w[1].text(text))
        }) || toks.iter().any(|t| {
            t.kind == TokenKind::Number
                && t.text(text).split('-').count() == 2
                && t.text(text)
                    .split('-')
                    .all(|p| !p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()))
        });
        let sport_hits = (0..n)
            .filter(|&i| {
                coder
                    .lexicon
                    .sport_words
                    .binary_search_by(|w| w.as_str().cmp(ctx.w(i)))
                    .is_ok()
            })
            .count();
        if has_score && sport_hits >= 1 || sport_hits >= 2 {
            if trace {
                st.skipped = Some("sport or entertainment (score or match words)".into());
                out.traces.push(st);
            }
            continue;
        }
        let mut trigs: Vec<Trig> = Vec::new();
        let mut lights: Vec<(usize, usize, FormKind)> = Vec::new();
        for &(a, b, p) in &picked {
            let payloads = &coder.lexicon.payloads[p];
            if payloads.contains(&Payload::Discard) {
                if trace {
                    st.triggers.push(TriggerTrace {
                        text: text[toks[a].start..toks[b].end].to_string(),
                        entry: "discard".into(),
                        outcome: "discarded phrase (metaphor, sport, business)".into(),
                    });
                }
                continue;
            }
            let entries: Vec<(usize, FormKind)> = payloads
                .iter()
                .filter_map(|pl| {
                    if let Payload::Entry(e, k) = pl {
                        Some((*e, *k))
                    } else {
                        None
                    }
                })
                .collect();
            let light = payloads
                .iter()
                .find_map(|pl| if let Payload::Light(k) = pl { Some(*k) } else { None });
            if entries.is_empty() {
                if let Some(k) = light {
                    lights.push((a, b, k));
                }
                continue;
            }
            // Verb or noun reading of a form that is both ("attack", "protests", "meeting").
            let has_verb = entries.iter().any(|(e, _)| coder.lexicon.entries[*e].pos != Pos::Noun);
            let has_noun = entries.iter().any(|(e, _)| coder.lexicon.entries[*e].pos == Pos::Noun);
            let want_noun = if has_verb && has_noun {
                let prev = if a > 0 { Some(ctx.w(a - 1)) } else { None };
                let ing = entries.iter().any(|(_, k)| *k == FormKind::Ing);
                // "Russian attack": a country adjective right before reads as a possessor
                let adjective_actor = a > 0 && ctx.slot_of[a - 1].is_some_and(|s| ctx.slots[s].country_kind) && {
                    let t = &text[toks[a - 1].start..toks[a - 1].end];
                    t.ends_with(['n', 'h', 'i', 'e']) && !t.ends_with("ia")
                };
                let verbal_before = prev.is_some_and(|p| {
                    BE.contains(&p)
                        || (!ing
                            && (HAVE.contains(&p)
                                || DO.contains(&p)
                                || MODAL_FUTURE.contains(&p)
                                || MODAL_IRREALIS.contains(&p)
                                || p == "to"
                                || NEG.contains(&p)
                                || is_neg_contraction(p)
                                || ["who", "which", "that", "and"].contains(&p)
                                || (p.len() > 4 && p.ends_with("ly"))))
                }) || (!ing
                    && a > 0
                    && ctx.slot_of[a - 1].is_some()
                    && !adjective_actor
                    // "a US offer": a determiner before the actor makes the phrase a noun phrase
                    && !ctx.slot_of[a - 1].is_some_and(|sl| {
                        let f = ctx.slots[sl].first;
                        f > 0 && ctx.is(f - 1, &["a", "an", "the", "this", "that"])
                    })
                    && !(b + 1 < n
                        && (ctx.is(
                            b + 1,
                            &[
                                "on", "against", "of", "over", "for", "in", "at", "by", "have", "has", "were", "are",
                                "will", "would",
                            ],
                        ) || toks[b + 1].kind == TokenKind::Punct)));
                !verbal_before
            } else {
                has_noun
            };
            // "is committed to", "is ready to": after a copula the adjective reading wins over a passive
            let adjective_after_be = a > 0
                && BE.contains(&ctx.w(a - 1))
                && entries.iter().any(|(e, _)| coder.lexicon.entries[*e].pos == Pos::Adj);
            let chosen = if adjective_after_be {
                entries.iter().find(|(e, _)| coder.lexicon.entries[*e].pos == Pos::Adj)
            } else {
                entries
                    .iter()
                    .find(|(e, _)| (coder.lexicon.entries[*e].pos == Pos::Noun) == want_noun)
            }
            .or(entries.first());
            // "detonated several bombs": a verb form right after a determiner is a noun without an entry
            let noun_use = chosen.is_some_and(|&(e, k)| {
                coder.lexicon.entries[e].pos == Pos::Verb
                    && matches!(k, FormKind::Base | FormKind::Third)
                    && a > 0
                    && ctx.is(a - 1, NOUN_ONLY_BEFORE)
            });
            if noun_use {
                continue;
            }
            if let Some(&(e, k)) = chosen {
                let verb = coder.lexicon.entries[e].pos != Pos::Noun;
                trigs.push(Trig {
                    first: a,
                    last: b,
                    entry: e,
                    kind: k,
                    verb,
                });
            }
        }
        for t in trigs.iter().filter(|t| t.verb) {
            ctx.verb_at[t.first] = true;
        }
        for l in &lights {
            ctx.verb_at[l.0] = true;
        }
        add_generic_slots(&mut ctx);
        let mut claims: Vec<Option<Claim>> = vec![None; trigs.len()];
        let mut suppressed: Vec<Option<String>> = vec![None; trigs.len()];
        let mut object_noun: Vec<Option<usize>> = vec![None; trigs.len()];
        // Nouns governed by a trigger verb are its object ("rejected the proposal"), not events of their own.
        for ti in 0..trigs.len() {
            if trigs[ti].verb {
                continue;
            }
            let nf = trigs[ti].first;
            let mut j = nf;
            let mut steps = 0;
            while j > 0 && steps < 5 {
                j -= 1;
                steps += 1;
                if let Some(vi) = trigs.iter().position(|t| t.verb && t.last == j) {
                    suppressed[ti] = Some(format!(
                        "object of {:?}",
                        text[toks[trigs[vi].first].start..toks[trigs[vi].last].end].to_string()
                    ));
                    if object_noun[vi].is_none() {
                        object_noun[vi] = Some(ti);
                    }
                    break;
                }
                let w = ctx.w(j);
                // "arrested them on allegations of spying": the grounds of an act, not its object
                let grounds = w == "on" && coder.lexicon.entries[trigs[ti].entry].root() == 11;
                if grounds || !(modifier_like(&ctx, j) || w == "on" || w == "upon" || ctx.slot_of[j].is_some()) {
                    break;
                }
            }
        }
        // Control verbs claim the action in their complement.
        for ti in 0..trigs.len() {
            let e = &coder.lexicon.entries[trigs[ti].entry];
            if !matches!(
                e.frame,
                Frame::Intent
                    | Frame::Threat
                    | Frame::Refuse
                    | Frame::Negate
                    | Frame::Appeal
                    | Frame::Accuse
                    | Frame::Demand
            ) {
                continue;
            }
            let after = trigs[ti].last + 1;
            let (factual, negated) = match e.frame {
                Frame::Refuse | Frame::Negate => (Some(true), true),
                Frame::Demand if e.code == "016" => (Some(true), true),
                _ => (Some(false), false),
            };
            let mut appeal_target = None;
            let mut k = after;
            if matches!(e.frame, Frame::Appeal | Frame::Accuse) {
                if let Some(s) = (after..(after + 6).min(n))
                    .take_while(|&i| !ctx.is(i, &["to", ",", ";"]))
                    .find_map(|i| ctx.slot_of[i])
                {
                    let g = ctx.group(s);
                    k = ctx.slots[*g.last().unwrap()].last + 1;
                    appeal_target = Some(g);
                }
            }
            // "to" (+ "not", adverbs) or "of"/"for"/"that"/"with" then the embedded trigger.
            let mut m = k;
            let mut steps = 0;
            let mut saw_link = false;
            while m < n && steps < 4 {
                let w = ctx.w(m);
                if ["to", "of", "for", "with", "that", "not"].contains(&w)
                    || w.ends_with("ly")
                    || TIME_WORDS.contains(&w)
                {
                    saw_link |= w != "not";
                    m += 1;
                    steps += 1;
                    continue;
                }
                break;
            }
            if !saw_link && !matches!(e.frame, Frame::Demand) {
                continue;
            }
            // "threatened to institute a curfew": a light verb's noun is the embedded action
            let light_next = m < n && lights.iter().any(|l| l.0 == m);
            let limit = if matches!(e.frame, Frame::Demand) {
                n
            } else if light_next {
                (m + 6).min(n)
            } else {
                (m + 2).min(n)
            };
            let complement_end = (m..n).find(|&i| ctx.is(i, &[";"])).unwrap_or(n);
            for (tj, t) in trigs.iter().enumerate() {
                if tj == ti || t.first < m || t.first >= limit.min(complement_end) {
                    continue;
                }
                if matches!(e.frame, Frame::Demand) {
                    // the whole complement clause is hypothetical (asked for) or denied
                    claims[tj] = Some(Claim {
                        source: None,
                        factual,
                        negated,
                        by: format!("complement of {}", e.key()),
                    });
                    continue;
                }
                claims[tj] = Some(Claim {
                    source: appeal_target.clone(),
                    factual,
                    negated,
                    by: format!("complement of {}", e.key()),
                });
                if object_noun[ti].is_none() {
                    object_noun[ti] = Some(tj);
                }
                break;
            }
        }
        let quote_of = |b: usize| quotes.iter().position(|q| q.start <= b && b < q.end);
        let mut last_subject: Option<Vec<usize>> = None;
        let mut last_target: Option<Vec<usize>> = None;
        for (ti, t) in trigs.iter().enumerate() {
            let e = &coder.lexicon.entries[t.entry];
            let trig_text = &text[toks[t.first].start..toks[t.last].end];
            // the explanation's strings are built only when explaining
            let mut tr = if trace {
                TriggerTrace {
                    text: trig_text.to_string(),
                    entry: format!("{} {} ({})", e.key(), e.code, e.file),
                    outcome: String::new(),
                }
            } else {
                TriggerTrace::default()
            };
            if let Some(why) = &suppressed[ti] {
                tr.outcome = format!("no event of its own: {why}");
                if trace {
                    st.triggers.push(tr);
                }
                continue;
            }
            if e.code.is_empty() {
                tr.outcome = "shapes its complement only".into();
                if trace {
                    st.triggers.push(tr);
                }
                continue;
            }
            let claim = claims[ti].clone();
            let mut factual = true;
            let mut negated = false;
            let mut pattern: String;
            let mut sources: Option<Vec<usize>> = None;
            let mut targets: Option<Vec<usize>> = None;
            // the target of the arrest an accusation comes with ("jailed them on allegations of treason")
            let mut charge_target: Option<Option<Actor>> = None;
            let mut code = e.code.clone();
            if t.verb && code == "080" {
                match yield_object_code(&ctx, t.last + 1) {
                    Some(c) => code = c.to_string(),
                    // "shortened the season", "relaxed his stance": only a measure eased is a concession
                    None if YIELD_ONLY_ON_MEASURES.contains(&e.lemma.as_str()) => {
                        if trace {
                            tr.outcome = "no event: no eased measure follows".into();
                            st.triggers.push(tr);
                        }
                        continue;
                    }
                    None => {}
                }
            }
            // "protesters demanding his resignation": a demand voiced by a protest is the protest
            if t.verb
                && e.root() == 10
                && t.kind == FormKind::Ing
                && (t.first.saturating_sub(8)..t.first)
                    .rev()
                    .take_while(|&i| !ctx.is(i, CLAUSE_STOPS) && !ctx.is(i, &[",", ".", "who", "which", "that"]))
                    .any(|i| ctx.is(i, PROTEST_CROWDS))
            {
                code = "140".to_string();
            }
            let root = e.root();
            let mut recip_pairs = false;
            // "staged a protest to demand reforms": the purpose of a protest is part of it
            let mut purpose_clause = false;
            if t.verb {
                let ch = ctx.chain(t.first);
                purpose_clause = ch.to && claim.is_none() && matches!(root, 10 | 14);
                negated |= ch.neg;
                let reduced_relative = matches!(t.kind, FormKind::PastPart | FormKind::Participle)
                    && ch.start == t.first
                    && t.first > 0
                    && ctx.slot_of[t.first - 1].is_none()
                    && toks[t.first - 1].kind == TokenKind::Word
                    && !ctx.toks[t.first - 1].is_capitalized(text)
                    && !ctx.w(t.first - 1).ends_with("ly")
                    && !["and", "also", "who", "which", "that", "then"].contains(&ctx.w(t.first - 1))
                    && !ctx.toks[t.first - 1].is_capitalized(text)
                    && (t.last + 1 >= n
                        || toks[t.last + 1].kind == TokenKind::Punct
                        || ctx.is(
                            t.last + 1,
                            &[
                                "in", "at", "on", "by", "during", "last", "near", "since", "after", "before", "for",
                                "from", "under", "over", "as",
                            ],
                        ));
                let passive = matches!(t.kind, FormKind::PastPart | FormKind::Participle)
                    && (ch.be
                        || reduced_relative
                        || ctx.is(t.last + 1, &["by"])
                            // "shortened by one hour", "cut by 10 percent": an amount, not an agent
                            && !(t.last + 2 < n
                                && (ctx.w(t.last + 2).starts_with(|c: char| c.is_ascii_digit())
                                    || ctx.is(t.last + 2, AMOUNT_WORDS)))
                            && !HAVE.iter().any(|h| ch.start > 0 && ctx.w(ch.start - 1) == *h));
                if t.first > 0 && trigs.iter().any(|o| o.verb && o.last + 1 == t.first) && t.kind != FormKind::Base {
                    tr.outcome = "modifier of the preceding verb (\"rejected proposed changes\")".into();
                    if trace {
                        st.triggers.push(tr);
                    }
                    continue;
                }
                if claim.is_none()
                    && t.first > 0
                    && ctx.is(
                        t.first - 1,
                        &["a", "an", "the", "this", "its", "their", "his", "her", "our", "of"],
                    )
                    && e.pos == Pos::Verb
                {
                    tr.outcome = "nominal use of a verb (\"the killing of\")".into();
                    if trace {
                        st.triggers.push(tr);
                    }
                    continue;
                }
                if t.kind == FormKind::Ing
                    && claim.is_none()
                    && t.first > 0
                    && ctx.is(t.first - 1, &["for", "about", "against"])
                {
                    factual = false;
                }
                let prev_is_without = t.first > 0 && ctx.w(t.first - 1) == "without" && t.kind == FormKind::Ing;
                negated |= prev_is_without;
                if e.pos == Pos::Adj {
                    // "willing to", "ready to": only with a following "to"
                    if !(ctx.is(t.last + 1, &["to"]) || e.frame == Frame::Speaker) {
                        tr.outcome = "adjective without \"to\"".into();
                        if trace {
                            st.triggers.push(tr);
                        }
                        continue;
                    }
                }
                // "wants to join": a wish of one's own, not an appeal to anyone ("wants Kenya to join" is one)
                // "wants a stable Russia": a wish; only "wants X to V" asks X for something
                let wish_without_addressee = WISH_VERBS.contains(&ctx.w(t.first)) && {
                    let to = (t.last + 1..(t.last + 8).min(n))
                        .take_while(|&i| !ctx.is(i, CLAUSE_STOPS) && !ctx.is(i, &[",", "."]))
                        .find(|&i| ctx.is(i, &["to"]));
                    !to.is_some_and(|to| (t.last + 1..to).any(|i| ctx.slot_of[i].is_some()))
                };
                if e.frame == Frame::Appeal && wish_without_addressee {
                    tr.outcome = "a wish without an addressee".into();
                    if trace {
                        st.triggers.push(tr);
                    }
                    continue;
                }
                if ch.irrealis || ctx.irrealis_scope(ch.start) {
                    factual = false;
                }
                // "must agree before they demobilize", "until Israel withdraws": a condition still to come
                if matches!(t.kind, FormKind::Base | FormKind::Third) && !ch.be {
                    let cond = (ch.start.saturating_sub(6)..ch.start)
                        .rev()
                        .take_while(|&i| !ctx.is(i, CLAUSE_STOPS) && !ctx.is(i, &[",", "."]))
                        .any(|i| ctx.is(i, &["before", "until", "unless", "once"]));
                    if cond {
                        factual = false;
                    }
                }
                let mut future = ch.future;
                if let Some(g) = ch.governor {
                    let gw = ctx.w(g);
                    // "getting the U.S. to attack", "wants Russia to withdraw": a wished-for action
                    if let Some(sl) = ctx.slot_of[g].filter(|_| claim.is_none()) {
                        let causer = ctx
                            .word_before(ctx.slots[sl].first)
                            .is_some_and(|p| ctx.is(p, CAUSATIVES));
                        if causer {
                            factual = false;
                        }
                    }
                    if FUTURE_GOVERNORS.contains(&gw) {
                        future = true;
                    } else if IRREALIS_GOVERNORS.contains(&gw)
                        && !(root >= 14
                            && ["tried", "attempted", "trying", "attempting", "tries", "attempts"].contains(&gw))
                    {
                        factual = false;
                    } else if [
                        "decline", "declined", "declines", "refuse", "refused", "refuses", "fail", "failed", "fails",
                    ]
                    .contains(&gw)
                    {
                        negated = true;
                    }
                    // "blocked roads to press their demands", "mobilized groups to help support X": the purpose of
                    // another act is intended, not done (verbs of going on with an act keep it factual)
                    if claim.is_none()
                        && !FUTURE_GOVERNORS.contains(&gw)
                        && !FACTUAL_GOVERNORS.contains(&gw)
                        && !IRREALIS_GOVERNORS.contains(&gw)
                    {
                        factual = false;
                    }
                    // "was not in a position to agree": the governing clause is negated
                    let neg_gov =
                        (g.saturating_sub(5)..g).any(|i| ctx.is(i, &["not", "never"]) || is_neg_contraction(ctx.w(i)));
                    if neg_gov && claim.is_none() {
                        negated = true;
                    }
                }
                // "said it would meet": reported future
                if ch.irrealis && (ch.start..t.first).any(|i| ctx.w(i) == "would") {
                    let said_before = (ch.start.saturating_sub(8)..ch.start).any(|i| ctx.is(i, SAY_VERBS));
                    if said_before && !ctx.irrealis_scope(ch.start.saturating_sub(0)) {
                        future = true;
                        factual = true;
                    } else if said_before {
                        let only_would =
                            !(ch.start.saturating_sub(16)..ch.start).any(|i| ctx.is(i, &["if", "whether", "unless"]));
                        if only_would && !ctx.question {
                            future = true;
                            factual = true;
                        }
                    }
                }
                if e.frame == Frame::Speaker {
                    sources = speaker_source(&ctx, t.first, quotes, quote_of(toks[t.first].start));
                    pattern = "speaker".into();
                    // "Russia's outrageous action": the possessor is the one criticised
                    let mut p = t.first;
                    if p > 0 && ctx.is(p - 1, &["'s", "’s"]) {
                        p -= 1;
                    }
                    if let Some(sl) = p.checked_sub(1).and_then(|q| ctx.slot_of[q]) {
                        targets = Some(ctx.group(sl));
                        pattern.push_str(", possessor is the target");
                    }
                } else if passive && claim.as_ref().and_then(|c| c.source.clone()).is_none() {
                    sources = ctx.agent(t.last + 1);
                    targets = ctx.subject(ch.start).or_else(|| ctx.passive_subject_inner(ch.start));
                    pattern = "passive".into();
                    // "was accused of misusing public funds ..., by officials": the agent after the complement
                    if sources.is_none() && e.frame == Frame::Accuse {
                        let by = (t.last + 1..(t.last + 25).min(n))
                            .take_while(|&i| !ctx.is(i, CLAUSE_STOPS) && !ctx.is(i, &["."]))
                            .find(|&i| ctx.is(i, &["by"]) && ctx.is(i.saturating_sub(1), &[","]));
                        if let Some(s) = by.and_then(|by| (by + 1..(by + 4).min(n)).find_map(|i| ctx.slot_of[i])) {
                            sources = Some(ctx.group(s));
                            pattern.push_str(", agent after the complement");
                        }
                    }
                } else {
                    sources = claim.as_ref().and_then(|c| c.source.clone());
                    pattern = if sources.is_some() {
                        "complement".into()
                    } else {
                        "active".into()
                    };
                    // "..., killing 20 people": a participle clause takes the main clause's subject
                    let participle_clause = t.kind == FormKind::Ing && ch.start > 0 && ctx.is(ch.start - 1, &[","]);
                    if sources.is_none() && participle_clause && last_subject.is_some() {
                        sources = last_subject.clone();
                        pattern = "participle clause".into();
                    }
                    // "X betrayed Y by attacking him": the object of the main verb is not the
                    // subject of the means clause; the main subject is
                    let means_clause = t.kind == FormKind::Ing && ch.start > 0 && ctx.is(ch.start - 1, &["by"]);
                    if sources.is_none() && means_clause && ch.start >= 2 {
                        if let Some(sl) = ctx.slot_of[ch.start - 2] {
                            let f = ctx.slots[sl].first;
                            let object_of_verb = f > 0
                                && ctx.toks[f - 1].kind == TokenKind::Word
                                && ctx.slot_of[f - 1].is_none()
                                && modifier_like(&ctx, f - 1)
                                && !DETERMINERS.contains(&ctx.w(f - 1));
                            if object_of_verb {
                                sources = ctx.subject(f - 1);
                                pattern = "means clause".into();
                            }
                        }
                    }
                    if sources.is_none() && !participle_clause {
                        sources = ctx.subject(ch.start);
                        if sources.is_some() && ctx.w(ch.start.saturating_sub(1)) == "who" {
                            pattern = "relative clause".into();
                        }
                    }
                    if sources.is_none() && ch.start > 0 && ctx.is(ch.start - 1, &["and", "but", "or", "then"]) {
                        sources = last_subject.clone();
                        pattern = "coordinated verb".into();
                    }
                    // "X kidnapped Y and exploded bombs": the previous verb's object is not this verb's subject
                    if sources.is_some()
                        && sources == last_target
                        && last_subject.is_some()
                        && ch.start > 0
                        && ctx.is(ch.start - 1, &["and", "then"])
                    {
                        sources = last_subject.clone();
                        pattern = "coordinated verb".into();
                    }
                    let that_ok = matches!(e.frame, Frame::Demand);
                    let from = t.last + 1;
                    // "demanded on Friday that Kenya ...": a date between the verb and its clause
                    let from = if that_ok {
                        (from..(from + 3).min(n))
                            .find(|&i| !ctx.is(i, TIME_WORDS))
                            .unwrap_or(from)
                    } else {
                        from
                    };
                    let from = if that_ok && ctx.is(from, &["that"]) {
                        from + 1
                    } else {
                        from
                    };
                    let control = matches!(e.frame, Frame::Intent | Frame::Threat | Frame::Refuse | Frame::Negate);
                    targets = ctx.object_through(from, root, that_ok, control);
                    // "complained to the UN over Israeli raids": the addressee hears it, the other side is its target
                    if root == 11 && ctx.is(t.last, &["to"]) {
                        if let Some(g) = targets.as_ref() {
                            let mut j = ctx.slots[*g.last().unwrap()].last + 1;
                            while j < n && ctx.is(j, TIME_WORDS) {
                                j += 1;
                            }
                            if j < n && ctx.is(j, &["over", "about"]) {
                                if let Some(s) = (j + 1..(j + 5).min(n)).find_map(|i| ctx.slot_of[i]) {
                                    targets = Some(ctx.group(s));
                                    pattern.push_str(", complaint over the other side");
                                }
                            }
                        }
                    }
                    // "appealed to demonstrators to go home", "condemned protesters": a verbal act aimed at a
                    // plain group of people right after the verb, who belong to the source's own country
                    if matches!(root, 2 | 10..=13) {
                        let country = sources.as_ref().and_then(|g| ctx.slots[g[0]].actor.country.clone());
                        let people = role_noun_object(&ctx, from)
                            .filter(|(_, r)| matches!(*r, "OPP" | "CVL" | "EDU" | "LAB" | "MED" | "REB"));
                        if let (Some(c), Some((ri, role))) = (country, people) {
                            ctx.slots.push(Slot::people_of(c, role, ri));
                            targets = Some(vec![ctx.slots.len() - 1]);
                            pattern.push_str(", people of the source's country");
                        }
                    }
                    // "troops killed about 100 protesters": a role noun of the source's own country
                    // Only a state's forces acting on people (protesters, civilians): that is repression at home.
                    let state_force = sources.as_ref().is_some_and(|g| {
                        matches!(
                            ctx.slots[g[0]].actor.role.as_deref(),
                            Some("MIL" | "COP" | "GOV" | "SPY")
                        )
                    });
                    if targets.is_none() && (17..=20).contains(&root) && state_force {
                        let country = sources.as_ref().and_then(|g| ctx.slots[g[0]].actor.country.clone());
                        let people = role_noun_object(&ctx, from)
                            .filter(|(_, r)| matches!(*r, "OPP" | "CVL" | "EDU" | "LAB" | "MED"));
                        if let (Some(c), Some((ri, role))) = (country, people) {
                            ctx.slots.push(Slot::people_of(c, role, ri));
                            targets = Some(vec![ctx.slots.len() - 1]);
                            if root >= 18 {
                                code = "175".into();
                            }
                            pattern.push_str(", people of the source's country: repression");
                        }
                    }
                    if matches!(e.frame, Frame::Intent | Frame::Threat | Frame::Refuse) {
                        if let Some(on) = object_noun[ti] {
                            let emb = &coder.lexicon.entries[trigs[on].entry];
                            code = refine(e.frame, &e.code, emb.root(), &emb.code);
                            if targets.is_none() {
                                targets = ctx.object(trigs[on].last + 1, emb.root(), false);
                            }
                        }
                    }
                    if e.frame == Frame::Appeal {
                        if let Some(on) = object_noun[ti] {
                            let emb = &coder.lexicon.entries[trigs[on].entry];
                            code = refine(e.frame, &e.code, emb.root(), &emb.code);
                        }
                    }
                    // "withdrew from the nuclear accord": leaving an agreement reduces relations
                    if ["withdraw", "pull out"].contains(&e.lemma.as_str()) && ctx.is(t.last + 1, &["from", "of"]) {
                        let left_agreement = (t.last + 2..(t.last + 7).min(n))
                            .take_while(|&i| !ctx.is(i, &[",", ";", "and", "but"]))
                            .any(|i| ctx.is(i, AGREEMENT_NOUNS));
                        if left_agreement {
                            code = "160".into();
                            pattern.push_str(", leaves an agreement");
                        }
                    }
                    // "discussed holding a summit": talking about a meeting is an intention to meet
                    if root == 4 && e.frame == Frame::Object {
                        if let Some(on) = object_noun[ti] {
                            if coder.lexicon.entries[trigs[on].entry].root() == 4 {
                                code = "036".into();
                                pattern.push_str(", about a meeting → intent");
                            }
                        }
                    }
                    if future && claim.is_none() && e.frame == Frame::Object {
                        if (4..=8).contains(&root) {
                            if negated {
                                code = if root == 4 { "125".into() } else { "120".into() };
                                negated = false;
                                pattern.push_str(" + will not → refusal");
                            } else if (t.last + 1..n).any(|i| ctx.is(i, &["unless"])) {
                                // "will resume aid unless": the cooperation is withheld as a threat ("will meet
                                // if ..." stays a conditional offer, an intent)
                                code = refine(Frame::Threat, "130", root, &e.code);
                                pattern.push_str(" + will ... unless → threat");
                            } else {
                                code = refine(Frame::Intent, "030", root, &e.code);
                                pattern.push_str(" + will → intent");
                            }
                        } else if root == 17 && code.starts_with("172") && !negated {
                            // "will ban the party", "will extend the curfew": an announced decree is a threat
                            code = refine(Frame::Threat, "130", root, &code);
                            pattern.push_str(" + will → threat");
                        } else if root >= 9 {
                            factual = false;
                        }
                    }
                    // "may halt its mediation if the talks fail": a hostile act held out on a condition is a threat
                    if (future || ch.irrealis)
                        && !ch.neg
                        && !negated
                        && claim.is_none()
                        && e.frame == Frame::Object
                        && (16..=20).contains(&root)
                        && !ctx.irrealis_scope(ch.start)
                        && (t.last + 1..n)
                            .take_while(|&i| !ctx.is(i, &[";", "."]))
                            .any(|i| ctx.is(i, &["if", "unless"]))
                    {
                        code = refine(Frame::Threat, "130", root, &e.code);
                        factual = true;
                        pattern.push_str(" + if → threat");
                    }
                }
                if sources.is_some() && !passive {
                    last_subject = sources.clone();
                    last_target = targets.clone();
                }
            } else {
                // Event nouns.
                pattern = String::new();
                let nf = t.first;
                // possessor or actor adjective right before: "Russia's mobilization", "U.S. sanctions"
                let mut j = nf;
                let mut hops = 0;
                while j > 0 && hops < 3 {
                    j -= 1;
                    if let Some(s) = ctx.slot_of[j] {
                        let g = ctx.group(s);
                        let before = ctx.word_before(ctx.slots[g[0]].first);
                        // "by X's invitation" still names X as the one inviting
                        let possessive = ctx.is(ctx.slots[s].last + 1, &["'s", "’s", "'", "’"]);
                        if before.is_some_and(|p| ctx.is(p, &["by"])) && !possessive {
                            break;
                        }
                        // "Kremlin critics": the actor before an agent noun is the one criticized
                        if AGENT_NOUNS.contains(&ctx.w(nf)) && !possessive {
                            targets = Some(g);
                            break;
                        }
                        sources = Some(g);
                        pattern = "possessor".into();
                        break;
                    }
                    let w = ctx.w(j);
                    // "Republicans' invitation": a plural possessive is an apostrophe after the actor
                    let plural_possessive =
                        (w == "'" || w == "’") && j > 0 && ctx.slot_of[j - 1].is_some() && ctx.w(j - 1).ends_with('s');
                    if !(w == "'s"
                        || w == "’s"
                        || plural_possessive
                        || DETERMINERS.contains(&w) && !["the", "a", "an", "that", "this", "no", "any"].contains(&w)
                        || w.ends_with("-led"))
                    {
                        break;
                    }
                    hops += 1;
                }
                // "an attack by X" (right after the noun; "a truce brokered by X" names a broker, not the actor)
                if sources.is_none() && ctx.is(t.last + 1, &["by"]) {
                    if let Some(a) = ctx.agent(t.last + 1) {
                        sources = Some(a);
                        pattern = "by-agent".into();
                    }
                }
                // "criticism from the White House", "demands from the rebels": the author of a verbal act
                if sources.is_none() && (matches!(root, 2 | 10..=13)) && ctx.is(t.last + 1, &["from"]) {
                    let mut j = t.last + 2;
                    while j < n && ["the", "a", "an"].contains(&ctx.w(j)) {
                        j += 1;
                    }
                    if let Some(sl) = ctx.slot_of.get(j).copied().flatten() {
                        sources = Some(ctx.group(sl));
                        pattern = "from-author".into();
                    }
                }
                // "arrested 12 people on allegations of espionage": whoever makes the arrest accuses the
                // people arrested (the same target, the source's own country when none is named)
                if sources.is_none() && root == 11 {
                    let mut p = nf;
                    while p > 0 && ctx.is(p - 1, &["the", "unspecified", "unproven", "vague"]) {
                        p -= 1;
                    }
                    if p > 0 && ctx.is(p - 1, &["on", "over"]) {
                        let arrest = out
                            .events
                            .iter()
                            .rev()
                            .find(|x| x.sentence == si && x.code.starts_with("173") && x.factual && !x.negated);
                        if let Some(prev) = arrest {
                            if let Some(s) = ctx.slots.iter().position(|s| vec_eq_actor(&s.actor, &prev.source)) {
                                sources = Some(vec![s]);
                                charge_target = Some(prev.target.clone());
                                pattern = "accusation of an arrest".into();
                            }
                        }
                    }
                }
                // light verb: "imposed sanctions on", "held talks with", "kicking off exercises"
                let mut light_chain = None;
                let mut coordinated_light = false;
                if sources.is_none() {
                    let mut j = nf;
                    let mut steps = 0;
                    while j > 0 && steps < 8 {
                        j -= 1;
                        steps += 1;
                        if let Some(&(la, _, lk)) = lights.iter().find(|l| l.1 == j) {
                            let ch = ctx.chain(la);
                            let passive = matches!(lk, FormKind::PastPart | FormKind::Participle) && ch.be;
                            if passive {
                                sources = ctx.agent(t.last + 1);
                                targets = ctx.subject(ch.start);
                            } else {
                                sources = ctx.subject(ch.start);
                                if sources.is_none()
                                    && ch.start > 0
                                    && ctx.is(ch.start - 1, &["and", "but", "or", "then"])
                                {
                                    sources = last_subject.clone();
                                }
                                // "X complained to Y and imposed sanctions": the previous verb's subject again
                                coordinated_light = ch.start > 0
                                    && ctx.is(ch.start - 1, &["and", "but", "or", "then"])
                                    && sources.is_some()
                                    && sources == last_subject;
                            }
                            light_chain = Some((la, ch));
                            pattern = format!(
                                "light verb {:?}",
                                &text[toks[la].start..toks[lights.iter().find(|l| l.1 == j).unwrap().1].end]
                            );
                            break;
                        }
                        // "launched a bomb and gun attack": coordinated modifiers of the noun
                        let coordinated = ctx.is(j, &["and", ","]) && !ctx.is(j + 1, DETERMINERS);
                        if !modifier_like(&ctx, j) && !coordinated {
                            break;
                        }
                    }
                }
                // "X has been a critic of Y": an agent noun after a copula takes the copula's subject
                if sources.is_none() && AGENT_NOUNS.contains(&ctx.w(t.first)) {
                    if let Some(b) = (nf.saturating_sub(4)..nf)
                        .rev()
                        .find(|&i| ctx.is(i, BE) || ctx.is(i, &["remains", "remained", "became"]))
                    {
                        let ch = ctx.chain(b);
                        sources = ctx.subject(ch.start);
                        pattern = "copula".into();
                    }
                }
                // "tariffs that Trump slapped on China": a relative clause with a light verb
                if sources.is_none() && ctx.is(t.last + 1, &["that", "which"]) {
                    let rel = t.last + 1;
                    if let Some(&(la, lb, _)) = lights.iter().find(|l| l.0 > rel + 1 && l.0 <= rel + 5) {
                        let ch = ctx.chain(la);
                        if let Some(g) = ctx.subject(ch.start).filter(|g| ctx.slots[g[0]].first > rel) {
                            sources = Some(g);
                            targets = ctx.object(lb + 1, root, false);
                            pattern = "relative clause with a light verb".into();
                        }
                    }
                }
                // "talks between X and Y", "a meeting of X and Y"
                let after = t.last + 1;
                if after < n && ctx.is(after, &["between", "among"]) {
                    if let Some(s) = ctx
                        .slot_of
                        .get(after + 1)
                        .copied()
                        .flatten()
                        .or_else(|| ctx.slot_of.get(after + 2).copied().flatten())
                    {
                        let g = ctx.group(s);
                        if g.len() >= 2 && sources.is_none() {
                            sources = Some(g.clone());
                            targets = Some(g);
                            recip_pairs = true;
                            pattern = "between X and Y".into();
                        }
                    }
                }
                if sources.is_none() && after < n && ctx.is(after, &["of"]) && e.recip {
                    if let Some(s) = ctx
                        .slot_of
                        .get(after + 1)
                        .copied()
                        .flatten()
                        .or_else(|| ctx.slot_of.get(after + 2).copied().flatten())
                    {
                        let g = ctx.group(s);
                        if g.len() >= 2 {
                            sources = Some(vec![g[0]]);
                            targets = Some(g[1..].to_vec());
                            pattern = "N of X and Y".into();
                        }
                    }
                }
                if targets.is_none() && !recip_pairs {
                    // prepositional target: "invasion of Ukraine", "sanctions against Russia"
                    let mut j = after;
                    let end = (after + 8).min(n);
                    while j < end {
                        let w = ctx.w(j);
                        // an infinitive ends the noun phrase: "refusal to involve Congress" names no target
                        let infinitive = w == "to"
                            && j + 1 < n
                            && (ctx.is(j + 1, COMMON_VERBS)
                                || trigs.iter().any(|o| o.verb && o.first == j + 1)
                                || lights.iter().any(|l| l.0 == j + 1));
                        if infinitive
                            || [
                                ",", ";", ":", "—", "that", "which", "who", "but", "because", "while", "said", "says",
                            ]
                            .contains(&w)
                            || BE.contains(&w)
                            || MODAL_FUTURE.contains(&w)
                            || MODAL_IRREALIS.contains(&w)
                            || HAVE.contains(&w)
                        {
                            break;
                        }
                        if let Some(s) = ctx.slot_of[j].filter(|&s| !ctx.slots[s].generic) {
                            let g = ctx.group(s);
                            let mut p = ctx.word_before(ctx.slots[g[0]].first);
                            for _ in 0..2 {
                                if let Some(q) = p.filter(|&q| {
                                    q > after
                                        && (ctx.toks[q].is_capitalized(text)
                                            || modifier_like(&ctx, q) && !ctx.is(q, &["of", "'s", "’s"]))
                                }) {
                                    p = ctx.word_before(q);
                                }
                            }
                            let ok = p.is_some_and(|p| {
                                let pw = ctx.w(p);
                                [
                                    "of", "against", "on", "to", "toward", "towards", "with", "into", "upon", "over",
                                    "at", "for", "between",
                                ]
                                .contains(&pw)
                                    || (ctx.is(p, PLACE_PREPS) && place_target_ok(root))
                            });
                            if ok {
                                // "a critic of Russia and of the president": a repeated preposition adds a target
                                let last = ctx.slots[*g.last().unwrap()].last;
                                let mut g = g;
                                let mut k = last + 1;
                                if ctx.is(k, &[","]) {
                                    k += 1;
                                }
                                if ctx.is(k, &["and", "or"]) && p.is_some_and(|p| k + 1 < n && ctx.w(k + 1) == ctx.w(p))
                                {
                                    let mut m = k + 2;
                                    while m < n && ["the", "a", "an"].contains(&ctx.w(m)) {
                                        m += 1;
                                    }
                                    if let Some(s2) = ctx
                                        .slot_of
                                        .get(m)
                                        .copied()
                                        .flatten()
                                        .filter(|&s2| !ctx.slots[s2].generic)
                                    {
                                        g.extend(ctx.group(s2));
                                    }
                                }
                                targets = Some(g);
                            }
                            break;
                        }
                        j += 1;
                    }
                }
                // "invited X to Paris in a phone call": a meeting or call that frames the clause's act is
                // between the act's source and target
                let framing = (nf.saturating_sub(3)..nf).any(|i| ctx.is(i, &["in", "during"]))
                    && (nf.saturating_sub(2)..nf).all(|i| ctx.is(i, &["in", "during", "a", "an", "the", "their"]));
                if sources.is_none() && e.recip && root == 4 && framing && last_target.is_some() {
                    sources = last_subject.clone();
                    targets = last_target.clone();
                    pattern = "frames the clause's act".into();
                }
                // "withdrew from the accord with X and reimposed sanctions": the second verb of the subject
                // acts on the same target
                if targets.is_none() && coordinated_light && sources.is_some() {
                    targets = last_target.clone();
                    if targets.is_some() {
                        pattern.push_str(", target of the coordinated verb");
                    }
                }
                // "a warrant to seize X", "an order to detain X": the coercion falls on the infinitive's object
                if targets.is_none() && root == 17 && ctx.w(after.min(n - 1)) == "to" && ctx.is_infinitive(after) {
                    targets = ctx.object(after + 2, root, false);
                    if targets.is_some() {
                        pattern.push_str(", target of the infinitive");
                    }
                }
                // "police fired tear gas at protesters": a state force acting on people of its own country
                if targets.is_none() && light_chain.is_some() && (17..=20).contains(&root) {
                    let source = sources.as_ref().map(|g| &ctx.slots[g[0]].actor);
                    let state_force =
                        source.is_some_and(|a| matches!(a.role.as_deref(), Some("MIL" | "COP" | "GOV" | "SPY")));
                    let country = source.and_then(|a| a.country.clone());
                    let people = role_noun_object(&ctx, t.last + 1)
                        .filter(|(_, r)| matches!(*r, "OPP" | "CVL" | "EDU" | "LAB" | "MED"));
                    if let (true, Some(c), Some((ri, role))) = (state_force, country, people) {
                        ctx.slots.push(Slot::people_of(c, role, ri));
                        targets = Some(vec![ctx.slots.len() - 1]);
                        pattern.push_str(", people of the source's country");
                    }
                }
                // negation and modality of the noun
                let left3 = nf.saturating_sub(3)..nf;
                if left3
                    .clone()
                    .any(|i| ctx.is(i, &["no", "without", "not", "never"]) || is_neg_contraction(ctx.w(i)))
                {
                    negated = true;
                }
                if let Some((_, ch)) = light_chain {
                    negated |= ch.neg;
                    if ch.irrealis || ch.future && root >= 9 {
                        factual = false;
                    }
                    // "will provide aid": an announced cooperative act is an intention
                    if ch.future && (4..=8).contains(&root) && claim.is_none() {
                        if ch.neg {
                            code = if root == 4 { "125".into() } else { "120".into() };
                            negated = false;
                            pattern.push_str(" + will not → refusal");
                        } else {
                            code = refine(Frame::Intent, "030", root, &e.code);
                            pattern.push_str(" + will → intent");
                        }
                    }
                    // "will impose a curfew": an announced decree is a threat of it
                    if ch.future && !ch.irrealis && !ch.neg && root == 17 && code.starts_with("172") && claim.is_none()
                    {
                        code = refine(Frame::Threat, "130", root, &code);
                        factual = true;
                        pattern.push_str(" + will → threat");
                    }
                    if let Some(g) = ch.governor {
                        if IRREALIS_GOVERNORS.contains(&ctx.w(g)) {
                            factual = false;
                        }
                        if ["decline", "declined", "refuse", "refused", "fail", "failed"].contains(&ctx.w(g)) {
                            negated = true;
                        }
                    }
                }
                if (nf.saturating_sub(4)..nf).any(|i| {
                    ctx.is(i, IRREALIS_NOUN_GOVERNORS)
                        && (ctx.is(i + 1, &["of", "for", "more", "a", "an", "the"]) || i + 1 == nf)
                }) {
                    factual = false;
                }
                // "accused of violating EU sanctions": breaking a measure is not imposing it
                if (16..=17).contains(&root) && (nf.saturating_sub(4)..nf).any(|i| ctx.is(i, VIOLATION_VERBS)) {
                    factual = false;
                }
                if ctx.irrealis_scope(nf) {
                    factual = false;
                }
                // "a refusal ... would amount to": a modal right after the noun phrase
                let right = (t.last + 1..(t.last + 9).min(n))
                    .take_while(|&i| !ctx.is(i, &[",", ";", "that", "which", "who"]))
                    .any(|i| ctx.is(i, &["would", "could", "might", "may"]));
                if right {
                    factual = false;
                }
                if sources.is_none() {
                    if let Some(c) = &claim {
                        sources = c.source.clone();
                        pattern = "complement".into();
                    }
                }
            }
            if let Some(c) = &claim {
                if let Some(f) = c.factual {
                    factual &= f;
                }
                negated |= c.negated;
                pattern = if pattern.is_empty() {
                    c.by.clone()
                } else {
                    format!("{pattern}, {}", c.by)
                };
            }
            let Some(src) = sources else {
                tr.outcome = format!(
                    "no source actor ({})",
                    if pattern.is_empty() {
                        "noun without possessor, agent or light verb"
                    } else {
                        pattern.as_str()
                    }
                );
                if trace {
                    st.triggers.push(tr);
                }
                continue;
            };
            let quote = quote_of(toks[t.first].start);
            let in_direct_first_person = src.iter().any(|&s| ctx.slots[s].first_person);
            // Pairs.
            let mut pairs: Vec<(usize, Option<usize>)> = Vec::new();
            let mut ctx_target: Option<Actor> = None;
            match &targets {
                Some(tg) if tg.is_empty() => {
                    // "each other": the compound subject in both directions
                    for &a in &src {
                        for &b in &src {
                            if a != b {
                                pairs.push((a, Some(b)));
                            }
                        }
                    }
                    pattern.push_str(", each other");
                }
                Some(tg) if recip_pairs => {
                    for &a in tg {
                        for &b in tg {
                            if a != b {
                                pairs.push((a, Some(b)));
                            }
                        }
                    }
                }
                Some(tg) => {
                    // "X met Y", "X held talks with Y": a consultation involves both sides, each its source
                    // (not "a meeting of X and Y", which names its host first, nor "a delegation to meet Y")
                    let mutual = e.recip
                        && code.starts_with("04")
                        && !negated
                        && factual
                        && !pattern.contains("N of X")
                        && !(t.verb && ctx.chain(t.first).to);
                    for &a in &src {
                        for &b in tg {
                            pairs.push((a, Some(b)));
                        }
                    }
                    if mutual {
                        for &b in tg {
                            for &a in &src {
                                pairs.push((b, Some(a)));
                            }
                        }
                        pattern.push_str(", mutual");
                    }
                }
                None if e.recip && src.len() == 2 => {
                    for &a in &src {
                        for &b in &src {
                            if a != b {
                                pairs.push((a, Some(b)));
                            }
                        }
                    }
                    pattern.push_str(", compound subject, reciprocal");
                }
                None => {
                    // No target in the sentence: the most recent other actor of the article, for verbal acts.
                    let verbal = matches!(e.frame, Frame::Speaker | Frame::Intent | Frame::Demand)
                        || e.code == "016"
                        || (10..=12).contains(&root);
                    let allowed = verbal && !(in_direct_first_person && quote.is_some());
                    // "denounced the sanctions": the target is whoever did what the object noun names
                    let mut by_object = false;
                    if let Some(on) = object_noun[ti].filter(|_| root <= 13) {
                        let noun_root = format!("{:02}", coder.lexicon.entries[trigs[on].entry].root());
                        let src_actor = &ctx.slots[src[0]].actor;
                        if let Some(prev) = out
                            .events
                            .iter()
                            .rev()
                            .find(|x| x.root == noun_root && x.factual && !same_side(&x.source, src_actor))
                        {
                            ctx_target = Some(prev.source.clone());
                            by_object = true;
                        }
                    }
                    let from_arrest = charge_target.is_some();
                    if let Some(arrested) = charge_target.take() {
                        ctx_target = arrested;
                        pattern.push_str(", target: the people arrested");
                    } else if by_object {
                        pattern.push_str(", target: the doer of the object");
                    } else if allowed {
                        let src_actor = &ctx.slots[src[0]].actor;
                        // the first other actor of this sentence before the trigger, else of the sentences before
                        let here = ctx
                            .slots
                            .iter()
                            .filter(|s| s.last < t.first && !src.iter().any(|&x| ctx.slots[x].first == s.first))
                            .map(|s| &s.actor);
                        ctx_target = here
                            .chain(history.iter().rev().flatten())
                            .find(|a| !same_side(a, src_actor))
                            .cloned();
                    }
                    for &a in &src {
                        pairs.push((a, None));
                    }
                    // a domestic act without a named target: the source's own country ("lifted the curfew")
                    // Protests by people and concessions by a state are domestic unless a target is named.
                    let final_root = code.get(..2).and_then(|r| r.parse::<u8>().ok()).unwrap_or(root);
                    let src_actor = &ctx.slots[src[0]].actor;
                    let official = matches!(src_actor.role.as_deref(), Some("GOV" | "MIL" | "COP" | "JUD" | "LEG"));
                    let state = official || src_actor.role.is_none() && src_actor.org.is_none();
                    // "threatened to impose a curfew", "ready to lift the ban": the intent is about the
                    // source's own country when the act it announces is
                    let announces_domestic = matches!(e.frame, Frame::Intent | Frame::Threat | Frame::Refuse)
                        && object_noun[ti].is_some_and(|on| {
                            let emb = &coder.lexicon.entries[trigs[on].entry];
                            emb.root() == 8 || emb.root() == 17 && state && emb.code.starts_with("172")
                        });
                    let domestic = announces_domestic
                        || match final_root {
                            8 => true,
                            // a hunger strike is a protest whoever holds it (a jailed minister, a lawmaker)
                            14 => !official || code.starts_with("142"),
                            // arrests and bans by a state's own forces, coded as verbs; a state's decrees
                            // (curfew, state of siege, martial law) as nouns too
                            17 => official && t.verb || state && code.starts_with("172"),
                            // "will impose a curfew": a threatened decree, as the decree itself
                            13 => state && code.starts_with("132"),
                            // "the opposition leader demanded early elections": a demand of the own state
                            10 => matches!(src_actor.role.as_deref(), Some("OPP" | "ELI" | "REB")) && t.verb,
                            _ => false,
                        };
                    let mut is_domestic = false;
                    if ctx_target.is_none() && domestic {
                        if let Some(c) = &src_actor.country {
                            ctx_target = Some(Actor {
                                code: c.clone(),
                                country: Some(c.clone()),
                                ..Actor::default()
                            });
                            is_domestic = true;
                        }
                    }
                    if is_domestic {
                        pattern.push_str(", domestic: the source's own country");
                    } else if ctx_target.is_some() {
                        if !from_arrest {
                            pattern.push_str(", target from context");
                        }
                    } else if !(final_root == 15 || final_root == 14 && !official) {
                        tr.outcome = format!("no target for a {root:02} event ({pattern})");
                        if trace {
                            st.triggers.push(tr);
                        }
                        continue;
                    }
                }
            }
            let mut produced = Vec::new();
            // Domestic acts (protests by people, concessions, a state's arrests) may have a country as both sides.
            let final_root = code.get(..2).and_then(|r| r.parse::<u8>().ok()).unwrap_or(root);
            let official_src = |a: usize| {
                matches!(
                    ctx.slots[a].actor.role.as_deref(),
                    Some("GOV" | "MIL" | "COP" | "JUD" | "LEG")
                )
            };
            let domestic_ok = |a: usize| match final_root {
                8 => true,
                14 => !official_src(a) || code.starts_with("142"),
                17 => {
                    official_src(a) && t.verb
                        || code.starts_with("172")
                            && (official_src(a)
                                || ctx.slots[a].actor.role.is_none() && ctx.slots[a].actor.org.is_none())
                }
                _ => false,
            };
            for (a, b) in pairs {
                let source = ctx.slots[a].actor.clone();
                let target = match b {
                    Some(b) => {
                        let same_entity = ctx.slots[a].entity.is_some() && ctx.slots[a].entity == ctx.slots[b].entity;
                        // a domestic act may name its own country again ("French workers blocked roads in France"),
                        // but a pronoun or a group that refers back to the source is not its target
                        let own_country =
                            ctx.slots[b].country_kind && ctx.w(ctx.slots[a].first) != ctx.w(ctx.slots[b].first);
                        if a == b
                            || same_entity && !(own_country && domestic_ok(a))
                            || vec_eq_actor(&ctx.slots[a].actor, &ctx.slots[b].actor) && !domestic_ok(a)
                        {
                            continue;
                        }
                        Some(ctx.slots[b].actor.clone())
                    }
                    None => ctx_target.clone(),
                };
                if target.as_ref().is_some_and(|t| t.code == source.code) && !domestic_ok(a) {
                    continue;
                }
                let ev = coder.make_event(
                    si,
                    source,
                    target,
                    &code,
                    negated,
                    factual,
                    quote,
                    Trigger {
                        start: toks[t.first].start,
                        end: toks[t.last].end,
                        text: trig_text.to_string(),
                    },
                    format!("{} {} [{}]", e.key(), code, pattern),
                );
                let dup = out.events.iter().any(|x| {
                    x.sentence == si
                        && (x.source.code == ev.source.code || same_side(&x.source, &ev.source))
                        && x.target.as_ref().map(|t| &t.code) == ev.target.as_ref().map(|t| &t.code)
                        && x.root == ev.root
                });
                // The same act told again later in the story ("X has agreed to ..." in the lead, the tweet, the
                // recap): same actors, code and trigger word, and both factual
                let retold = ev.factual
                    && !ev.negated
                    && out.events.iter().any(|x| {
                        x.sentence != si
                            && x.factual
                            && !x.negated
                            && x.source.code == ev.source.code
                            && x.target.as_ref().map(|t| &t.code) == ev.target.as_ref().map(|t| &t.code)
                            && x.code == ev.code
                            && x.rule.split(" [").next() == ev.rule.split(" [").next()
                    });
                let dup = dup || retold;
                let folded = purpose_clause
                    && out
                        .events
                        .iter()
                        .any(|x| x.sentence == si && x.root == "14" && x.source.code == ev.source.code);
                if dup || folded {
                    continue;
                }
                produced.push(format!(
                    "{} → {} {}{}{}",
                    ev.source.code,
                    ev.target.as_ref().map(|t| t.code.as_str()).unwrap_or("-"),
                    ev.code,
                    if ev.negated { " negated" } else { "" },
                    if ev.factual { "" } else { " not factual" }
                ));
                out.events.push(ev);
            }
            tr.outcome = if produced.is_empty() {
                format!("no event: source and target are the same actor ({pattern})")
            } else {
                format!("{} [{pattern}]", produced.join("; "))
            };
            if trace {
                st.triggers.push(tr);
            }
        }
        // "X said that Y must V": a demand by X on Y.
        for (mi, (src, tgt)) in must_clauses(&ctx, text) {
            let mut produced = Vec::new();
            for &a in &src {
                for &b in &tgt {
                    let (sa, ta) = (&ctx.slots[a].actor, &ctx.slots[b].actor);
                    if sa.code == ta.code
                        || out.events.iter().any(|x| {
                            x.sentence == si
                                && x.source.code == sa.code
                                && x.target.as_ref().is_some_and(|t| t.code == ta.code)
                                && x.root == "10"
                        })
                    {
                        continue;
                    }
                    let ev = coder.make_event(
                        si,
                        sa.clone(),
                        Some(ta.clone()),
                        "100",
                        false,
                        !ctx.question,
                        quote_of(toks[mi].start),
                        Trigger {
                            start: toks[mi].start,
                            end: toks[mi].end,
                            text: text[toks[mi].start..toks[mi].end].to_string(),
                        },
                        "must 100 [X said that Y must V]".to_string(),
                    );
                    produced.push(format!("{} → {} 100", sa.code, ta.code));
                    out.events.push(ev);
                }
            }
            if trace {
                st.triggers.push(TriggerTrace {
                    text: text[toks[mi].start..toks[mi].end].to_string(),
                    entry: "pattern: X said that Y must V".into(),
                    outcome: if produced.is_empty() {
                        "no event: same actor".into()
                    } else {
                        produced.join("; ")
                    },
                });
            }
        }
        if trace {
            out.traces.push(st);
        }
        let _ = in_quote;
        history_push(&mut history, &sent_mentions, quotes, span);
    }
    // text order inside a sentence (patterns run in passes); the sort is stable
    out.events.sort_by_key(|e| (e.sentence, e.trigger.start));
    out
}

/// "X said/declared/insisted that Y must V": the speaker X demands of Y. Returns the "must" token and the groups.
/// Actor slots of a compound source or target.
type Group = Vec<usize>;

fn must_clauses(ctx: &Ctx, text: &str) -> Vec<(usize, (Group, Group))> {
    const DECLARE: &[&str] = &[
        "said",
        "says",
        "declared",
        "reiterated",
        "insisted",
        "stressed",
        "concluded",
        "told",
        "warned",
        "added",
        "announced",
        "argued",
        "demanded",
        "urged",
    ];
    let mut out = Vec::new();
    for mi in 1..ctx.toks.len() {
        if ctx.w(mi) != "must" {
            continue;
        }
        let near = (mi.saturating_sub(4)..mi)
            .rev()
            .take_while(|&k| ctx.slot_of[k].is_some() || ctx.toks[k].is_capitalized(text))
            .find_map(|k| ctx.slot_of[k]);
        // "said that the government and the rebels in the north must": the first actor after "that"
        let after_that = || {
            let that = (mi.saturating_sub(12)..mi).rev().find(|&k| ctx.w(k) == "that")?;
            (that + 1..mi)
                .take_while(|&k| !ctx.is(k, CLAUSE_STOPS) && !ctx.is(k, &[",", "who", "which"]))
                .find_map(|k| ctx.slot_of[k])
        };
        // the declaring verb before Y, with "that" or nothing in between
        let declared = |ys: usize| {
            let tgt = ctx.group(ys);
            let first = ctx.slots[tgt[0]].first;
            let mut j = ctx.word_before(first).unwrap_or(first);
            if ctx.w(j) == "that" && j > 0 {
                j -= 1;
            }
            while j > 0 && (TIME_WORDS.contains(&ctx.w(j)) || ctx.is(j, &["here", "there"])) {
                j -= 1;
            }
            (ctx.is(j, DECLARE) && ctx.slot_of[j].is_none()).then_some((tgt, j))
        };
        // "said that X and his Y Front must": the nearest mention may sit inside a longer subject
        let Some((tgt, j)) = near.and_then(declared).or_else(|| after_that().and_then(declared)) else {
            continue;
        };
        let ch = ctx.chain(j);
        if ch.neg || ch.irrealis {
            continue;
        }
        if let Some(src) = ctx.subject(ch.start) {
            out.push((mi, (src, tgt)));
        }
    }
    out
}

/// The role of a plain role noun right after a verb ("killed about 100 protesters" → OPP), and its token.
fn role_noun_object(ctx: &Ctx, from: usize) -> Option<(usize, &'static str)> {
    const ROLES: &[(&str, &str)] = &[
        ("protesters", "OPP"),
        ("protestors", "OPP"),
        ("demonstrators", "OPP"),
        ("activists", "OPP"),
        ("civilians", "CVL"),
        ("people", "CVL"),
        ("villagers", "CVL"),
        ("residents", "CVL"),
        ("worshippers", "CVL"),
        ("children", "CVL"),
        ("soldiers", "MIL"),
        ("troops", "MIL"),
        ("policemen", "COP"),
        ("police", "COP"),
        ("rebels", "REB"),
        ("insurgents", "REB"),
        ("militants", "REB"),
        ("guerrillas", "REB"),
        ("journalists", "MED"),
        ("reporters", "MED"),
        ("students", "EDU"),
        ("workers", "LAB"),
        ("refugees", "REF"),
    ];
    let skip = [
        "about",
        "at",
        "least",
        "more",
        "than",
        "up",
        "to",
        "nearly",
        "almost",
        "over",
        "dozens",
        "hundreds",
        "thousands",
        "of",
        "the",
        "several",
        "many",
        "some",
        "two",
        "three",
        "four",
        "five",
        "unarmed",
        "innocent",
        "pro-democracy",
        "anti-government",
        "angry",
        "striking",
    ];
    let end = (from + 7).min(ctx.toks.len());
    for i in from..end {
        let w = ctx.w(i);
        if let Some(&(_, role)) = ROLES.iter().find(|(n, _)| *n == w) {
            return Some((i, role));
        }
        if !(skip.contains(&w) || ctx.toks[i].kind == TokenKind::Number) {
            return None;
        }
    }
    None
}

/// The specific concession that a generic yield verb ("lifted", "eased") names by its object:
/// "lifted a two-week blockade" eases a military blockade (0872), not just any restriction.
fn yield_object_code(ctx: &Ctx, from: usize) -> Option<&'static str> {
    for i in from..(from + 6).min(ctx.toks.len()) {
        let w = ctx.w(i);
        let code = match w {
            "blockade" | "blockades" | "siege" => "0872",
            "curfew" | "curfews" => "0813",
            "emergency" | "martial" => "0814",
            "sanctions" | "embargo" | "embargoes" => "085",
            "restrictions" | "curbs" => "081",
            // "called off the strike": dissent eased
            "strike" | "strikes" | "protest" | "protests" | "demonstration" | "demonstrations" | "sit-in" => "082",
            _ => {
                if CLAUSE_STOPS.contains(&w) || SUBORDINATORS.contains(&w) || [",", ".", "and", "to", "on"].contains(&w)
                {
                    return None;
                }
                continue;
            }
        };
        return Some(code);
    }
    None
}

/// Actions whose place is their target ("lifted the curfew in X", "attacked targets in X").
fn place_target_ok(root: u8) -> bool {
    matches!(root, 7 | 8 | 14..=20)
}

/// A word that can stand between a verb and its object noun: determiners, adjectives, numbers, "of".
fn modifier_like(ctx: &Ctx, j: usize) -> bool {
    let w = ctx.w(j);
    if DETERMINERS.contains(&w) || w == "'s" || w == "’s" || w == "of" || ctx.toks[j].kind == TokenKind::Number {
        return true;
    }
    ctx.toks[j].kind == TokenKind::Word
        && !BE.contains(&w)
        && !HAVE.contains(&w)
        && !DO.contains(&w)
        && !MODAL_FUTURE.contains(&w)
        && !MODAL_IRREALIS.contains(&w)
        && !SUBORDINATORS.contains(&w)
        && !NOT_SUBJECT_AFTER.contains(&w)
        && !NEG.contains(&w)
        && !SAY_VERBS.contains(&w)
        && !["and", "or", "to"].contains(&w)
}

fn same_side(a: &Actor, b: &Actor) -> bool {
    let key = |x: &Actor| x.country.clone().or(x.org.clone()).unwrap_or_else(|| x.code.clone());
    key(a) == key(b)
}

/// The actors of the last sentences, each sentence's in text order (quote speakers first).
fn history_push(history: &mut Vec<Vec<Actor>>, mentions: &[&Mention], quotes: &[Quote], span: detente_records::Span) {
    let mut actors = Vec::new();
    for q in quotes.iter().filter(|q| q.start < span.end && span.start < q.end) {
        if let Some(a) = q.speaker.as_ref().and_then(speaker_actor) {
            actors.push(a);
        }
    }
    for m in mentions {
        if usable(&m.actor) {
            actors.push(m.actor.clone());
        }
    }
    history.push(actors);
    if history.len() > 3 {
        history.remove(0);
    }
}

fn usable(a: &Actor) -> bool {
    !a.code.is_empty() && (a.country.is_some() || a.org.is_some() || a.code.len() >= 3)
}

fn speaker_actor(s: &detente_records::Speaker) -> Option<Actor> {
    let code = s.code.clone()?;
    if code.is_empty() {
        return None;
    }
    Some(Actor {
        code,
        country: s.country.clone(),
        org: s.org.clone(),
        role: s.role.clone(),
        name: s.name.clone(),
    })
}

/// Actor slots of a sentence: mentions, and first-person pronouns inside a quote that stand for its speaker.
fn build_slots(ctx: &mut Ctx, mentions: &[&Mention], quotes: &[Quote]) {
    let n = ctx.toks.len();
    let mut slots: Vec<Slot> = Vec::new();
    let mut ti = 0usize;
    for m in mentions {
        if !usable(&m.actor) {
            continue;
        }
        while ti < n && ctx.toks[ti].end <= m.start {
            ti += 1;
        }
        let first = ti;
        let mut last = ti;
        while last + 1 < n && ctx.toks[last + 1].start < m.end {
            last += 1;
        }
        if first >= n || ctx.toks[first].start >= m.end {
            continue;
        }
        slots.push(Slot {
            actor: m.actor.clone(),
            first,
            last,
            entity: Some(m.entity),
            first_person: false,
            country_kind: m.kind == MentionKind::Country,
            generic: false,
        });
    }
    for i in 0..n {
        let w = ctx.w(i);
        if !FIRST_PERSON.contains(&w) || slots.iter().any(|s| s.first <= i && i <= s.last) {
            continue;
        }
        let b = ctx.toks[i].start;
        let Some(q) = quotes
            .iter()
            .find(|q| q.start <= b && b < q.end && q.kind != detente_records::QuoteKind::Indirect)
        else {
            continue;
        };
        let Some(actor) = q.speaker.as_ref().and_then(speaker_actor) else {
            continue;
        };
        slots.push(Slot {
            actor,
            first: i,
            last: i,
            entity: q.speaker.as_ref().and_then(|s| s.entity),
            first_person: true,
            country_kind: false,
            generic: false,
        });
    }
    slots.sort_by_key(|s| s.first);
    for (k, s) in slots.iter().enumerate() {
        for t in s.first..=s.last {
            ctx.slot_of[t] = Some(k);
        }
    }
    ctx.slots = slots;
}

/// The source of an evaluative word: the speaker of the quote it is in, or "according to X".
fn speaker_source(ctx: &Ctx, at: usize, quotes: &[Quote], quote: Option<usize>) -> Option<Vec<usize>> {
    let n = ctx.toks.len();
    for i in 0..n.saturating_sub(2) {
        if ctx.w(i) == "according" && ctx.w(i + 1) == "to" {
            let mut j = i + 2;
            while j < n && ["the", "a", "an"].contains(&ctx.w(j)) {
                j += 1;
            }
            if let Some(s) = ctx.slot_of.get(j).copied().flatten() {
                return Some(vec![s]);
            }
        }
    }
    let _ = at;
    let q = quote.map(|q| &quotes[q])?;
    let actor = q.speaker.as_ref().and_then(speaker_actor)?;
    // Use a slot of the speaker in the sentence when there is one, else none: the speaker is elsewhere.
    ctx.slots
        .iter()
        .position(|s| s.actor.code == actor.code)
        .map(|s| vec![s])
}

fn unsafe_free_lower(s: &mut String) -> usize {
    // Safe ASCII lower-casing and white space folding, byte for byte.
    let mut v = std::mem::take(s).into_bytes();
    for b in v.iter_mut() {
        if b.is_ascii_uppercase() {
            *b = b.to_ascii_lowercase();
        } else if matches!(*b, b'\n' | b'\r' | b'\t') {
            *b = b' ';
        }
    }
    let len = v.len();
    *s = String::from_utf8(v).expect("ASCII changes keep UTF-8 valid");
    len
}

/// Unnamed groups that act ("gunmen", "protesters") and the CAMEO role they stand for.
const GENERIC_GROUPS: &[(&str, &str)] = &[
    ("gunmen", "REB"),
    ("militants", "REB"),
    ("militiamen", "REB"),
    ("insurgents", "REB"),
    ("jihadists", "REB"),
    ("terrorists", "REB"),
    ("rebels", "REB"),
    ("guerrillas", "REB"),
    ("assailants", "REB"),
    ("attackers", "REB"),
    ("protesters", "OPP"),
    ("protestors", "OPP"),
    ("demonstrators", "OPP"),
    ("rioters", "OPP"),
];
/// Words that may stand before an unnamed group at the start of its clause ("dozens of armed gunmen").
const GENERIC_PREFIX: &[&str] = &[
    "the",
    "a",
    "an",
    "some",
    "several",
    "many",
    "dozens",
    "hundreds",
    "thousands",
    "scores",
    "of",
    "group",
    "armed",
    "suspected",
    "unidentified",
    "unknown",
    "masked",
    "islamist",
    "angry",
    "more",
    "than",
    "about",
    "up",
    "to",
    "at",
    "least",
    "anti-government",
    "pro-democracy",
    "opposition",
];
/// Clause openers after which an unnamed group can be a subject.
const GENERIC_OPENERS: &[&str] = &[
    ",", "and", "but", "that", "when", "after", "as", "while", "where", "because", "before", "said", "say", "says",
];

/// Slots for unnamed groups that are the subject of a trigger verb ("militants have launched", "gunmen stormed"):
/// the source of the event when the actor stage names no one. They are never targets.
fn add_generic_slots(ctx: &mut Ctx) {
    let n = ctx.toks.len();
    let mut added = false;
    for i in 0..n {
        let Some(&(_, role)) = GENERIC_GROUPS.iter().find(|(g, _)| *g == ctx.w(i)) else {
            continue;
        };
        if ctx.slot_of[i].is_some() || (i > 0 && ctx.slot_of[i - 1].is_some()) {
            continue;
        }
        // the clause starts right before the group, across quantity words and adjectives only
        let mut b = i;
        while b > 0 && (ctx.is(b - 1, GENERIC_PREFIX) || ctx.toks[b - 1].kind == TokenKind::Number) {
            b -= 1;
        }
        if b > 0 && !ctx.is(b - 1, GENERIC_OPENERS) {
            continue;
        }
        // a verb trigger (or a light verb) next, after "have" and a few adverbs; not a passive
        let mut j = i + 1;
        while j < n && (ctx.is(j, HAVE) || ctx.is(j, &["also", "reportedly", "allegedly", "then", "later"])) {
            j += 1;
        }
        if j >= n || !ctx.verb_at[j] || ctx.slot_of[j].is_some() {
            continue;
        }
        ctx.slots.push(Slot {
            actor: Actor {
                code: role.to_string(),
                role: Some(role.to_string()),
                ..Actor::default()
            },
            first: i,
            last: i,
            entity: None,
            first_person: false,
            country_kind: false,
            generic: true,
        });
        added = true;
    }
    if added {
        ctx.slots.sort_by_key(|s| s.first);
        ctx.slot_of.iter_mut().for_each(|x| *x = None);
        for (k, s) in ctx.slots.iter().enumerate() {
            for t in s.first..=s.last {
                ctx.slot_of[t] = Some(k);
            }
        }
    }
}
