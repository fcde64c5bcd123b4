use super::*;
use crate::text::segment;

fn extract(text: &str) -> Vec<Quote> {
    let qx = QuoteExtractor::load(&[]).unwrap();
    qx.extract(text, &segment(text), &[])
}

#[test]
fn smoke() {
    let q = extract("“We will talk,” she said.");
    assert_eq!(q.len(), 1);
}
