//! Acceptance: every format of the article gives the same sentences under the coder's segmenter.

mod common;

use common::*;
use detente_ingest::{Article, Format, read_bytes};

#[test]
fn the_same_sentences_under_the_segmenter() {
    let reference = read_bytes("a.txt", Some(Format::Text), txt().into_bytes())
        .next()
        .unwrap()
        .unwrap();
    let sentences = |article: &Article| -> Vec<String> {
        detente_coder::text::segment(&article.text)
            .iter()
            .filter(|s| !s.boilerplate)
            .map(|s| article.text[s.start..s.end].to_string())
            .collect()
    };
    let want = sentences(&reference);
    assert_eq!(want.len(), 7, "{want:?}");
    for (name, bytes) in variants() {
        let article = read_bytes(&name, None, bytes).next().unwrap().unwrap();
        assert_eq!(sentences(&article), want, "{name}");
    }
}
