//! HTML reader: charset decoding, main-content extraction, the crude fallback for deep pages.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    detente_fuzz::read_and_check("fuzz.html", Some(detente_ingest::Format::Html), data);
});
