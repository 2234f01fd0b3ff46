//! Request ids the server makes when a client sent none.

use std::sync::atomic::{AtomicU64, Ordering};

use axum::http::HeaderValue;

/// New request ids: 16 hex digits drawn at random when the server starts,
/// a dash, and 16 hex digits of a count — unique within a run and between
/// runs, and much cheaper per request than a UUID from the clock.
pub struct RequestIds {
    prefix: [u8; 16],
    next: AtomicU64,
}

impl Default for RequestIds {
    fn default() -> Self {
        let mut prefix = [0u8; 16];
        hex16(rand::random::<u64>(), &mut prefix);
        RequestIds {
            prefix,
            next: AtomicU64::new(0),
        }
    }
}

fn hex16(v: u64, out: &mut [u8; 16]) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    for (i, b) in out.iter_mut().enumerate() {
        *b = DIGITS[((v >> (60 - 4 * i)) & 0xf) as usize];
    }
}

impl RequestIds {
    pub fn next(&self) -> HeaderValue {
        let n = self.next.fetch_add(1, Ordering::Relaxed);
        let mut id = [0u8; 33];
        id[..16].copy_from_slice(&self.prefix);
        id[16] = b'-';
        let mut count = [0u8; 16];
        hex16(n, &mut count);
        id[17..].copy_from_slice(&count);
        HeaderValue::from_bytes(&id).unwrap_or(HeaderValue::from_static("-"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_request_ids_are_distinct_visible_ascii_with_one_prefix_per_run() {
        let ids = RequestIds::default();
        let a = ids.next();
        let b = ids.next();
        assert_ne!(a, b);
        assert_eq!(a.len(), 33);
        assert!(a.as_bytes().iter().all(u8::is_ascii_graphic));
        assert_eq!(a.as_bytes()[..17], b.as_bytes()[..17]);
        assert_ne!(RequestIds::default().next(), RequestIds::default().next());
    }
}
