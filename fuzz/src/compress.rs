//! Compressed forms of fuzz input, so the decompressing readers see both valid and broken streams.

use std::io::Write;

/// `pick` chooses the wrapping: bits 0-2 the codec (raw, gzip, xz, bzip2, zstd, gzip of xz), bit 3
/// truncation to half, bit 4 a second stream appended (multi-member files).
pub fn wrap(pick: u8, data: &[u8]) -> Vec<u8> {
    let once = |data: &[u8]| match pick & 0b111 {
        1 => gzip(data),
        2 => xz(data),
        3 => bzip2(data),
        4 => zstd(data),
        5 => gzip(&xz(data)),
        _ => data.to_vec(),
    };
    let mut out = once(data);
    if pick & 0b1_0000 != 0 {
        out.extend(once(data));
    }
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

fn xz(data: &[u8]) -> Vec<u8> {
    let mut encoder = liblzma::write::XzEncoder::new(Vec::new(), 0);
    encoder.write_all(data).expect("writing to memory");
    encoder.finish().expect("writing to memory")
}

fn bzip2(data: &[u8]) -> Vec<u8> {
    let mut encoder = bzip2::write::BzEncoder::new(Vec::new(), bzip2::Compression::fast());
    encoder.write_all(data).expect("writing to memory");
    encoder.finish().expect("writing to memory")
}

fn zstd(data: &[u8]) -> Vec<u8> {
    ruzstd::encoding::compress_to_vec(data, ruzstd::encoding::CompressionLevel::Fastest)
}
