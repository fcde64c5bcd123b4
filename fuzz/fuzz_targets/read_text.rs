//! Plain-text reader: title detection, UTF-8/UTF-16 decoding, binary detection.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    detente_fuzz::read_and_check("fuzz.txt", Some(detente_ingest::Format::Text), data);
});
