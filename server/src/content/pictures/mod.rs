//! Lesson pictures uploaded by trainers: owns checking that the upload really is a
//! picture, bounding the memory spent decoding it, and turning it into a small,
//! metadata-free baseline JPEG that loads over 2G on cheap phones.

use std::fmt;
use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageError, ImageFormat, ImageReader, Limits, RgbImage};
use sha2::{Digest, Sha256};

/// Every prepared picture is a JPEG, whatever was uploaded.
pub const CONTENT_TYPE: &str = "image/jpeg";

/// Uploads above this are refused before any parsing.
pub const MAX_INPUT_BYTES: usize = 10 * 1024 * 1024;
/// Longest accepted side of the uploaded picture, in pixels.
pub const MAX_SIDE: u32 = 12_000;
/// Largest accepted picture area, in pixels.
pub const MAX_PIXELS: u64 = 40_000_000;
/// Longest side of the prepared picture: plenty for a phone screen.
pub const MAX_OUTPUT_SIDE: u32 = 1000;
/// Size budget of the prepared picture: a few seconds on a 2G link.
pub const MAX_OUTPUT_BYTES: usize = 100_000;

/// Decoder memory budget. A 40 MP RGBA8 picture needs 160 MB, leaving room for the
/// decoders' own buffers; a 16-bit RGBA picture that large is refused instead.
const MAX_DECODER_ALLOC: u64 = 256 * 1024 * 1024;
/// Qualities tried in order before shrinking; below 40 artefacts get ugly faster
/// than shrinking the picture does.
const QUALITIES: [u8; 5] = [80, 70, 60, 50, 40];
/// Factor applied to both sides when even the lowest quality is too big.
const SHRINK_FACTOR: f64 = 0.8;

/// A picture ready to store and serve as [`CONTENT_TYPE`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    /// Baseline JPEG, at most [`MAX_OUTPUT_BYTES`], without any metadata segment.
    pub bytes: Vec<u8>,
    pub width: u32,
    pub height: u32,
    /// Lowercase hex SHA-256 of `bytes`, usable as a content address or ETag.
    pub hash: String,
}

/// Why an upload was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PictureError {
    /// Empty, or not a JPEG, PNG, WebP or GIF by its content.
    NotAPicture,
    /// The upload is bigger than [`MAX_INPUT_BYTES`].
    TooLarge { bytes: usize },
    /// The picture's declared size is beyond [`MAX_SIDE`] or [`MAX_PIXELS`], or would
    /// need more decoder memory than allowed.
    TooManyPixels { width: u32, height: u32 },
    /// The file has a picture signature but is truncated or corrupt.
    Broken,
}

impl fmt::Display for PictureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotAPicture => write!(f, "the file is not a JPEG, PNG, WebP or GIF picture"),
            Self::TooLarge { bytes } => write!(
                f,
                "the file is {bytes} bytes, more than the {MAX_INPUT_BYTES} bytes allowed"
            ),
            Self::TooManyPixels { width, height } => write!(
                f,
                "the picture is {width}x{height} pixels, more than allowed \
                 ({MAX_SIDE} pixels per side, {MAX_PIXELS} pixels in total)"
            ),
            Self::Broken => write!(f, "the picture file is damaged or incomplete"),
        }
    }
}

impl std::error::Error for PictureError {}

/// Checks an uploaded picture and turns it into a small JPEG for lessons.
pub fn prepare(bytes: &[u8]) -> Result<Picture, PictureError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(PictureError::TooLarge { bytes: bytes.len() });
    }
    let format = sniff(bytes)?;
    let image = decode(bytes, format)?;
    let base = fit_within(flatten_on_white(image), MAX_OUTPUT_SIDE);
    let (bytes, width, height) = compress(&base)?;
    let hash = hex::encode(Sha256::digest(&bytes));
    Ok(Picture {
        bytes,
        width,
        height,
        hash,
    })
}

/// Trusts only the magic numbers: names and client-sent types are trivially forged.
fn sniff(bytes: &[u8]) -> Result<ImageFormat, PictureError> {
    match image::guess_format(bytes) {
        Ok(f @ (ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP | ImageFormat::Gif)) => {
            Ok(f)
        }
        _ => Err(PictureError::NotAPicture),
    }
}

fn decode(bytes: &[u8], format: ImageFormat) -> Result<DynamicImage, PictureError> {
    // Width and height are left open here so the header can be read and refused
    // with its real dimensions; the memory cap still bounds the PNG chunk buffers.
    let mut header_limits = Limits::default();
    header_limits.max_alloc = Some(MAX_DECODER_ALLOC);
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(header_limits);
    let mut decoder = reader.into_decoder().map_err(|_| PictureError::Broken)?;

    let (width, height) = decoder.dimensions();
    check_dimensions(width, height)?;
    if format == ImageFormat::Jpeg && !jpeg_reaches_end(bytes) {
        return Err(PictureError::Broken);
    }
    let refuse = |e: ImageError| match e {
        ImageError::Limits(_) => PictureError::TooManyPixels { width, height },
        _ => PictureError::Broken,
    };

    // Same accounting as `ImageReader::decode`, which we cannot use because it
    // gives no access to the orientation: the output buffer is charged first, so
    // whatever the decoder allocates on top must fit in what is left.
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODER_ALLOC);
    limits.reserve(decoder.total_bytes()).map_err(refuse)?;
    decoder.set_limits(limits).map_err(refuse)?;

    // Unreadable EXIF must not cost the trainer the upload: show it unrotated.
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(refuse)?;
    image.apply_orientation(orientation);
    Ok(image)
}

/// The JPEG decoder, as `image` configures it, is lenient: a file cut short (a
/// dropped 2G upload) decodes "fine" with the missing part painted grey. Walking the
/// marker stream to EOI catches that. Bytes after EOI (motion-photo video, vendor
/// trailers) are ignored, and segments are skipped by length so an EXIF thumbnail's
/// own EOI cannot fool the walk.
fn jpeg_reaches_end(bytes: &[u8]) -> bool {
    let mut i = 2; // past SOI, which sniffing already checked
    loop {
        if bytes.get(i) != Some(&0xFF) {
            return false;
        }
        // Any number of 0xFF fill bytes may precede a marker.
        while bytes.get(i + 1) == Some(&0xFF) {
            i += 1;
        }
        let Some(&marker) = bytes.get(i + 1) else {
            return false;
        };
        match marker {
            0xD9 => return true,
            // Stand-alone markers carry no length.
            0x01 | 0xD0..=0xD7 => {
                i += 2;
                continue;
            }
            _ => {}
        }
        let Some(len) = bytes.get(i + 2..i + 4) else {
            return false;
        };
        let len = usize::from(u16::from_be_bytes([len[0], len[1]]));
        i += 2 + len;
        if len < 2 || i > bytes.len() {
            return false;
        }
        if marker == 0xDA {
            match skip_scan_data(bytes, i) {
                Some(next) => i = next,
                None => return false,
            }
        }
    }
}

/// Returns the position of the first real marker after entropy-coded data, where
/// 0xFF is only ever followed by a stuffed 0x00 or a restart marker.
fn skip_scan_data(bytes: &[u8], start: usize) -> Option<usize> {
    let mut i = start;
    loop {
        let ff = i + bytes.get(i..)?.iter().position(|&b| b == 0xFF)?;
        match bytes.get(ff + 1)? {
            0x00 | 0xD0..=0xD7 => i = ff + 2,
            0xFF => i = ff + 1,
            _ => return Some(ff),
        }
    }
}

fn check_dimensions(width: u32, height: u32) -> Result<(), PictureError> {
    let pixels = u64::from(width) * u64::from(height);
    if width > MAX_SIDE || height > MAX_SIDE || pixels > MAX_PIXELS {
        return Err(PictureError::TooManyPixels { width, height });
    }
    if pixels == 0 {
        return Err(PictureError::Broken);
    }
    Ok(())
}

/// JPEG has no alpha; without this, transparent areas would turn black (or show
/// whatever colour the encoder left under them).
fn flatten_on_white(image: DynamicImage) -> DynamicImage {
    if !image.color().has_alpha() {
        return image;
    }
    // Blending in place keeps peak memory at one full-size buffer.
    let mut rgba = image.into_rgba8();
    for pixel in rgba.pixels_mut() {
        let alpha = u16::from(pixel[3]);
        for channel in &mut pixel.0[..3] {
            let blended = (u16::from(*channel) * alpha + 255 * (255 - alpha) + 127) / 255;
            *channel = u8::try_from(blended).unwrap_or(u8::MAX);
        }
        pixel[3] = u8::MAX;
    }
    DynamicImage::ImageRgba8(rgba)
}

/// Scales down so the longer side is at most `max_side`; never scales up, as that
/// only adds bytes without adding detail.
fn fit_within(image: DynamicImage, max_side: u32) -> RgbImage {
    let (width, height) = (image.width(), image.height());
    let longer = width.max(height);
    if longer <= max_side {
        return image.into_rgb8();
    }
    let scale = f64::from(max_side) / f64::from(longer);
    let (w, h) = (scaled(width, scale), scaled(height, scale));
    image.resize_exact(w, h, FilterType::Triangle).into_rgb8()
}

fn scaled(side: u32, scale: f64) -> u32 {
    // Sides are at most MAX_SIDE, so the cast cannot truncate.
    ((f64::from(side) * scale).round() as u32).max(1)
}

/// Lowers quality first, then size, until the JPEG fits the 2G budget.
fn compress(base: &RgbImage) -> Result<(Vec<u8>, u32, u32), PictureError> {
    let mut scale = 1.0;
    loop {
        let (width, height) = (scaled(base.width(), scale), scaled(base.height(), scale));
        // Always resample from the same base so repeated shrinking does not
        // accumulate blur.
        let resized;
        let candidate = if (width, height) == base.dimensions() {
            base
        } else {
            resized = image::imageops::resize(base, width, height, FilterType::Triangle);
            &resized
        };
        if let Some(bytes) = highest_quality_within_budget(candidate)? {
            return Ok((bytes, width, height));
        }
        // Unreachable in practice (a tiny JPEG is well under 1 KB), but it
        // guarantees the loop ends.
        if width == 1 && height == 1 {
            return Err(PictureError::Broken);
        }
        scale *= SHRINK_FACTOR;
    }
}

/// Same result as trying [`QUALITIES`] in order, but probes the lowest quality
/// right after the highest: when even that is too big (noisy pictures), the size
/// must shrink anyway and the middle qualities would be wasted encodes.
fn highest_quality_within_budget(image: &RgbImage) -> Result<Option<Vec<u8>>, PictureError> {
    let fits = |bytes: &Vec<u8>| bytes.len() <= MAX_OUTPUT_BYTES;
    let (first, rest) = QUALITIES.split_first().ok_or(PictureError::Broken)?;
    let best = encode_jpeg(image, *first)?;
    if fits(&best) {
        return Ok(Some(best));
    }
    let Some((last, middle)) = rest.split_last() else {
        return Ok(None);
    };
    let lowest = encode_jpeg(image, *last)?;
    if !fits(&lowest) {
        return Ok(None);
    }
    for &quality in middle {
        let bytes = encode_jpeg(image, quality)?;
        if fits(&bytes) {
            return Ok(Some(bytes));
        }
    }
    Ok(Some(lowest))
}

/// Encodes from raw pixels only, so no EXIF, GPS, ICC, XMP or comment segment of
/// the upload can reach the output.
fn encode_jpeg(image: &RgbImage, quality: u8) -> Result<Vec<u8>, PictureError> {
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, quality)
        .encode_image(image)
        // Encoding RGB8 into memory does not fail for sides within u16; treat it as
        // an unusable picture rather than panic.
        .map_err(|_| PictureError::Broken)?;
    Ok(out)
}

#[cfg(test)]
mod samples;
#[cfg(test)]
mod tests;
