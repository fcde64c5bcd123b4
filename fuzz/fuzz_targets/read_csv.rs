//! CSV reader: header and text column, quoting, delimiters, bad UTF-8, rows over the limit.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte picks the text column option: the default, or a named one that may be missing.
    let Some((&pick, rest)) = data.split_first() else { return };
    let options = detente_ingest::ReadOptions {
        text_column: (pick & 1 == 1).then(|| "body".to_string()),
        date_order: [
            detente_ingest::DateOrder::Refuse,
            detente_ingest::DateOrder::DayMonthYear,
            detente_ingest::DateOrder::MonthDayYear,
        ][(pick as usize >> 1) % 3],
        ..Default::default()
    };
    let name = if pick & 0x80 != 0 { "fuzz.tsv" } else { "fuzz.csv" };
    detente_fuzz::read_with_options_and_check(name, Some(detente_ingest::Format::Csv), rest, &options);
});
