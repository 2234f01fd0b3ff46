//! Signing in and out, registering, pairing a tablet.

use crema::app::auth::{self, LoginRequest, PinOrigin, TokenPair};
use crema::app::customers::{self, RegisterRequest};
use crema::app::devices;
use crema::app::health::{self, Health};

use super::S;
use crate::error::{Arg, CmdResult};

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
    // The counter app's own window is the trusted till.
    Ok(auth::login_pin(&s.app, &pin, PinOrigin::Counter).await?)
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
    // No answer is lost between the window and its own process.
    Ok(auth::refresh(&s.app, &refresh_token, None).await?)
}

#[tauri::command]
pub async fn logout(s: S<'_>, token: Option<String>) -> CmdResult<()> {
    let actor = s.actor(token.as_deref()).await?;
    Ok(auth::logout(&s.app, &actor).await?)
}
