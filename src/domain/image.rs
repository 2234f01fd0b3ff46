//! Item pictures: which files are taken (by their content, never by a
//! name or a label), how large they may be, and the sizes the server makes
//! of them.

use serde::Serialize;

/// Largest picture an admin may upload: 5 MiB (5 242 880 bytes).
pub const MAX_UPLOAD_BYTES: usize = 5 * 1024 * 1024;
/// Largest width or height a picture may declare.
pub const MAX_SIDE: u32 = 10_000;
/// Most pixels a picture may declare (about a 40-megapixel photo): a small
/// file claiming more is a decompression bomb, refused before decoding.
pub const MAX_PIXELS: u64 = 40_000_000;
/// The long side of the picture tablets and the kiosk show.
pub const LARGE_SIDE: u32 = 480;
/// The long side of the counter buttons' thumbnail.
pub const THUMB_SIDE: u32 = 160;

/// The formats an upload may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum PictureFormat {
    Jpeg,
    Png,
    Webp,
}

impl PictureFormat {
    /// The format the bytes are, by their signature.
    pub fn sniff(bytes: &[u8]) -> Option<PictureFormat> {
        if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(PictureFormat::Jpeg)
        } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(PictureFormat::Png)
        } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
            Some(PictureFormat::Webp)
        } else {
            None
        }
    }

    /// The format a `Content-Type` names (its parameters ignored, case
    /// ignored); `None` for any other type.
    pub fn from_media_type(value: &str) -> Option<PictureFormat> {
        let essence = value.split(';').next().unwrap_or("").trim();
        match essence.to_ascii_lowercase().as_str() {
            "image/jpeg" => Some(PictureFormat::Jpeg),
            "image/png" => Some(PictureFormat::Png),
            "image/webp" => Some(PictureFormat::Webp),
            _ => None,
        }
    }

    pub fn media_type(self) -> &'static str {
        match self {
            PictureFormat::Jpeg => "image/jpeg",
            PictureFormat::Png => "image/png",
            PictureFormat::Webp => "image/webp",
        }
    }
}

/// Why the declared size of a picture is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooManyPixels {
    pub width: u32,
    pub height: u32,
}

/// Checks the size a picture declares before anything is decoded.
pub fn check_dimensions(width: u32, height: u32) -> Result<(), TooManyPixels> {
    let ok = width > 0
        && height > 0
        && width <= MAX_SIDE
        && height <= MAX_SIDE
        && u64::from(width) * u64::from(height) <= MAX_PIXELS;
    if ok {
        Ok(())
    } else {
        Err(TooManyPixels { width, height })
    }
}

/// The size of a `width`×`height` picture scaled to fit a `side`×`side`
/// square, keeping its proportions; never enlarged, never below 1 pixel.
pub fn fit(width: u32, height: u32, side: u32) -> (u32, u32) {
    let long = width.max(height);
    if long <= side {
        return (width.max(1), height.max(1));
    }
    let scale = |n: u32| {
        let scaled = (u64::from(n) * u64::from(side) + u64::from(long) / 2) / u64::from(long);
        u32::try_from(scaled).unwrap_or(side).clamp(1, side)
    };
    (scale(width), scale(height))
}

/// A picture's file name as the server serves it: the lower-case hex
/// SHA-256 of its bytes and `.jpg`. `None` for anything else (so no path
/// can be smuggled in).
pub fn hash_of_file_name(name: &str) -> Option<&str> {
    let hash = name.strip_suffix(".jpg")?;
    is_hash(hash).then_some(hash)
}

/// 64 lower-case hex digits.
pub fn is_hash(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn formats_are_told_by_their_signature_not_their_label() {
        assert_eq!(
            PictureFormat::sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]),
            Some(PictureFormat::Jpeg)
        );
        assert_eq!(
            PictureFormat::sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Some(PictureFormat::Png)
        );
        assert_eq!(
            PictureFormat::sniff(b"RIFF\x24\0\0\0WEBPVP8 "),
            Some(PictureFormat::Webp)
        );
        assert_eq!(PictureFormat::sniff(b"RIFF\x24\0\0\0WAVEfmt "), None);
        assert_eq!(PictureFormat::sniff(b"GIF89a"), None);
        assert_eq!(PictureFormat::sniff(b"hello, I am a PNG"), None);
        assert_eq!(PictureFormat::sniff(b""), None);
    }

    #[test]
    fn media_types_are_read_without_parameters_or_case() {
        assert_eq!(
            PictureFormat::from_media_type("image/PNG; charset=binary"),
            Some(PictureFormat::Png)
        );
        assert_eq!(
            PictureFormat::from_media_type(" image/jpeg "),
            Some(PictureFormat::Jpeg)
        );
        assert_eq!(PictureFormat::from_media_type("image/jpg"), None);
        assert_eq!(PictureFormat::from_media_type("image/gif"), None);
        assert_eq!(PictureFormat::from_media_type("text/plain"), None);
    }

    #[test]
    fn huge_or_empty_declared_sizes_are_refused() {
        assert!(check_dimensions(4000, 3000).is_ok());
        assert!(check_dimensions(MAX_SIDE, 4000).is_ok());
        assert!(check_dimensions(MAX_SIDE + 1, 10).is_err());
        assert!(check_dimensions(10, MAX_SIDE + 1).is_err());
        assert!(check_dimensions(8000, 8000).is_err()); // 64 MP
        assert!(check_dimensions(0, 10).is_err());
        assert!(check_dimensions(u32::MAX, u32::MAX).is_err());
    }

    #[test]
    fn file_names_are_a_hash_and_jpg_only() {
        let hash = "a".repeat(64);
        assert_eq!(
            hash_of_file_name(&format!("{hash}.jpg")),
            Some(hash.as_str())
        );
        assert_eq!(hash_of_file_name(&format!("{}.jpg", "A".repeat(64))), None);
        assert_eq!(hash_of_file_name(&format!("{hash}.png")), None);
        assert_eq!(
            hash_of_file_name(&format!("../{}.jpg", "a".repeat(61))),
            None
        );
        assert_eq!(hash_of_file_name(".jpg"), None);
        assert_eq!(hash_of_file_name(&hash), None);
    }

    #[test]
    fn fitting_examples() {
        assert_eq!(fit(4000, 3000, 480), (480, 360));
        assert_eq!(fit(3000, 4000, 160), (120, 160));
        assert_eq!(fit(300, 200, 480), (300, 200));
        assert_eq!(fit(10_000, 1, 160), (160, 1));
    }

    proptest! {
        #[test]
        fn a_fitted_size_fits_keeps_the_shape_and_never_enlarges(
            w in 1u32..=MAX_SIDE, h in 1u32..=MAX_SIDE, side in 1u32..=2000
        ) {
            let (fw, fh) = fit(w, h, side);
            prop_assert!(fw >= 1 && fh >= 1);
            prop_assert!(fw <= side && fh <= side);
            prop_assert!(fw <= w && fh <= h);
            prop_assert!(fw.max(fh) == side.min(w.max(h)));
            // Proportions kept to within rounding of one pixel.
            let (w, h, fw, fh) = (f64::from(w), f64::from(h), f64::from(fw), f64::from(fh));
            prop_assert!((fw * h - fh * w).abs() <= w.max(h));
        }
    }
}
