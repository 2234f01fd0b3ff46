//! Signing in and out, registering, pairing a tablet.

use crema::app::auth::{self, LoginRequest, TokenPair};
use crema::app::customers::{self, RegisterRequest};
use crema::app::devices;
use crema::app::health::{self, Health};

use super::S;
use crate::error::{Arg, CmdResult};

/// Where a PIN login comes from, for the lockout (over HTTP: the client IP).
const COUNTER_ORIGIN: &str = "counter-app";

/// Liveness and whether the store can write (`store` set when it cannot).
#[tauri::command]
pub async fn health(s: S<'_>) -> CmdResult<Health> {
    Ok(health::check(&s.app).await)
}

#[tauri::command]
pub async fn login(s: S<'_>, body: Arg<LoginRequest>) -> CmdResult<TokenPair> {
    let body = body.value("body")?;
    Ok(auth::login(&s.app, &body.username, &body.password).await?)
}

#[tauri::command]
pub async fn login_with_pin(s: S<'_>, pin: String) -> CmdResult<TokenPair> {
    Ok(auth::login_pin(&s.app, &pin, COUNTER_ORIGIN).await?)
}

#[tauri::command]
pub async fn register(s: S<'_>, body: Arg<RegisterRequest>) -> CmdResult<TokenPair> {
    let body = body.value("body")?;
    Ok(customers::register(&s.app, body).await?)
}

#[tauri::command]
pub async fn pair_device(s: S<'_>, code: String) -> CmdResult<TokenPair> {
    Ok(devices::pair(&s.app, &code).await?)
}

#[tauri::command]
pub async fn refresh(s: S<'_>, refresh_token: String) -> CmdResult<TokenPair> {
    Ok(auth::refresh(&s.app, &refresh_token).await?)
}

#[tauri::command]
pub async fn logout(s: S<'_>, token: Option<String>) -> CmdResult<()> {
    let actor = s.actor(token.as_deref()).await?;
    Ok(auth::logout(&s.app, &actor).await?)
}
