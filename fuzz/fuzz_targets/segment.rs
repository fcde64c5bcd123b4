//! The sentence splitter: sentences are in order, inside the text, on char boundaries, and tokens too.
#![no_main]
use detente_coder::text;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = detente_fuzz::as_text(data);
    let sentences = text::segment(&text);
    let mut last_end = 0;
    for sentence in &sentences {
        assert!(sentence.start <= sentence.end && sentence.end <= text.len(), "{sentence:?}");
        assert!(text.is_char_boundary(sentence.start) && text.is_char_boundary(sentence.end), "{sentence:?}");
        assert!(sentence.start >= last_end, "sentences overlap or go backwards: {sentences:?}");
        last_end = sentence.end;
        for token in text::tokenize(&text, sentence.span()) {
            assert!(sentence.span().contains(token.span()), "token {token:?} outside {sentence:?}");
            assert!(text.is_char_boundary(token.start) && text.is_char_boundary(token.end));
        }
    }
});
