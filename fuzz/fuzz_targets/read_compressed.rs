//! Compressed inputs: the first byte picks how the rest is wrapped (raw bytes as found, or a valid or
//! truncated gzip, xz, bzip2 or zstd stream of it), then the reader sniffs and decompresses it.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let wrapped = detente_fuzz::compress::wrap(pick, rest);
    let name = ["fuzz.jsonl.gz", "fuzz.txt", "fuzz", "fuzz.warc.gz"][(pick >> 6) as usize];
    detente_fuzz::read_and_check(name, None, &wrapped);
});
