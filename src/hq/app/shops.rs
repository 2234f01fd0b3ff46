//! Shops: registered by the owner (`crema hq shop add`), linked by a
//! one-time enrolment code that the shop exchanges for its own credential.
//! Head office keeps only SHA-256 digests of codes and credentials.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::{random_token, time, Hq, HqCode, HqError, HqResult};
use crate::app::sha256_hex;

/// How long an enrolment code can be used.
pub const CODE_HOURS: i64 = 24;

/// Letters and digits a person reads off a screen without confusing any.
const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/// A new code: four groups of four (about 79 bits), e.g. `K7QX-…`.
fn new_code() -> String {
    use rand::Rng;
    let mut rng = rand::rngs::OsRng;
    let chars: Vec<char> = (0..16)
        .map(|_| CODE_ALPHABET[rng.gen_range(0..CODE_ALPHABET.len())] as char)
        .collect();
    chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// The digest a code is kept as: case, spaces and dashes do not count.
fn code_hash(code: &str) -> String {
    let canonical: String = code
        .chars()
        .filter(|c| !matches!(c, '-' | ' '))
        .map(|c| c.to_ascii_uppercase())
        .collect();
    sha256_hex(canonical.as_bytes())
}

pub fn credential_hash(credential: &str) -> String {
    sha256_hex(credential.as_bytes())
}

/// A shop just registered, with the code to enrol it.
pub struct NewShop {
    pub id: Uuid,
    pub code: String,
}

/// Registers a shop and returns its enrolment code (valid 24 hours).
pub async fn add(hq: &Hq, name: &str) -> HqResult<NewShop> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(HqError::invalid(
            "a shop's name must be between 1 and 200 characters",
        ));
    }
    let id = Uuid::now_v7();
    let code = new_code();
    let now = hq.now_micros();
    let expires = now + CODE_HOURS * 3600 * 1_000_000;
    hq.db()
        .insert_shop(id, name, &code_hash(&code), now, expires)
        .await?;
    Ok(NewShop { id, code })
}

/// A new enrolment code (valid 24 hours) for the shop named `shop` (its
/// exact name, or its id).
pub async fn new_code_for(hq: &Hq, shop: &str) -> HqResult<String> {
    let shops = hq.db().shops().await?;
    let matches: Vec<_> = shops
        .iter()
        .filter(|s| s.name == shop.trim() || s.id.to_string() == shop.trim())
        .collect();
    let id = match matches.as_slice() {
        [one] => one.id,
        [] => {
            return Err(HqError::new(
                HqCode::NotFound,
                format!("no shop is called {shop:?}"),
            ))
        }
        _ => {
            return Err(HqError::invalid(format!(
                "several shops are called {shop:?}; give its id (GET /api/hq/shops)"
            )))
        }
    };
    let code = new_code();
    let now = hq.now_micros();
    let expires = now + CODE_HOURS * 3600 * 1_000_000;
    hq.db()
        .insert_code(id, &code_hash(&code), now, expires)
        .await?;
    Ok(code)
}

// `POST /api/hq/enrol`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EnrolRequest {
    /// The code `crema hq shop add` printed.
    pub code: String,
}

/// What a shop gets for its code: who it is at head office, and the
/// credential it pushes its events with (shown this once).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Enrolment {
    pub shop_id: Uuid,
    pub name: String,
    /// 32 random bytes, base64url: `Authorization: Bearer <credential>`.
    pub credential: String,
}

/// Exchanges a code (unused, not expired) for the shop's credential.
pub async fn enrol(hq: &Hq, req: &EnrolRequest) -> HqResult<Enrolment> {
    let credential = random_token(32);
    let shop = hq
        .db()
        .enrol(
            &code_hash(&req.code),
            &credential_hash(&credential),
            hq.now_micros(),
        )
        .await?
        .ok_or_else(|| {
            HqError::new(
                HqCode::InvalidEnrolmentCode,
                "this enrolment code is unknown, used or expired; ask head office for a new one",
            )
        })?;
    Ok(Enrolment {
        shop_id: shop.shop_id,
        name: shop.name,
        credential,
    })
}

/// The shop a credential belongs to.
pub async fn authenticate(hq: &Hq, credential: &str) -> HqResult<Uuid> {
    hq.db()
        .shop_by_credential(&credential_hash(credential))
        .await?
        .ok_or_else(|| {
            HqError::new(
                HqCode::InvalidShopCredential,
                "head office does not know this shop's credential; enrol the shop again",
            )
        })
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ShopSummary {
    pub id: Uuid,
    pub name: String,
    pub enrolled_at: Option<chrono::DateTime<chrono::Utc>>,
    /// When its last batch arrived.
    pub last_sync_at: Option<chrono::DateTime<chrono::Utc>>,
    /// Orders received from it, all time.
    pub orders: i64,
    /// The version of head office's menu it runs (none: its own menu).
    pub menu_version: Option<i64>,
    /// When it applied that version.
    pub menu_applied_at: Option<chrono::DateTime<chrono::Utc>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ShopList {
    pub shops: Vec<ShopSummary>,
}

pub async fn list(hq: &Hq) -> HqResult<ShopList> {
    let rows = hq.db().shops().await?;
    Ok(ShopList {
        shops: rows
            .into_iter()
            .map(|r| ShopSummary {
                id: r.id,
                name: r.name,
                enrolled_at: r.enrolled_at.and_then(time),
                last_sync_at: r.last_sync_at.and_then(time),
                orders: r.orders,
                menu_version: r.menu_version,
                menu_applied_at: r.menu_applied_at.and_then(time),
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_four_groups_and_forgive_case_and_dashes() {
        let code = new_code();
        assert_eq!(code.len(), 19);
        assert_eq!(code.split('-').count(), 4);
        let sloppy = code.replace('-', " ").to_lowercase();
        assert_eq!(code_hash(&code), code_hash(&sloppy));
        assert_ne!(code_hash(&code), code_hash(&new_code()));
    }
}
