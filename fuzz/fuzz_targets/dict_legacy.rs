//! The PETRARCH/TABARI actor and agent parsers: a result or a DictionaryError, never a panic.
#![no_main]
use detente_coder::{DictionarySource, actors};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let name = ["fuzz.actors.txt", "fuzz.agents.txt", "fuzz.txt"][pick as usize % 3];
    let source = [DictionarySource { name: name.into(), text: detente_fuzz::as_text(rest).into_owned() }];
    if let Ok(recognizer) = actors::ActorRecognizer::load(&source) {
        let probe = "The ZURICH council and the police officers of Bern spoke.";
        recognizer.recognize(probe, &detente_coder::text::segment(probe), None);
    }
});
