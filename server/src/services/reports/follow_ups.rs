//! Follow-up calls: due 3, 6 and 12 months after a learner's certificate, listed for the trainer
//! of their class and the office of their region, and marked reached or not reachable (with the
//! day to try again).

use app::backend::Actor;
use app::codes::{AuditAction, FollowUpStatus, Role};
use app::dates::{add_months, beijing_day, day_start};
use app::error::AppError;
use app::i18n::problems::Problem;
use app::model::{FollowUpContact, FollowUpItem};

use super::outcomes::staff_of;
use crate::error::ServerError;
use crate::services::authz;
use crate::services::people::households::mask_phone;
use crate::store::reports::follow_ups::{CallerScope, FollowUpRow};
use crate::store::{now, Store};

/// Months after the certificate when a call is due.
pub const CALL_MONTHS: [i64; 3] = [3, 6, 12];
/// The to-do list shows calls due within this many days.
const LOOK_AHEAD_SECS: i64 = 7 * 86_400;
/// A learner not reached is tried again after this long, unless a day is given.
const RETRY_SECS: i64 = 7 * 86_400;

/// Creates the calls of a learner certified at `certified_at` (once; later calls do nothing).
pub async fn schedule(store: &Store, user_id: i64, certified_at: i64) -> Result<(), ServerError> {
    let due: Vec<(i64, i64)> = CALL_MONTHS
        .iter()
        .map(|months| (*months, add_months(certified_at, *months)))
        .collect();
    store.create_follow_ups(user_id, &due).await
}

pub async fn due(store: &Store, actor: &Actor) -> Result<Vec<FollowUpItem>, ServerError> {
    let roles = [Role::Trainer, Role::Office];
    let user = authz::require(store, actor, &roles, "follow_ups.list").await?;
    let scope = match user.role {
        Role::Trainer => CallerScope::Trainer(user.id),
        _ => CallerScope::Region(authz::home_region(store, user, "follow_ups.list").await?),
    };
    let rows = store.follow_ups_due(scope, now() + LOOK_AHEAD_SECS).await?;
    Ok(rows.into_iter().map(item).collect())
}

pub async fn record(
    store: &Store,
    actor: &Actor,
    id: i64,
    contact: &FollowUpContact,
) -> Result<(), ServerError> {
    let call = store.follow_up(id).await?.ok_or(AppError::NotFound)?;
    let user = staff_of(store, actor, call.user_id, "follow_ups.record").await?;
    let status = match contact.result.as_str() {
        "reached" => FollowUpStatus::Reached,
        "unreachable" => FollowUpStatus::Unreachable,
        _ => return Err(AppError::from(Problem::FollowUpResultUnknown).into()),
    };
    let at = now();
    let next_at = match (status, &contact.next) {
        (FollowUpStatus::Unreachable, Some(text)) => Some(
            day_start(text)
                .ok_or_else(|| AppError::from(Problem::DateFormat { text: text.clone() }))?,
        ),
        (FollowUpStatus::Unreachable, None) => Some(at + RETRY_SECS),
        _ => None,
    };
    let note = contact.note.as_deref();
    store
        .record_follow_up(id, status, user.id, at, next_at, note)
        .await?;
    let target = format!("user {}", call.user_id);
    authz::audit(
        store,
        user,
        AuditAction::ContactedLearner,
        &target,
        None,
        status.code(),
    )
    .await
}

pub fn item(row: FollowUpRow) -> FollowUpItem {
    FollowUpItem {
        id: row.id,
        learner_id: row.user_id,
        learner_name: row.learner_name,
        phone_masked: row.phone.as_deref().map(mask_phone),
        months: row.months,
        due_on: beijing_day(row.due_at),
        status: row.status,
        next_on: row.next_at.map(beijing_day),
        note: row.note,
    }
}
