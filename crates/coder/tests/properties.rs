//! Properties of the whole coder on generated texts (issue 15, item 5): every span it emits is a char-
//! aligned range inside the text, coding is deterministic, and articles do not influence each other.
//! The texts mix words the stages react to (actor names, speech and event verbs, pronouns, quotation
//! marks of several scripts, abbreviations) with arbitrary Unicode, so every stage is reached.

use std::sync::OnceLock;

use detente_coder::Coder;
use detente_records::{Article, span_problems};
use proptest::prelude::*;

fn coder() -> &'static Coder {
    static CODER: OnceLock<Coder> = OnceLock::new();
    CODER.get_or_init(|| Coder::builtin().unwrap())
}

/// A second, independent coder: to compare against one that has coded other articles before.
fn other_coder() -> &'static Coder {
    static CODER: OnceLock<Coder> = OnceLock::new();
    CODER.get_or_init(|| Coder::builtin().unwrap())
}

const PIECES: &[&str] = &[
    "Russia",
    "Ukraine",
    "France",
    "the United Nations",
    "NATO",
    "China",
    "President",
    "Prime Minister",
    "Putin",
    "Zelensky",
    "Macron",
    "the Kremlin",
    "Hamas",
    "Israel",
    "officials",
    "police",
    "protesters",
    "the army",
    "minister",
    "spokeswoman",
    "he",
    "she",
    "they",
    "it",
    "his",
    "said",
    "says",
    "told",
    "added",
    "according to",
    "warned",
    "denied",
    "claimed",
    "attacked",
    "met",
    "condemned",
    "signed",
    "accused",
    "rejected",
    "agreed",
    "did not",
    "will",
    "may",
    "on Monday",
    "in Kyiv",
    "in Geneva",
    "Dr.",
    "U.S.",
    "Jan.",
    "Mr.",
    "p.m.",
    "\"",
    "\"",
    "“",
    "”",
    "‘",
    "’",
    "'",
    "«",
    "»",
    "„",
    "「",
    "」",
    ",",
    ".",
    ".",
    ";",
    ":",
    "!",
    "?",
    "…",
    "—",
    "(",
    ")",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    "Zürich",
    "Ελλάδα",
    "北京",
    "🙂",
    "e\u{301}",
    "\u{200b}",
    "مرحبا",
    "1,200",
    "2022",
    "A.",
    "said:",
    "that",
    "and",
    "the",
    "of",
    "to",
    "a",
    "not",
    "against",
    "with",
];

/// A text of pieces joined by spaces (or not), sometimes with arbitrary Unicode between them.
fn article_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        8 => proptest::sample::select(PIECES).prop_map(str::to_string),
        1 => any::<String>().prop_map(|s| s.chars().take(12).collect()),
        1 => "[A-Z][a-z]{1,9}",
    ];
    (proptest::collection::vec((piece, any::<bool>()), 0..90)).prop_map(|parts| {
        let mut text = String::new();
        for (piece, space) in parts {
            text.push_str(&piece);
            if space {
                text.push(' ');
            }
        }
        text
    })
}

fn article(id: &str, text: String, date: Option<&str>) -> Article {
    Article {
        id: id.into(),
        date: date.map(str::to_string),
        text,
        ..Article::default()
    }
}

fn dates() -> impl Strategy<Value = Option<&'static str>> {
    proptest::sample::select(vec![None, Some("2014-03-01"), Some("2022-02-24")])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 384, ..ProptestConfig::default() })]

    #[test]
    fn every_span_is_on_char_boundaries_inside_the_text(text in article_text(), date in dates()) {
        let coded = coder().code(&article("p", text.clone(), date));
        let problems = span_problems(&text, &coded);
        prop_assert!(problems.is_empty(), "{:?} in {:?}", problems, text);
        // Texts carried in the output are the text under their spans.
        for mention in &coded.mentions {
            prop_assert_eq!(&text[mention.start..mention.end], mention.text.as_str());
        }
        for event in &coded.events {
            prop_assert_eq!(&text[event.trigger.start..event.trigger.end], event.trigger.text.as_str());
        }
    }

    #[test]
    fn coding_is_deterministic(text in article_text(), date in dates()) {
        let input = article("d", text, date);
        prop_assert_eq!(coder().code(&input), coder().code(&input));
    }

    /// Coding A then B gives what coding B then A on another coder gives, article by article: no state
    /// carries over from one article to the next.
    #[test]
    fn articles_do_not_influence_each_other(a in article_text(), b in article_text(), date in dates()) {
        let (a, b) = (article("a", a, date), article("b", b, None));
        let first = (coder().code(&a), coder().code(&b));
        let second_b = other_coder().code(&b);
        let second_a = other_coder().code(&a);
        prop_assert_eq!(first.0, second_a);
        prop_assert_eq!(first.1, second_b);
    }
}
