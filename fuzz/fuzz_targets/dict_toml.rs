//! The TOML dictionary parsers (actors, triggers, cues): a result or a DictionaryError, never a panic.
#![no_main]
use detente_coder::{DictionarySource, actors, events, quotes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let text = detente_fuzz::as_text(rest).into_owned();
    let source = |name: &str| vec![DictionarySource { name: name.into(), text: text.clone() }];
    match pick % 3 {
        0 => {
            if let Ok(recognizer) = actors::ActorRecognizer::load(&source("fuzz.actors.toml")) {
                // A loaded dictionary must also be usable.
                let probe = "The minister of Ruritania met officials in Geneva.";
                recognizer.recognize(probe, &detente_coder::text::segment(probe), None);
            }
        }
        1 => {
            let _ = events::EventCoder::load(&source("fuzz.triggers.toml"));
        }
        _ => {
            let _ = quotes::QuoteExtractor::load(&source("fuzz.cues.toml"));
        }
    }
});
