//! The whole coder: the span contract holds and the same article codes the same way twice.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte picks an article date (people's roles depend on it), the rest is the text.
    let Some((&pick, rest)) = data.split_first() else { return };
    let date = ["2014-03-01", "2022-02-24", "1999-12-31"].get(pick as usize % 4).copied();
    detente_fuzz::code_and_check(&detente_fuzz::as_text(rest), date, true);
});
