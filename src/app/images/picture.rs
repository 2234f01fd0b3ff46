//! Making an item's pictures from an upload with the `image` crate: decode
//! (within limits, so a small file cannot claim gigabytes), turn it upright
//! (EXIF orientation), flatten transparency onto white, scale it down to
//! the tablets' size and the counter's thumbnail, and encode both as JPEG.
//! CPU work: callers run it on a blocking thread.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageError, ImageReader, Limits, RgbImage};

use crate::app::sha256_hex;
use crate::domain::image::{
    check_dimensions, fit, PictureFormat, LARGE_SIDE, MAX_SIDE, THUMB_SIDE,
};

/// JPEG quality of the pictures the server makes.
const QUALITY: u8 = 80;
/// Most memory the decoder may take for one picture: a 40-megapixel
/// RGBA picture with room to spare; a 16-bit one that large is refused.
const MAX_ALLOC: u64 = 256 * 1024 * 1024;

/// One JPEG the server made.
#[derive(Debug, Clone)]
pub struct Jpeg {
    /// Lower-case hex SHA-256 of `bytes`: its name.
    pub hash: String,
    pub bytes: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// The two sizes made of one upload.
#[derive(Debug, Clone)]
pub struct Made {
    /// For tablets and the kiosk ([`LARGE_SIDE`] on its long side at most).
    pub large: Jpeg,
    /// For the counter's buttons ([`THUMB_SIDE`] at most).
    pub thumb: Jpeg,
}

/// Why an upload gave no picture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PictureError {
    /// It claims more pixels than [`crate::domain::image::MAX_PIXELS`] or a
    /// side over [`MAX_SIDE`] (the size when it was read).
    TooManyPixels(Option<(u32, u32)>),
    /// It has the signature of `format` but cannot be decoded.
    Unreadable(String),
    /// Encoding the result failed (a fault of the server).
    Encode(String),
}

fn limits() -> Limits {
    let mut l = Limits::default();
    l.max_image_width = Some(MAX_SIDE);
    l.max_image_height = Some(MAX_SIDE);
    l.max_alloc = Some(MAX_ALLOC);
    l
}

fn decode_error(e: ImageError) -> PictureError {
    match e {
        ImageError::Limits(_) => PictureError::TooManyPixels(None),
        other => PictureError::Unreadable(other.to_string()),
    }
}

/// Decodes `bytes` (already known by its signature to be `format`) and
/// makes both sizes.
pub fn make(bytes: &[u8], format: PictureFormat) -> Result<Made, PictureError> {
    let format = match format {
        PictureFormat::Jpeg => image::ImageFormat::Jpeg,
        PictureFormat::Png => image::ImageFormat::Png,
        PictureFormat::Webp => image::ImageFormat::WebP,
    };
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits());
    let mut decoder = reader.into_decoder().map_err(decode_error)?;
    let (w, h) = decoder.dimensions();
    check_dimensions(w, h).map_err(|e| PictureError::TooManyPixels(Some((e.width, e.height))))?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut img = DynamicImage::from_decoder(decoder).map_err(decode_error)?;
    img.apply_orientation(orientation);
    let rgb = flatten(img);
    let large = scale(&rgb, LARGE_SIDE);
    let thumb = scale(&large, THUMB_SIDE);
    Ok(Made {
        large: encode(&large)?,
        thumb: encode(&thumb)?,
    })
}

/// The picture with any transparency laid over white.
fn flatten(img: DynamicImage) -> RgbImage {
    if !img.color().has_alpha() {
        return img.into_rgb8();
    }
    let mut rgba = img.into_rgba8();
    for p in rgba.pixels_mut() {
        let a = u32::from(p[3]);
        for c in &mut p.0[..3] {
            // c·a + 255·(255 − a), over 255, rounded.
            *c = ((u32::from(*c) * a + 255 * (255 - a) + 127) / 255) as u8;
        }
    }
    DynamicImage::ImageRgba8(rgba).into_rgb8()
}

/// `img` scaled down to fit a `side`×`side` square (never enlarged).
fn scale(img: &RgbImage, side: u32) -> RgbImage {
    let (w, h) = img.dimensions();
    let (nw, nh) = fit(w, h, side);
    if (nw, nh) == (w, h) {
        return img.clone();
    }
    if w.max(h) >= 2 * side {
        // Averages each target pixel's area: fast, and sharp enough when
        // shrinking this much.
        image::imageops::thumbnail(img, nw, nh)
    } else {
        image::imageops::resize(img, nw, nh, FilterType::CatmullRom)
    }
}

fn encode(img: &RgbImage) -> Result<Jpeg, PictureError> {
    let mut bytes = Vec::new();
    JpegEncoder::new_with_quality(&mut bytes, QUALITY)
        .encode_image(img)
        .map_err(|e| PictureError::Encode(e.to_string()))?;
    Ok(Jpeg {
        hash: sha256_hex(&bytes),
        width: img.width(),
        height: img.height(),
        bytes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageEncoder, Rgba, RgbaImage};

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = RgbaImage::from_fn(w, h, |x, y| {
            Rgba([
                (x % 256) as u8,
                (y % 256) as u8,
                90,
                if x < w / 2 { 0 } else { 255 },
            ])
        });
        let mut out = Vec::new();
        image::codecs::png::PngEncoder::new(&mut out)
            .write_image(img.as_raw(), w, h, image::ExtendedColorType::Rgba8)
            .unwrap();
        out
    }

    #[test]
    fn a_wide_picture_becomes_two_jpegs_of_the_right_sizes() {
        let made = make(&png(1200, 600), PictureFormat::Png).unwrap();
        assert_eq!((made.large.width, made.large.height), (480, 240));
        assert_eq!((made.thumb.width, made.thumb.height), (160, 80));
        for jpeg in [&made.large, &made.thumb] {
            assert!(jpeg.bytes.starts_with(&[0xFF, 0xD8, 0xFF]));
            assert_eq!(jpeg.hash, sha256_hex(&jpeg.bytes));
            let back = image::load_from_memory(&jpeg.bytes).unwrap();
            assert_eq!((back.width(), back.height()), (jpeg.width, jpeg.height));
        }
        // The transparent half is white, not black.
        let back = image::load_from_memory(&made.large.bytes)
            .unwrap()
            .into_rgb8();
        let p = back.get_pixel(10, 120);
        assert!(p.0.iter().all(|c| *c > 240), "{p:?}");
    }

    #[test]
    fn a_small_picture_is_not_enlarged() {
        let made = make(&png(100, 60), PictureFormat::Png).unwrap();
        assert_eq!((made.large.width, made.large.height), (100, 60));
        assert_eq!((made.thumb.width, made.thumb.height), (100, 60));
    }

    /// A PNG whose header claims `w`×`h` pixels (its checksum fixed), with
    /// the data of a 1×1 picture.
    fn bomb(w: u32, h: u32) -> Vec<u8> {
        let mut bytes = png(1, 1);
        bytes[16..20].copy_from_slice(&w.to_be_bytes());
        bytes[20..24].copy_from_slice(&h.to_be_bytes());
        let crc = crc32(&bytes[12..29]);
        bytes[29..33].copy_from_slice(&crc.to_be_bytes());
        bytes
    }

    fn crc32(data: &[u8]) -> u32 {
        let mut crc = !0u32;
        for b in data {
            crc ^= u32::from(*b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    #[test]
    fn damaged_and_enormous_pictures_are_refused() {
        let mut cut = png(300, 300);
        cut.truncate(cut.len() / 2);
        assert!(matches!(
            make(&cut, PictureFormat::Png),
            Err(PictureError::Unreadable(_))
        ));
        // Sides beyond what the decoder is allowed: refused as it reads
        // the header.
        assert_eq!(
            make(&bomb(60_000, 60_000), PictureFormat::Png).unwrap_err(),
            PictureError::TooManyPixels(None)
        );
        // Sides allowed, pixels not (81 MP).
        assert_eq!(
            make(&bomb(9_000, 9_000), PictureFormat::Png).unwrap_err(),
            PictureError::TooManyPixels(Some((9_000, 9_000)))
        );
        // The header is right: the same bytes at 1×1 decode.
        assert!(make(&bomb(1, 1), PictureFormat::Png).is_ok());
    }
}
