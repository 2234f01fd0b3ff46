//! Head office, as the shop sees it: the sync status (admins in the panel,
//! cashiers for the counter's "behind" badge; the command line asks as the
//! operator at the machine).

use crate::app::{Actor, App, AppResult};
use crate::domain::user::Role;
use crate::sync::status::{self, SyncStatus};

/// Enrolled or not, what waits to be sent, how the last push went.
pub async fn status(app: &App, actor: &Actor) -> AppResult<SyncStatus> {
    actor.require(
        &[Role::Admin, Role::Cashier],
        "see the head-office sync status",
    )?;
    let dir = app.data_dir().to_path_buf();
    Ok(app.store().read(move |c| status::read(&dir, c)).await?)
}
