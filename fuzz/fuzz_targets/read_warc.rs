//! WARC reader: record headers, HTTP responses, chunked and compressed bodies, truncation.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    detente_fuzz::read_and_check("fuzz.warc", Some(detente_ingest::Format::Warc), data);
});
