//! RSS/Atom reader, including the item-by-item recovery of a malformed feed.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    detente_fuzz::read_and_check("fuzz.xml", Some(detente_ingest::Format::Feed), data);
});
