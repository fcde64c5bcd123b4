//! Compressed forms of fuzz input, so the decompressing readers see both valid and broken streams.

use std::io::Write;

/// `pick` chooses the wrapping: bits 0-2 the codec (raw, gzip, …), bit 3 truncation to half.
pub fn wrap(pick: u8, data: &[u8]) -> Vec<u8> {
    let mut out = match pick & 0b111 {
        1 => gzip(data),
        _ => data.to_vec(),
    };
    if pick & 0b1000 != 0 {
        out.truncate(out.len() / 2);
    }
    out
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(data).expect("writing to memory");
    encoder.finish().expect("writing to memory")
}
