//! Tauri commands: thin wrappers over `crema::app`, one per web-client
//! function, with the same request and response types as the HTTP API. No
//! rules live here: who may do what is decided in `crema::app`, so the
//! counter and the LAN API can never disagree.

use chrono::NaiveDate;
use crema::app::auth::{self, TokenPair};
use crema::app::coupons::{self, CouponTerms, CouponView};
use crema::app::customers::{self, CustomerSummary, Registration};
use crema::app::devices::{self, PairingCode};
use crema::app::menu::{self, CategoryInfo, GroupInput, ItemInput, ItemPatch, ItemView, MenuView};
use crema::app::orders::{self, PlaceOrder, Quote};
use crema::app::printing::{self, PrintJobView, PrinterSettings, PrinterStatus};
use crema::app::reports::{self, Summary};
use crema::app::settings::{self, ShopSettings};
use crema::app::setup::{self, FirstRun, SetupStatus};
use crema::app::users::{self, StaffAccount, StaffChange, StaffUser};
use crema::app::{desktop, Actor, AppError, ErrorCode};
use crema::domain::order::Order;
use crema::http::desktop::{ServerInfo, UpdateInfo};
use crema::http::handlers::admin::{
    CategoryInput, CategoryList, CategoryPatch, CouponList, NewCoupon, NewStaff, StaffList,
};
use crema::http::handlers::auth::{LoginRequest, RegisterRequest};
use crema::http::handlers::customers::{CustomerList, NewCustomer};
use crema::http::handlers::devices::DeviceList;
use crema::http::handlers::health::Health;
use crema::http::handlers::orders::{OrderList, PaymentRequest, StatusChange};
use tauri::State;
use uuid::Uuid;

use crate::error::{Arg, CmdResult};
use crate::state::Desktop;

type S<'a> = State<'a, Desktop>;

/// Where a PIN login comes from, for the lockout (over HTTP: the client IP).
const COUNTER_ORIGIN: &str = "counter-app";

fn id(s: &str, what: &str) -> Result<Uuid, AppError> {
    Uuid::parse_str(s).map_err(|_| AppError::not_found(format!("no such {what}")))
}

fn date(s: &str) -> Result<NaiveDate, AppError> {
    s.parse()
        .map_err(|_| AppError::invalid(format!("{s:?} is not a date (YYYY-MM-DD)")))
}

// ---- auth ----------------------------------------------------------------

#[tauri::command]
pub fn health() -> Health {
    crema::http::handlers::health::current()
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
    Ok(customers::register(&s.app, Registration::from(body)).await?)
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

// ---- menu and orders -----------------------------------------------------

#[tauri::command]
pub async fn get_menu(s: S<'_>) -> CmdResult<MenuView> {
    Ok(menu::get(&s.app).await?.view.clone())
}

#[tauri::command]
pub async fn patch_item(
    s: S<'_>,
    token: Option<String>,
    id: String,
    patch: Arg<ItemPatch>,
) -> CmdResult<ItemView> {
    let actor = s.actor(token.as_deref()).await?;
    let patch = patch.value("patch")?;
    let id = self::id(&id, "item")?;
    Ok(menu::update_item(&s.app, &actor, id, patch).await?)
}

#[tauri::command]
pub async fn place_order(
    s: S<'_>,
    token: Option<String>,
    body: Arg<PlaceOrder>,
    idempotency_key: Option<String>,
) -> CmdResult<Order> {
    let actor = s.actor(token.as_deref()).await?;
    let body = body.value("body")?;
    Ok(orders::place(&s.app, &actor, body, idempotency_key)
        .await?
        .order)
}

#[tauri::command]
pub async fn quote_order(
    s: S<'_>,
    token: Option<String>,
    body: Arg<PlaceOrder>,
) -> CmdResult<Quote> {
    let actor = s.actor(token.as_deref()).await?;
    let body = body.value("body")?;
    Ok(orders::quote(&s.app, &actor, body).await?)
}

#[tauri::command]
pub async fn list_orders(
    s: S<'_>,
    token: Option<String>,
    statuses: Vec<String>,
) -> CmdResult<OrderList> {
    let statuses = orders::parse_statuses(&statuses.join(","))?;
    let actor = s.actor(token.as_deref()).await?;
    let orders = orders::list(&s.app, &actor, statuses).await?;
    Ok(OrderList { orders })
}

#[tauri::command]
pub async fn get_order(s: S<'_>, token: Option<String>, id: String) -> CmdResult<Order> {
    let actor = s.actor(token.as_deref()).await?;
    Ok(orders::get(&s.app, &actor, self::id(&id, "order")?).await?)
}

#[tauri::command]
pub async fn set_order_status(
    s: S<'_>,
    token: Option<String>,
    id: String,
    change: Arg<StatusChange>,
) -> CmdResult<Order> {
    let actor = s.actor(token.as_deref()).await?;
    let change = change.value("change")?;
    let id = self::id(&id, "order")?;
    Ok(orders::set_status(&s.app, &actor, id, change.status, change.reason).await?)
}

#[tauri::command]
pub async fn add_payment(
    s: S<'_>,
    token: Option<String>,
    id: String,
    payment: Arg<PaymentRequest>,
) -> CmdResult<Order> {
    let actor = s.actor(token.as_deref()).await?;
    let payment = payment.value("payment")?;
    let id = self::id(&id, "order")?;
    Ok(orders::pay(
        &s.app,
        &actor,
        id,
        payment.method,
        payment.amount,
        payment.tendered,
    )
    .await?)
}

// ---- reports, settings, customers, devices -------------------------------

#[tauri::command]
pub async fn get_summary(
    s: S<'_>,
    token: Option<String>,
    from: String,
    to: String,
) -> CmdResult<Summary> {
    let actor = s.actor(token.as_deref()).await?;
    Ok(reports::summary(&s.app, &actor, date(&from)?, date(&to)?).await?)
}

#[tauri::command]
pub async fn orders_csv(
    s: S<'_>,
    token: Option<String>,
    from: String,
    to: String,
) -> CmdResult<String> {
    let actor = s.actor(token.as_deref()).await?;
    Ok(reports::orders_csv(&s.app, &actor, date(&from)?, date(&to)?).await?)
}

#[tauri::command]
pub fn get_settings(s: S<'_>) -> ShopSettings {
    s.app.settings().as_ref().clone()
}

#[tauri::command]
pub async fn update_settings(
    s: S<'_>,
    token: Option<String>,
    settings: Arg<ShopSettings>,
) -> CmdResult<ShopSettings> {
    let actor = s.actor(token.as_deref()).await?;
    let settings = settings.value("settings")?;
    Ok(settings::update(&s.app, &actor, settings)
        .await?
        .as_ref()
        .clone())
}

#[tauri::command]
pub async fn search_customers(
    s: S<'_>,
    token: Option<String>,
    q: String,
) -> CmdResult<CustomerList> {
    let actor = s.actor(token.as_deref()).await?;
    let customers = customers::search(&s.app, &actor, &q).await?;
    Ok(CustomerList { customers })
}

#[tauri::command]
pub async fn create_customer(
    s: S<'_>,
    token: Option<String>,
    customer: Arg<NewCustomer>,
) -> CmdResult<CustomerSummary> {
    let actor = s.actor(token.as_deref()).await?;
    let customer = customer.value("customer")?;
    Ok(customers::create(&s.app, &actor, customer.into()).await?)
}

#[tauri::command]
pub async fn my_orders(s: S<'_>, token: Option<String>) -> CmdResult<OrderList> {
    let actor = s.actor(token.as_deref()).await?;
    let orders = customers::my_orders(&s.app, &actor).await?;
    Ok(OrderList { orders })
}

#[tauri::command]
pub async fn create_pairing_code(
    s: S<'_>,
    token: Option<String>,
    name: String,
) -> CmdResult<PairingCode> {
    let actor = s.actor(token.as_deref()).await?;
    Ok(devices::create_code(&s.app, &actor, &name).await?)
}

#[tauri::command]
pub async fn list_devices(s: S<'_>, token: Option<String>) -> CmdResult<DeviceList> {
    let actor = s.actor(token.as_deref()).await?;
    let devices = devices::list(&s.app, &actor).await?;
    Ok(DeviceList { devices })
}

#[tauri::command]
pub async fn revoke_device(s: S<'_>, token: Option<String>, id: String) -> CmdResult<()> {
    let actor = s.actor(token.as_deref()).await?;
    let id = self::id(&id, "device")?;
    Ok(devices::revoke(&s.app, &actor, id).await?)
}

// ---- admin panel ---------------------------------------------------------

#[tauri::command]
pub async fn list_categories(s: S<'_>) -> CmdResult<CategoryList> {
    let categories = menu::categories(&s.app).await?;
    Ok(CategoryList { categories })
}

#[tauri::command]
pub async fn create_category(
    s: S<'_>,
    token: Option<String>,
    category: Arg<CategoryInput>,
) -> CmdResult<CategoryInfo> {
    let actor = s.actor(token.as_deref()).await?;
    let category = category.value("category")?;
    Ok(menu::create_category(&s.app, &actor, &category.name, category.sort_order).await?)
}

#[tauri::command]
pub async fn update_category(
    s: S<'_>,
    token: Option<String>,
    id: String,
    patch: Arg<CategoryPatch>,
) -> CmdResult<CategoryInfo> {
    let actor = s.actor(token.as_deref()).await?;
    let patch = patch.value("patch")?;
    let id = self::id(&id, "category")?;
    Ok(menu::update_category(&s.app, &actor, id, patch.name, patch.sort_order).await?)
}

#[tauri::command]
pub async fn delete_category(s: S<'_>, token: Option<String>, id: String) -> CmdResult<()> {
    let actor = s.actor(token.as_deref()).await?;
    let id = self::id(&id, "category")?;
    Ok(menu::delete_category(&s.app, &actor, id).await?)
}

#[tauri::command]
pub async fn create_item(
    s: S<'_>,
    token: Option<String>,
    item: Arg<ItemInput>,
) -> CmdResult<ItemView> {
    let actor = s.actor(token.as_deref()).await?;
    let item = item.value("item")?;
    Ok(menu::create_item(&s.app, &actor, item).await?)
}

#[tauri::command]
pub async fn delete_item(s: S<'_>, token: Option<String>, id: String) -> CmdResult<()> {
    let actor = s.actor(token.as_deref()).await?;
    let id = self::id(&id, "item")?;
    Ok(menu::delete_item(&s.app, &actor, id).await?)
}

#[tauri::command]
pub async fn replace_modifier_groups(
    s: S<'_>,
    token: Option<String>,
    id: String,
    groups: Arg<Vec<GroupInput>>,
) -> CmdResult<ItemView> {
    let actor = s.actor(token.as_deref()).await?;
    let groups = groups.value("groups")?;
    let id = self::id(&id, "item")?;
    Ok(menu::replace_groups(&s.app, &actor, id, groups).await?)
}

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
    let (code, terms) = coupon.into_parts();
    Ok(coupons::create(&s.app, &actor, &code, terms).await?)
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

#[tauri::command]
pub async fn list_users(s: S<'_>, token: Option<String>) -> CmdResult<StaffList> {
    let actor = s.actor(token.as_deref()).await?;
    let users = users::list(&s.app, &actor).await?;
    Ok(StaffList { users })
}

#[tauri::command]
pub async fn create_user(
    s: S<'_>,
    token: Option<String>,
    user: Arg<NewStaff>,
) -> CmdResult<StaffUser> {
    let actor = s.actor(token.as_deref()).await?;
    let user = user.value("user")?;
    let (username, role, credential) = user.into_parts()?;
    Ok(users::create_staff(&s.app, &actor, &username, role, credential).await?)
}

#[tauri::command]
pub async fn update_user(
    s: S<'_>,
    token: Option<String>,
    id: String,
    change: Arg<StaffChange>,
) -> CmdResult<StaffAccount> {
    let actor = s.actor(token.as_deref()).await?;
    let change = change.value("change")?;
    let id = self::id(&id, "staff account")?;
    Ok(users::update(&s.app, &actor, id, change).await?)
}

// ---- receipts and the cash drawer ---------------------------------------

#[tauri::command]
pub async fn printer_status(s: S<'_>, token: Option<String>) -> CmdResult<PrinterStatus> {
    let actor = s.actor(token.as_deref()).await?;
    Ok(printing::status(&s.app, &actor).await?)
}

#[tauri::command]
pub async fn get_printer_settings(s: S<'_>, token: Option<String>) -> CmdResult<PrinterSettings> {
    let actor = s.actor(token.as_deref()).await?;
    Ok(printing::settings(&s.app, &actor).await?)
}

#[tauri::command]
pub async fn update_printer_settings(
    s: S<'_>,
    token: Option<String>,
    settings: Arg<PrinterSettings>,
) -> CmdResult<PrinterSettings> {
    let actor = s.actor(token.as_deref()).await?;
    let settings = settings.value("settings")?;
    Ok(printing::update_settings(&s.app, &actor, settings).await?)
}

#[tauri::command]
pub async fn print_test_page(s: S<'_>, token: Option<String>) -> CmdResult<PrintJobView> {
    let actor = s.actor(token.as_deref()).await?;
    Ok(printing::print_test_page(&s.app, &actor).await?)
}

#[tauri::command]
pub async fn retry_prints(s: S<'_>, token: Option<String>) -> CmdResult<PrinterStatus> {
    let actor = s.actor(token.as_deref()).await?;
    Ok(printing::retry_now(&s.app, &actor).await?)
}

#[tauri::command]
pub async fn open_drawer(s: S<'_>, token: Option<String>) -> CmdResult<PrintJobView> {
    let actor = s.actor(token.as_deref()).await?;
    Ok(printing::open_drawer(&s.app, &actor).await?)
}

#[tauri::command]
pub async fn print_receipt(s: S<'_>, token: Option<String>, id: String) -> CmdResult<PrintJobView> {
    let actor = s.actor(token.as_deref()).await?;
    let id = self::id(&id, "order")?;
    Ok(printing::print_receipt(&s.app, &actor, id).await?)
}

// ---- live events ---------------------------------------------------------

/// Follows live events: they arrive as the Tauri event `crema://event`
/// tagged with the returned subscription id.
#[tauri::command]
pub async fn subscribe_events(s: S<'_>, token: Option<String>) -> CmdResult<String> {
    let actor = s.actor(token.as_deref()).await?;
    s.subscribe(&actor).await
}

#[tauri::command]
pub fn unsubscribe_events(s: S<'_>, id: String) {
    s.unsubscribe(&id);
}

// ---- first run, LAN server, updates --------------------------------------

#[tauri::command]
pub async fn setup_status(s: S<'_>) -> CmdResult<SetupStatus> {
    Ok(setup::status(&s.app).await?)
}

/// The person at the counter is the operator of this machine.
#[tauri::command]
pub async fn complete_setup(s: S<'_>, setup: Arg<FirstRun>) -> CmdResult<()> {
    let setup = setup.value("setup")?;
    Ok(self::setup::complete(&s.app, &Actor::System, setup).await?)
}

#[tauri::command]
pub async fn server_info(s: S<'_>, token: Option<String>) -> CmdResult<ServerInfo> {
    let actor = s.actor(token.as_deref()).await?;
    desktop::may_view_server(&actor)?;
    Ok(s.server.lock().await.info())
}

#[tauri::command]
pub async fn restart_server(s: S<'_>, token: Option<String>, port: u16) -> CmdResult<ServerInfo> {
    let actor = s.actor(token.as_deref()).await?;
    desktop::may_move_server(&actor)?;
    Ok(s.server.lock().await.restart_on(port).await)
}

#[tauri::command]
pub async fn check_update(s: S<'_>, token: Option<String>) -> CmdResult<UpdateInfo> {
    let actor = s.actor(token.as_deref()).await?;
    desktop::may_check_updates(&actor)?;
    match s.updates() {
        Some(u) => u.check().await,
        None => Ok(s.updates_off()),
    }
}

#[tauri::command]
pub async fn install_update(s: S<'_>, token: Option<String>) -> CmdResult<()> {
    let actor = s.actor(token.as_deref()).await?;
    desktop::may_install_updates(&actor)?;
    match s.updates() {
        Some(u) => u.install().await,
        None => Err(AppError::new(
            ErrorCode::UpdatesOff,
            "no update endpoint and public key are configured",
        )
        .into()),
    }
}
