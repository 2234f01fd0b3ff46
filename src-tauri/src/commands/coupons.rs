//! Coupons (admin).

use crema::app::coupons::{self, CouponList, CouponTerms, CouponView, NewCoupon};

use super::S;
use crate::error::{Arg, CmdResult};

#[tauri::command]
pub async fn list_coupons(s: S<'_>, token: Option<String>) -> CmdResult<CouponList> {
    let actor = s.actor(token.as_deref()).await?;
    let coupons = coupons::list(&s.app, &actor).await?;
    Ok(CouponList { coupons })
}

#[tauri::command]
pub async fn create_coupon(
    s: S<'_>,
    token: Option<String>,
    coupon: Arg<NewCoupon>,
) -> CmdResult<CouponView> {
    let actor = s.actor(token.as_deref()).await?;
    let coupon = coupon.value("coupon")?;
    Ok(coupons::create(&s.app, &actor, coupon).await?)
}

#[tauri::command]
pub async fn update_coupon(
    s: S<'_>,
    token: Option<String>,
    code: String,
    terms: Arg<CouponTerms>,
) -> CmdResult<CouponView> {
    let actor = s.actor(token.as_deref()).await?;
    let terms = terms.value("terms")?;
    Ok(coupons::update(&s.app, &actor, &code, terms).await?)
}

#[tauri::command]
pub async fn delete_coupon(s: S<'_>, token: Option<String>, code: String) -> CmdResult<()> {
    let actor = s.actor(token.as_deref()).await?;
    Ok(coupons::delete(&s.app, &actor, &code).await?)
}
