//! The office's learner list (and a trainer's, of their classes): every learner in scope, paged,
//! filtered by class, status, target group and village, searched by name or phone; and one
//! learner's progress, outcomes and follow-up calls.

use app::backend::Actor;
use app::codes::{AuditAction, TargetGroup};
use app::dates::beijing_day;
use app::error::AppError;
use app::i18n::problems::Problem;
use app::model::{
    LearnerDetail, LearnerFilter, LearnerList, LearnerRow, LearnerStatus, OutcomeView,
};

use super::follow_ups;
use super::outcomes::staff_of;
use super::scope;
use crate::error::ServerError;
use crate::services::authz;
use crate::services::people::households::mask_phone;
use crate::store::reports::figures::FactQuery;
use crate::store::reports::learners::{LearnerListRow, LearnerQuery};
use crate::store::reports::outcomes::OutcomeRow;
use crate::store::{now, Store};

const PAGE_SIZE: usize = 50;

pub async fn list(
    store: &Store,
    actor: &Actor,
    filter: &LearnerFilter,
) -> Result<LearnerList, ServerError> {
    let (user, scope) =
        scope::resolve(store, actor, &scope::LEARNER_ROLES, None, "learners.list").await?;
    if let Some(class) = filter.class {
        scope::check_class(store, user, &scope, class, "learners.list").await?;
    }
    let group = match &filter.group {
        Some(code) => {
            Some(TargetGroup::from_code(code).ok_or(AppError::from(Problem::UnknownTargetGroup))?)
        }
        None => None,
    };
    let status = match &filter.status {
        Some(code) => {
            Some(LearnerStatus::from_code(code).ok_or(AppError::from(Problem::FormIncomplete))?)
        }
        None => None,
    };
    let query = LearnerQuery {
        facts: FactQuery {
            region: scope.region_scope(),
            classes: scope.class_ids(),
            class: filter.class,
            course: None,
            group: group.map(|g| g.code().to_string()),
            enrolled_from: None,
            enrolled_before: None,
            end: now() + 1,
            active_since: now(),
        },
        search: filter.q.clone(),
        status,
        village: filter.village,
        after: filter.after,
        limit: PAGE_SIZE + 1,
    };
    let mut rows = store.learner_list(&query).await?;
    let more = rows.len() > PAGE_SIZE;
    rows.truncate(PAGE_SIZE);
    let next = more.then(|| rows.last().map(|r| r.id)).flatten();
    let villages = store
        .regions_within(scope.region.as_ref().map(|r| r.id))
        .await?
        .into_iter()
        .filter(|r| r.level == app::codes::RegionLevel::Village)
        .map(|r| (r.id, r.name))
        .collect();
    let classes = match &scope.trainer_classes {
        Some(classes) => classes.clone(),
        None => store.class_names_within(user.region_id).await?,
    };
    Ok(LearnerList {
        learners: rows.into_iter().map(row).collect(),
        next,
        villages,
        classes,
    })
}

/// One learner as their trainer or office sees them; the view is audited.
pub async fn detail(store: &Store, actor: &Actor, id: i64) -> Result<LearnerDetail, ServerError> {
    let user = staff_of(store, actor, id, "learners.view").await?;
    let facts = store.learner_facts(id).await?.ok_or(AppError::NotFound)?;
    let listed = store
        .learner_list_row(id)
        .await?
        .ok_or(AppError::NotFound)?;
    let lessons_total = match &facts.course_id {
        Some(course) => store.lesson_sequence(Some(course)).await?.len() as i64,
        None => 0,
    };
    let outcomes = store
        .outcomes_of(id)
        .await?
        .into_iter()
        .map(outcome_view)
        .collect();
    let calls = store.follow_ups_of(id).await?;
    let target = format!("user {id}");
    authz::audit(store, user, AuditAction::ViewedLearner, &target, None, "").await?;
    Ok(LearnerDetail {
        row: row(listed),
        lessons_total,
        certified_on: facts.certified_at.map(beijing_day),
        outcomes,
        follow_ups: calls.into_iter().map(follow_ups::item).collect(),
    })
}

fn row(r: LearnerListRow) -> LearnerRow {
    LearnerRow {
        status: r.status(),
        id: r.id,
        name: r.name,
        phone_masked: r.phone.as_deref().map(mask_phone),
        village: r.village,
        class: r.class,
        target_group: r.target_group,
        lessons_completed: r.lessons_completed,
        household_id: r.household_id,
        last_active_at: r.last_active_at,
    }
}

pub fn outcome_view(o: OutcomeRow) -> OutcomeView {
    OutcomeView {
        id: o.id,
        kind: o.kind,
        platform: o.platform,
        store_name: o.store_name,
        happened_on: o.happened_at.map(beijing_day),
        month: o.month,
        amount_fen: o.amount_fen,
        orders: o.orders,
        employer: o.employer,
        job_kind: o.job_kind,
        away: o.away,
        note: o.note,
        reporter_role: o.reporter_role,
        reporter_name: o.reporter_name,
        reported_at: o.reported_at,
        confirmed_at: o.confirmed_at,
        replaced: o.replaced,
        replaces: o.replaces,
    }
}
