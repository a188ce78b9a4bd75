//! The picture pipeline on hostile and ordinary input.

use std::time::{Duration, Instant};

use image::{Rgb, RgbImage, Rgba, RgbaImage};

use super::samples::*;
use super::*;

#[test]
fn big_png_becomes_small_jpeg_with_same_aspect() {
    let png = encode(&noisy_gradient(3000, 2000, 3).into(), ImageFormat::Png);
    assert!(
        png.len() <= MAX_INPUT_BYTES,
        "test input is {} bytes",
        png.len()
    );
    let started = Instant::now();
    let picture = prepare(&png).unwrap();
    let elapsed: Duration = started.elapsed();
    println!(
        "prepare 3000x2000 PNG ({} bytes): {elapsed:?} -> {}x{}, {} bytes",
        png.len(),
        picture.width,
        picture.height,
        picture.bytes.len()
    );
    assert_valid_output(&picture);
    assert_eq!(picture.width, 1000);
    let aspect = f64::from(picture.width) / f64::from(picture.height);
    assert!((aspect - 1.5).abs() < 0.01, "aspect {aspect}");
    assert_eq!(CONTENT_TYPE, "image/jpeg");
}

#[test]
fn small_picture_is_not_upscaled() {
    let png = encode(&noisy_gradient(120, 80, 4).into(), ImageFormat::Png);
    let picture = prepare(&png).unwrap();
    assert_valid_output(&picture);
    assert_eq!((picture.width, picture.height), (120, 80));
}

#[test]
fn spoofed_and_empty_files_are_refused() {
    let svg = br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#;
    let html = b"<!DOCTYPE html><html><body><img src=x onerror=alert(1)></body></html>";
    let pdf = b"%PDF-1.7\n1 0 obj << >> endobj\n";
    let text = b"this is a text file renamed lesson.png\n";
    let mut rng = XorShift(42);
    let random: Vec<u8> = (0..4096).map(|_| rng.next()).collect();
    for input in [&svg[..], html, pdf, text, &random, b""] {
        assert_eq!(prepare(input), Err(PictureError::NotAPicture));
    }

    let mut fake_png = b"\x89PNG\r\n\x1a\n".to_vec();
    fake_png.extend_from_slice(&random);
    let result = prepare(&fake_png);
    assert!(
        matches!(
            result,
            Err(PictureError::Broken | PictureError::NotAPicture)
        ),
        "{result:?}"
    );
}

#[test]
fn truncated_pictures_are_broken() {
    let image: DynamicImage = noisy_gradient(300, 200, 16).into();
    let rgba = DynamicImage::ImageRgba8(image.to_rgba8());
    for format in [
        ImageFormat::Png,
        ImageFormat::Jpeg,
        ImageFormat::Gif,
        ImageFormat::WebP,
    ] {
        let full = encode(
            if format == ImageFormat::WebP {
                &rgba
            } else {
                &image
            },
            format,
        );
        assert!(prepare(&full).is_ok(), "{format:?} complete file");
        for cut in [12, 40, full.len() / 3, full.len() / 2, full.len() * 9 / 10] {
            let result = prepare(&full[..cut]);
            assert_eq!(result, Err(PictureError::Broken), "{format:?} cut at {cut}");
        }
    }
}

#[test]
fn huge_declared_dimensions_are_refused_before_decoding() {
    // Hand-made PNG: a valid IHDR claiming 30000x30000 RGBA and almost no data.
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&30_000u32.to_be_bytes());
    ihdr.extend_from_slice(&30_000u32.to_be_bytes());
    ihdr.extend_from_slice(&[8, 6, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(png_chunk(b"IHDR", &ihdr));
    png.extend(png_chunk(
        b"IDAT",
        &[0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
    ));
    png.extend(png_chunk(b"IEND", b""));

    // Real 1x1 GIF and JPEG with the size fields patched.
    let pixel: DynamicImage = RgbImage::from_pixel(1, 1, Rgb([9, 9, 9])).into();
    let mut gif = encode(&pixel, ImageFormat::Gif);
    gif[6..8].copy_from_slice(&30_000u16.to_le_bytes());
    gif[8..10].copy_from_slice(&30_000u16.to_le_bytes());
    let mut jpeg = encode(&pixel, ImageFormat::Jpeg);
    let sof = jpeg.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
    jpeg[sof + 5..sof + 7].copy_from_slice(&30_000u16.to_be_bytes());
    jpeg[sof + 7..sof + 9].copy_from_slice(&30_000u16.to_be_bytes());

    // Decoding 30000x30000 RGBA would take 3.6 GB: refused from the header alone.
    for input in [png, gif, jpeg] {
        let result = prepare(&input);
        assert_eq!(
            result,
            Err(PictureError::TooManyPixels {
                width: 30_000,
                height: 30_000
            })
        );
    }

    // Within the side limit but over 40 MP.
    let wide = encode(&RgbImage::new(11_000, 4_000).into(), ImageFormat::Png);
    assert_eq!(
        prepare(&wide),
        Err(PictureError::TooManyPixels {
            width: 11_000,
            height: 4_000
        })
    );
}

#[test]
fn lying_header_without_pixel_data_is_broken() {
    // Allowed dimensions but no image data: must fail cleanly, not panic.
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&5_000u32.to_be_bytes());
    ihdr.extend_from_slice(&5_000u32.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(png_chunk(b"IHDR", &ihdr));
    png.extend(png_chunk(
        b"IDAT",
        &[0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
    ));
    png.extend(png_chunk(b"IEND", b""));
    assert_eq!(prepare(&png), Err(PictureError::Broken));
}

#[test]
fn metadata_does_not_survive() {
    let jpeg = encode(&noisy_gradient(400, 300, 8).into(), ImageFormat::Jpeg);
    let mut exif = exif_orientation(1);
    exif.extend_from_slice(b"GPSLatitude-SECRET");
    let xmp = b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>XMP-SECRET</x:xmpmeta>";
    let icc = b"ICC_PROFILE\0\x01\x01ICC-SECRET";
    let input = with_segments(
        &jpeg,
        &[
            (0xE1, &exif),
            (0xE1, xmp),
            (0xE2, icc),
            (0xFE, b"COMMENT-SECRET by trainer"),
        ],
    );
    // The test input really carries the metadata the output must lose.
    let markers: Vec<u8> = jpeg_segments(&input).iter().map(|s| s.0).collect();
    assert!(markers.contains(&0xE1) && markers.contains(&0xFE));

    let picture = prepare(&input).unwrap();
    assert_valid_output(&picture);
    for secret in [
        &b"SECRET"[..],
        b"GPSLatitude",
        b"Exif",
        b"ICC_PROFILE",
        b"xmpmeta",
    ] {
        assert!(!contains(&picture.bytes, secret));
    }
    for (marker, payload) in jpeg_segments(&picture.bytes) {
        let is_jfif = marker == 0xE0 && payload.starts_with(b"JFIF\0");
        let is_metadata = (0xE0..=0xEF).contains(&marker) || marker == 0xFE;
        assert!(
            is_jfif || !is_metadata,
            "metadata segment {marker:#04x} in output"
        );
        // Baseline, not progressive.
        assert_ne!(marker, 0xC2);
    }
}

#[test]
fn exif_orientation_six_is_applied() {
    // Left half red, right half blue; rotating 90 degrees clockwise puts red on top.
    let source = RgbImage::from_fn(200, 100, |x, _| {
        if x < 100 {
            Rgb([255, 0, 0])
        } else {
            Rgb([0, 0, 255])
        }
    });
    let jpeg = encode(&source.into(), ImageFormat::Jpeg);
    let input = with_segments(&jpeg, &[(0xE1, &exif_orientation(6))]);

    let picture = prepare(&input).unwrap();
    assert_eq!((picture.width, picture.height), (100, 200));
    let decoded = image::load_from_memory(&picture.bytes).unwrap().into_rgb8();
    let top = decoded.get_pixel(50, 40);
    let bottom = decoded.get_pixel(50, 160);
    assert!(top[0] > 200 && top[2] < 60, "top {top:?}");
    assert!(bottom[2] > 200 && bottom[0] < 60, "bottom {bottom:?}");
}

#[test]
fn noisy_photo_still_fits_budget() {
    let png = encode(&noisy_gradient(1000, 1000, 60).into(), ImageFormat::Png);
    let started = Instant::now();
    let picture = prepare(&png).unwrap();
    println!(
        "prepare noisy 1000x1000: {:?} -> {}x{}, {} bytes",
        started.elapsed(),
        picture.width,
        picture.height,
        picture.bytes.len()
    );
    assert_valid_output(&picture);
}

#[test]
fn transparency_becomes_white() {
    let mut rgba = RgbaImage::from_pixel(50, 50, Rgba([0, 0, 0, 0]));
    rgba.put_pixel(0, 0, Rgba([0, 0, 0, 255]));
    let png = encode(&rgba.into(), ImageFormat::Png);
    let picture = prepare(&png).unwrap();
    let decoded = image::load_from_memory(&picture.bytes).unwrap().into_rgb8();
    let centre = decoded.get_pixel(25, 25);
    assert!(centre.0.iter().all(|&c| c > 245), "centre {centre:?}");
}

#[test]
fn webp_and_first_gif_frame_are_accepted() {
    let image: DynamicImage = noisy_gradient(64, 48, 4).into();
    let webp = encode(
        &DynamicImage::ImageRgba8(image.to_rgba8()),
        ImageFormat::WebP,
    );
    let picture = prepare(&webp).unwrap();
    assert_valid_output(&picture);
    assert_eq!((picture.width, picture.height), (64, 48));

    let red = image::Frame::new(RgbaImage::from_pixel(40, 30, Rgba([255, 0, 0, 255])));
    let blue = image::Frame::new(RgbaImage::from_pixel(40, 30, Rgba([0, 0, 255, 255])));
    let mut gif = Vec::new();
    image::codecs::gif::GifEncoder::new(&mut gif)
        .encode_frames([red, blue])
        .unwrap();
    let picture = prepare(&gif).unwrap();
    assert_eq!((picture.width, picture.height), (40, 30));
    let decoded = image::load_from_memory(&picture.bytes).unwrap().into_rgb8();
    let pixel = decoded.get_pixel(20, 15);
    assert!(
        pixel[0] > 200 && pixel[2] < 60,
        "first frame should be red: {pixel:?}"
    );
}

#[test]
fn oversized_upload_is_refused_before_parsing() {
    let input = vec![0u8; MAX_INPUT_BYTES + 1];
    assert_eq!(
        prepare(&input),
        Err(PictureError::TooLarge {
            bytes: MAX_INPUT_BYTES + 1
        })
    );
}

#[test]
fn errors_have_specific_messages() {
    let errors = [
        PictureError::NotAPicture,
        PictureError::TooLarge { bytes: 11 },
        PictureError::TooManyPixels {
            width: 1,
            height: 2,
        },
        PictureError::Broken,
    ];
    let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert!(messages[1].contains("11 bytes"));
    assert!(messages[2].contains("1x2"));
    for (i, m) in messages.iter().enumerate() {
        assert!(!m.is_empty());
        assert!(messages.iter().skip(i + 1).all(|other| other != m));
    }
}
