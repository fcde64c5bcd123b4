//! JSON Lines reader: one article or one error per line, dates, error-flood collapsing.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    detente_fuzz::read_and_check("fuzz.jsonl", Some(detente_ingest::Format::JsonLines), data);
});
