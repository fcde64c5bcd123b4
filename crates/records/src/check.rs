//! The span contract of output schema v1, checked: every span of a coded article is a UTF-8 byte range
//! inside its text. Property tests and fuzz targets hold the coder to it.

use crate::{CodedArticle, Span};

/// Every way the spans of `coded` break the contract for `text`: out of range, reversed, or not on a
/// char boundary; also an event pointing at a sentence or quote that does not exist. Empty = sound.
pub fn span_problems(text: &str, coded: &CodedArticle) -> Vec<String> {
    let mut problems = Vec::new();
    let mut check = |what: String, span: Span| {
        if span.start > span.end || span.end > text.len() {
            problems.push(format!(
                "{what}: {}..{} outside 0..{}",
                span.start,
                span.end,
                text.len()
            ));
        } else if !text.is_char_boundary(span.start) || !text.is_char_boundary(span.end) {
            problems.push(format!("{what}: {}..{} not on char boundaries", span.start, span.end));
        }
    };
    for (i, sentence) in coded.sentences.iter().enumerate() {
        check(format!("sentence {i}"), sentence.span());
    }
    for (i, mention) in coded.mentions.iter().enumerate() {
        check(format!("mention {i}"), mention.span());
    }
    for (i, quote) in coded.quotes.iter().enumerate() {
        check(format!("quote {i}"), quote.span());
        if let Some(cue) = quote.cue_span {
            check(format!("quote {i} cue"), cue);
        }
        if let Some(mention) = quote.speaker.as_ref().and_then(|speaker| speaker.mention) {
            check(format!("quote {i} speaker"), mention);
        }
    }
    for entity in &coded.entities {
        for (j, &mention) in entity.mentions.iter().enumerate() {
            check(format!("entity {} mention {j}", entity.id), mention);
        }
    }
    for (i, event) in coded.events.iter().enumerate() {
        check(
            format!("event {i} trigger"),
            Span::new(event.trigger.start, event.trigger.end),
        );
    }
    for (i, event) in coded.events.iter().enumerate() {
        if event.sentence >= coded.sentences.len() {
            problems.push(format!("event {i}: sentence {} does not exist", event.sentence));
        }
        if let Some(quote) = event.quote.filter(|&quote| quote >= coded.quotes.len()) {
            problems.push(format!("event {i}: quote {quote} does not exist"));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Mention, SCHEMA_VERSION, Sentence};

    fn coded(sentences: Vec<Sentence>, mentions: Vec<Mention>) -> CodedArticle {
        CodedArticle {
            schema: SCHEMA_VERSION,
            id: "a".into(),
            source: None,
            date: None,
            title: None,
            url: None,
            text: None,
            sentences,
            mentions,
            quotes: vec![],
            events: vec![],
            entities: vec![],
        }
    }

    fn sentence(start: usize, end: usize) -> Sentence {
        Sentence {
            start,
            end,
            boilerplate: false,
            paragraph: 0,
        }
    }

    #[test]
    fn finds_spans_outside_the_text_or_inside_a_character() {
        let text = "Zürich spoke.";
        assert!(span_problems(text, &coded(vec![sentence(0, text.len())], vec![])).is_empty());
        let inside_u_umlaut = coded(vec![sentence(0, 2)], vec![]);
        assert_eq!(
            span_problems(text, &inside_u_umlaut),
            ["sentence 0: 0..2 not on char boundaries"]
        );
        let mention = Mention {
            start: 3,
            end: 99,
            text: String::new(),
            actor: Default::default(),
            via: Default::default(),
            kind: Default::default(),
            entity: 0,
            gender: None,
            plural: false,
        };
        let problems = span_problems(text, &coded(vec![], vec![mention]));
        assert_eq!(problems, ["mention 0: 3..99 outside 0..14"]);
        assert_eq!(span_problems(text, &coded(vec![sentence(5, 4)], vec![])).len(), 1);
    }
}
