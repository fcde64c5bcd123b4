//! The quote scanner and speaker attribution, on the built-in cue lexicon.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = detente_fuzz::as_text(data);
    let coder = detente_fuzz::coder();
    let sentences = detente_coder::text::segment(&text);
    for mentions in [Vec::new(), coder.actors.recognize(&text, &sentences, None)] {
        for quote in coder.quotes.extract(&text, &sentences, &mentions) {
            let span = quote.span();
            assert!(span.start <= span.end && span.end <= text.len(), "{quote:?}");
            assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end), "{quote:?}");
            for other in quote.cue_span.into_iter().chain(quote.speaker.and_then(|s| s.mention)) {
                assert!(other.end <= text.len() && text.is_char_boundary(other.start) && text.is_char_boundary(other.end));
            }
        }
    }
});
