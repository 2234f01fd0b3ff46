//! Regulars rewarded: coupon batches (admin) and a customer's loyalty, as
//! the web client has them over HTTP.

use crema::app::coupon_batches::{self, Batch, NewBatch};
use crema::app::loyalty::{self, LoyaltyView};
use crema::app::parse_id;

use super::S;
use crate::error::{Arg, CmdResult};

#[tauri::command]
pub async fn create_coupon_batch(
    s: S<'_>,
    token: Option<String>,
    batch: Arg<NewBatch>,
) -> CmdResult<Batch> {
    let actor = s.actor(token.as_deref()).await?;
    let batch = batch.value("batch")?;
    Ok(coupon_batches::create(&s.app, &actor, batch).await?)
}

/// A batch's coupons as CSV (what `Accept: text/csv` gives over HTTP).
#[tauri::command]
pub async fn coupon_batch_csv(s: S<'_>, token: Option<String>, id: String) -> CmdResult<String> {
    let actor = s.actor(token.as_deref()).await?;
    let batch = coupon_batches::get(&s.app, &actor, parse_id(&id, "batch")?).await?;
    Ok(batch.to_csv())
}

#[tauri::command]
pub async fn my_loyalty(s: S<'_>, token: Option<String>) -> CmdResult<LoyaltyView> {
    let actor = s.actor(token.as_deref()).await?;
    Ok(loyalty::mine(&s.app, &actor).await?)
}

#[tauri::command]
pub async fn customer_loyalty(
    s: S<'_>,
    token: Option<String>,
    id: String,
) -> CmdResult<LoyaltyView> {
    let actor = s.actor(token.as_deref()).await?;
    Ok(loyalty::of_customer(&s.app, &actor, parse_id(&id, "customer")?).await?)
}
