//! Outcome records: a learner reports their store, first sale, monthly sales, job or income
//! change (counted once a trainer or office confirms it); staff report for their learners
//! (confirmed as made). A correction is a new record naming the one it replaces.

use app::backend::{Actor, User};
use app::codes::{AuditAction, OutcomeKind, Role, StorePlatform};
use app::dates::{beijing_day, day_start, month_bounds};
use app::error::AppError;
use app::i18n::problems::Problem;
use app::model::OutcomeForm;

use crate::error::ServerError;
use crate::services::authz;
use crate::store::reports::outcomes::NewOutcome;
use crate::store::{now, Store};

const MAX_TEXT_CHARS: usize = 100;
/// Ten million yuan: more than any month of a village store.
const MAX_FEN: i64 = 1_000_000_000;

pub async fn report(
    store: &Store,
    actor: &Actor,
    learner: Option<i64>,
    form: &OutcomeForm,
) -> Result<i64, ServerError> {
    let (user, learner, confirmed) = match learner {
        None => {
            let user = authz::require(store, actor, &[Role::Learner], "outcomes.report").await?;
            (user, user.id, false)
        }
        Some(learner) => {
            let user = staff_of(store, actor, learner, "outcomes.report").await?;
            (user, learner, true)
        }
    };
    let mut new = read_form(form, now())?;
    new.user_id = learner;
    new.reported_by = user.id;
    new.reporter_role = Some(user.role);
    new.confirmed = confirmed;
    if let Some(old) = form.replaces {
        let same = store
            .outcome(old)
            .await?
            .is_some_and(|o| o.user_id == learner && Some(o.kind) == new.kind);
        if !same {
            return Err(AppError::from(Problem::NotReplaceable).into());
        }
    }
    let id = store.insert_outcome(&new, now()).await?;
    if confirmed {
        let target = format!("outcome {id}");
        authz::audit(store, user, AuditAction::ReportedOutcome, &target, None, "").await?;
        store.refresh_learner_facts(learner).await?;
    }
    Ok(learner)
}

/// A trainer or office confirms a learner's own report; returns the learner's id.
pub async fn confirm(store: &Store, actor: &Actor, id: i64) -> Result<i64, ServerError> {
    let outcome = store.outcome(id).await?.ok_or(AppError::NotFound)?;
    let user = staff_of(store, actor, outcome.user_id, "outcomes.confirm").await?;
    if !store.confirm_outcome(id, user.id, now()).await? {
        return Err(AppError::from(Problem::AlreadyConfirmed).into());
    }
    let target = format!("outcome {id}");
    authz::audit(
        store,
        user,
        AuditAction::ConfirmedOutcome,
        &target,
        None,
        "",
    )
    .await?;
    store.refresh_learner_facts(outcome.user_id).await?;
    Ok(outcome.user_id)
}

/// The acting staff member, if the learner is theirs: a trainer's class member, or a learner
/// living within an office's region. Others are refused (and the refusal audited).
pub async fn staff_of<'a>(
    store: &Store,
    actor: &'a Actor,
    learner: i64,
    action: &str,
) -> Result<&'a User, ServerError> {
    let user = authz::require(store, actor, &[Role::Trainer, Role::Office], action).await?;
    let theirs = match user.role {
        Role::Trainer => store.is_learner_of_trainer(learner, user.id).await?,
        _ => {
            let home = authz::home_region(store, user, action).await?;
            store.learner_within(learner, home).await?
        }
    };
    if theirs {
        return Ok(user);
    }
    authz::deny(store, user, action, &format!("user {learner}"), None).await
}

/// The record a form describes: the fields its kind needs, checked.
fn read_form(form: &OutcomeForm, now: i64) -> Result<NewOutcome, ServerError> {
    let invalid = |problem: Problem| -> ServerError { AppError::from(problem).into() };
    let kind = OutcomeKind::from_code(form.kind.trim())
        .ok_or_else(|| invalid(Problem::OutcomeKindUnknown))?;
    let mut new = NewOutcome {
        kind: Some(kind),
        note: text(&form.note)?,
        ..NewOutcome::default()
    };
    let date = || date_or_today(&form.date, now);
    match kind {
        OutcomeKind::StoreOpened => {
            let platform = form.platform.as_deref().and_then(StorePlatform::from_code);
            new.platform = Some(platform.ok_or_else(|| invalid(Problem::PlatformRequired))?);
            new.store_name = text(&form.store_name)?;
            new.happened_at = Some(date()?);
        }
        OutcomeKind::FirstSale => new.happened_at = Some(date()?),
        OutcomeKind::MonthlySales => {
            let month = form
                .month
                .clone()
                .ok_or_else(|| invalid(Problem::OutcomeFieldsMissing))?;
            if month_bounds(&month).is_none_or(|(start, _)| start > now) {
                return Err(invalid(Problem::MonthFormat { text: month }));
            }
            new.month = Some(month);
            new.amount_fen = Some(required_fen(&form.amount, false)?);
            new.orders = count(&form.orders)?;
        }
        OutcomeKind::Employment => {
            new.employer = text(&form.employer)?;
            new.job_kind = text(&form.job_kind)?;
            new.away = match form.place.as_deref() {
                Some("away") => Some(true),
                Some("local") => Some(false),
                _ => None,
            };
            new.happened_at = Some(date()?);
        }
        OutcomeKind::IncomeChange => new.amount_fen = Some(required_fen(&form.amount, true)?),
    }
    Ok(new)
}

fn text(value: &Option<String>) -> Result<Option<String>, ServerError> {
    match value {
        Some(text) if text.chars().count() > MAX_TEXT_CHARS => {
            Err(AppError::from(Problem::TextTooLong {
                max: MAX_TEXT_CHARS,
            })
            .into())
        }
        other => Ok(other.clone()),
    }
}

/// A `YYYY-MM-DD` not after today, or today when left empty.
fn date_or_today(value: &Option<String>, now: i64) -> Result<i64, ServerError> {
    let Some(text) = value else {
        return day_start(&beijing_day(now))
            .ok_or_else(|| ServerError::Internal("today is not a date".into()));
    };
    let start = day_start(text)
        .ok_or_else(|| AppError::from(Problem::DateFormat { text: text.clone() }))?;
    if start > now {
        return Err(AppError::from(Problem::DateInFuture).into());
    }
    Ok(start)
}

fn required_fen(value: &Option<String>, signed: bool) -> Result<i64, ServerError> {
    let text = value
        .as_deref()
        .ok_or(AppError::from(Problem::OutcomeFieldsMissing))?;
    parse_fen(text, signed)
        .ok_or_else(|| AppError::from(Problem::AmountFormat { text: text.into() }).into())
}

/// `1280`, `1,280.5` or `1280.50` yuan as fen; negative only where `signed`.
pub fn parse_fen(text: &str, signed: bool) -> Option<i64> {
    let cleaned: String = text
        .trim()
        .trim_end_matches('元')
        .chars()
        .filter(|c| !matches!(c, ',' | '，' | ' '))
        .collect();
    let (negative, digits) = match cleaned.strip_prefix('-') {
        Some(rest) if signed => (true, rest),
        Some(_) => return None,
        None => (false, cleaned.as_str()),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || fraction.len() > 2 || !all_digits(whole) || !all_digits(fraction) {
        return None;
    }
    let cents: i64 = format!("{fraction:0<2}").parse().ok()?;
    let fen = whole
        .parse::<i64>()
        .ok()?
        .checked_mul(100)?
        .checked_add(cents)?;
    (fen <= MAX_FEN).then_some(if negative { -fen } else { fen })
}

fn count(value: &Option<String>) -> Result<Option<i64>, ServerError> {
    match value {
        None => Ok(None),
        Some(text) => text
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|n| (0..=1_000_000).contains(n))
            .map(Some)
            .ok_or_else(|| AppError::from(Problem::CountFormat { text: text.clone() }).into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_read_as_people_type_them() {
        assert_eq!(parse_fen("1280", false), Some(128_000));
        assert_eq!(parse_fen("1,280.5元", false), Some(128_050));
        assert_eq!(parse_fen("0.07", false), Some(7));
        assert_eq!(parse_fen("-300", true), Some(-30_000));
        assert_eq!(parse_fen("-300", false), None, "sales are never negative");
        assert_eq!(parse_fen("12.345", false), None);
        assert_eq!(parse_fen("十元", false), None);
        assert_eq!(
            parse_fen("99999999999", false),
            None,
            "beyond any village store"
        );
    }

    #[test]
    fn each_kind_needs_its_fields() {
        let now = day_start("2026-06-15").expect("day") + 3600;
        let form = |kind: &str| OutcomeForm {
            kind: kind.into(),
            ..OutcomeForm::default()
        };
        let problem = |form: OutcomeForm| match read_form(&form, now) {
            Err(ServerError::App(AppError::Invalid(problem))) => problem,
            other => panic!("{other:?}"),
        };
        assert_eq!(problem(form("store_opened")), Problem::PlatformRequired);
        assert_eq!(
            problem(form("monthly_sales")),
            Problem::OutcomeFieldsMissing
        );
        assert_eq!(problem(form("lottery")), Problem::OutcomeKindUnknown);
        let future = OutcomeForm {
            date: Some("2026-07-01".into()),
            ..form("first_sale")
        };
        assert_eq!(problem(future), Problem::DateInFuture);
        let sale = read_form(&form("first_sale"), now).expect("today by default");
        assert_eq!(sale.happened_at, day_start("2026-06-15"));
    }
}
