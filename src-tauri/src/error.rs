//! Command errors: the same `{code, message}` the HTTP API answers, with the
//! HTTP status it would have had, so the web client's `ApiError` is identical
//! over both transports. `AppError` → `CommandError` happens here only.

use crema::app::AppError;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommandError {
    pub status: u16,
    pub code: String,
    pub message: String,
    /// What the client words the message with, as over HTTP.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub params: Option<serde_json::Value>,
}

impl From<AppError> for CommandError {
    fn from(e: AppError) -> Self {
        // Internal errors carry no detail in their message, exactly as over
        // HTTP; their cause is logged here, where the command ends.
        if let Some(cause) = e.cause_chain() {
            tracing::error!(code = e.code.as_str(), error = %cause, "command failed");
        }
        CommandError {
            status: e.status(),
            code: e.code.as_str().to_string(),
            message: e.message,
            params: e.params,
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
            .map_err(|e| AppError::invalid(format!("{name} is not valid: {e}")).into())
    }
}
