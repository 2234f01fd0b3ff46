//! Command errors: the same `{code, message}` the HTTP API answers, with the
//! HTTP status it would have had, so the web client's `ApiError` is identical
//! over both transports.

use crema::app::AppError;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommandError {
    pub status: u16,
    pub code: String,
    pub message: String,
}

impl From<AppError> for CommandError {
    fn from(e: AppError) -> Self {
        // Internal errors carry no detail in their message (they are logged
        // where they happen), exactly as over HTTP.
        let status = crema::http::error::status_of(e.kind);
        CommandError {
            status: status.as_u16(),
            code: e.code.to_string(),
            message: e.message,
        }
    }
}

impl CommandError {
    pub fn new(status: u16, code: &str, message: impl Into<String>) -> Self {
        CommandError {
            status,
            code: code.to_string(),
            message: message.into(),
        }
    }
}

pub type CmdResult<T> = Result<T, CommandError>;

/// A command argument that cannot fail to arrive: what the web view sent is
/// parsed here, so bad input is answered like the HTTP API answers it
/// (400 `invalid_request`) instead of with Tauri's own error text.
pub struct Arg<T>(Result<T, String>);

impl<'de, T: serde::de::DeserializeOwned> serde::Deserialize<'de> for Arg<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = serde_json::Value::deserialize(d)?;
        Ok(Arg(serde_json::from_value(v).map_err(|e| e.to_string())))
    }
}

impl<T> Arg<T> {
    pub fn value(self, name: &str) -> Result<T, CommandError> {
        self.0
            .map_err(|e| crema::app::AppError::invalid(format!("{name} is not valid: {e}")).into())
    }
}
