//! Pictures made in code for the tests: noisy photos, hand-made PNG chunks and JPEG segments
//! (EXIF, comments), so no fixture file is needed.

use super::*;
use image::{GenericImageView, Rgb, RgbImage};

/// Small deterministic PRNG so the tests need no extra crate.
pub(super) struct XorShift(pub(super) u64);

impl XorShift {
    pub(super) fn next(&mut self) -> u8 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 32) as u8
    }
}

/// A gradient with strong per-pixel noise: far harder to compress than a photo.
pub(super) fn noisy_gradient(width: u32, height: u32, noise: i16) -> RgbImage {
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    RgbImage::from_fn(width, height, |x, y| {
        let base = [
            x * 255 / width,
            y * 255 / height,
            (x + y) * 255 / (width + height),
        ];
        Rgb(base.map(|b| {
            let jitter = i16::from(rng.next()) % (2 * noise + 1) - noise;
            (b as i16 + jitter).clamp(0, 255) as u8
        }))
    })
}

pub(super) fn encode(image: &DynamicImage, format: ImageFormat) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    image.write_to(&mut out, format).unwrap();
    out.into_inner()
}

pub(super) fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Markers and payloads of the JPEG segments before the scan data.
pub(super) fn jpeg_segments(jpeg: &[u8]) -> Vec<(u8, Vec<u8>)> {
    assert_eq!(&jpeg[..2], &[0xFF, 0xD8], "no SOI");
    let mut segments = Vec::new();
    let mut i = 2;
    loop {
        assert_eq!(jpeg[i], 0xFF, "lost segment sync at {i}");
        let marker = jpeg[i + 1];
        let len = usize::from(u16::from_be_bytes([jpeg[i + 2], jpeg[i + 3]]));
        segments.push((marker, jpeg[i + 4..i + 2 + len].to_vec()));
        if marker == 0xDA {
            return segments;
        }
        i += 2 + len;
    }
}

/// Inserts raw segments right after SOI, the way cameras place APP1.
pub(super) fn with_segments(jpeg: &[u8], segments: &[(u8, &[u8])]) -> Vec<u8> {
    let mut out = jpeg[..2].to_vec();
    for (marker, payload) in segments {
        out.extend_from_slice(&[0xFF, *marker]);
        let len = u16::try_from(payload.len() + 2).unwrap();
        out.extend_from_slice(&len.to_be_bytes());
        out.extend_from_slice(payload);
    }
    out.extend_from_slice(&jpeg[2..]);
    out
}

/// Minimal big-endian TIFF block with one IFD0 entry: Orientation (0x0112).
pub(super) fn exif_orientation(value: u16) -> Vec<u8> {
    let mut exif = b"Exif\0\0MM\0\x2a\0\0\0\x08".to_vec();
    exif.extend_from_slice(&1u16.to_be_bytes()); // one entry
    exif.extend_from_slice(&0x0112u16.to_be_bytes()); // tag
    exif.extend_from_slice(&3u16.to_be_bytes()); // SHORT
    exif.extend_from_slice(&1u32.to_be_bytes()); // count
    exif.extend_from_slice(&value.to_be_bytes());
    exif.extend_from_slice(&[0, 0]); // value padding
    exif.extend_from_slice(&0u32.to_be_bytes()); // no next IFD
    exif
}

pub(super) fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut chunk = u32::try_from(data.len()).unwrap().to_be_bytes().to_vec();
    chunk.extend_from_slice(kind);
    chunk.extend_from_slice(data);
    let mut crc = crc32fast::Hasher::new();
    crc.update(kind);
    crc.update(data);
    chunk.extend_from_slice(&crc.finalize().to_be_bytes());
    chunk
}

pub(super) fn assert_valid_output(picture: &Picture) {
    assert!(
        picture.bytes.len() <= MAX_OUTPUT_BYTES,
        "{} bytes",
        picture.bytes.len()
    );
    assert!(picture.width.max(picture.height) <= MAX_OUTPUT_SIDE);
    assert_eq!(
        image::guess_format(&picture.bytes).unwrap(),
        ImageFormat::Jpeg
    );
    let decoded = image::load_from_memory(&picture.bytes).unwrap();
    assert_eq!(decoded.dimensions(), (picture.width, picture.height));
    assert_eq!(picture.hash, hex::encode(Sha256::digest(&picture.bytes)));
    assert_eq!(picture.hash.len(), 64);
    assert!(!picture.hash.chars().any(|c| c.is_ascii_uppercase()));
}
