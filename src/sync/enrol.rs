//! Linking a shop to head office: the one-time code `crema hq shop add`
//! printed is exchanged for the shop's own credential, kept in the data dir
//! (`hq.json`, readable only by its owner). A bad or expired code or an
//! unreachable head office changes nothing.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::status::CREDENTIAL_FILE;

/// What the data dir keeps about head office.
#[derive(Clone, Serialize, Deserialize)]
pub struct Enrolment {
    /// Head office's base URL, without a trailing slash.
    pub hq_url: String,
    pub shop_id: Uuid,
    /// The shop's name at head office.
    pub name: String,
    /// The shop's credential: sent as a bearer token with every push.
    pub credential: String,
}

impl std::fmt::Debug for Enrolment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Enrolment")
            .field("hq_url", &self.hq_url)
            .field("shop_id", &self.shop_id)
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

/// Why enrolment did not happen, in words for the person at the shop.
#[derive(Debug, thiserror::Error)]
pub enum EnrolError {
    #[error("{0} is not an http:// or https:// address")]
    BadUrl(String),
    #[error("this shop is already linked to head office at {0}; to link it again, stop Crema and remove {1}")]
    AlreadyEnrolled(String, PathBuf),
    #[error("head office refused the code: it is unknown, already used or older than 24 hours; ask for a new one (crema hq shop add)")]
    BadCode,
    #[error("head office at {0} cannot be reached: {1}")]
    Unreachable(String, String),
    #[error("head office at {0} answered {1}: {2}")]
    Refused(String, u16, String),
    #[error("cannot write {0}: {1}")]
    Write(PathBuf, std::io::Error),
}

/// The shop's enrolment, if it has one.
pub fn load(data_dir: &Path) -> Option<Enrolment> {
    let bytes = std::fs::read(data_dir.join(CREDENTIAL_FILE)).ok()?;
    serde_json::from_slice(&bytes).ok()
}

#[derive(Deserialize)]
struct Enrolled {
    shop_id: Uuid,
    name: String,
    credential: String,
}

/// Exchanges `code` at `hq_url` for the shop's credential and keeps it in
/// `data_dir`. Nothing is written unless head office accepted the code.
pub async fn enrol(data_dir: &Path, hq_url: &str, code: &str) -> Result<Enrolment, EnrolError> {
    let hq_url = hq_url.trim().trim_end_matches('/').to_string();
    if !(hq_url.starts_with("https://") || hq_url.starts_with("http://")) {
        return Err(EnrolError::BadUrl(hq_url));
    }
    let file = data_dir.join(CREDENTIAL_FILE);
    if let Some(e) = load(data_dir) {
        return Err(EnrolError::AlreadyEnrolled(e.hq_url, file));
    }
    let client = super::client(Duration::from_secs(20))
        .map_err(|e| EnrolError::Unreachable(hq_url.clone(), e.to_string()))?;
    let answer = client
        .post(format!("{hq_url}/api/hq/enrol"))
        .json(&serde_json::json!({ "code": code.trim() }))
        .send()
        .await
        .map_err(|e| EnrolError::Unreachable(hq_url.clone(), crate::with_causes(&e)))?;
    let status = answer.status();
    if status == reqwest::StatusCode::UNAUTHORIZED {
        return Err(EnrolError::BadCode);
    }
    if !status.is_success() {
        let body = answer.text().await.unwrap_or_default();
        return Err(EnrolError::Refused(
            hq_url,
            status.as_u16(),
            super::error_message(&body),
        ));
    }
    let got: Enrolled = answer
        .json()
        .await
        .map_err(|e| EnrolError::Refused(hq_url.clone(), status.as_u16(), e.to_string()))?;
    let enrolment = Enrolment {
        hq_url,
        shop_id: got.shop_id,
        name: got.name,
        credential: got.credential,
    };
    write_private(&file, &enrolment).map_err(|e| EnrolError::Write(file.clone(), e))?;
    Ok(enrolment)
}

/// Writes the enrolment readable only by its owner, whole or not at all:
/// a temporary file made with mode 0600, flushed to disk, then renamed.
fn write_private(file: &Path, e: &Enrolment) -> std::io::Result<()> {
    let tmp = file.with_extension("json.tmp");
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut f = options.open(&tmp)?;
    f.write_all(&serde_json::to_vec_pretty(e).map_err(std::io::Error::other)?)?;
    f.sync_all()?;
    drop(f);
    std::fs::rename(&tmp, file)?;
    if let Some(dir) = file.parent() {
        std::fs::File::open(dir)?.sync_all()?;
    }
    Ok(())
}
