//! A region's report: the learners enrolled in the period (a cohort), how far they had come by its
//! end, the funnel, and the same figures per child region, class, target group and month. Every
//! figure is added up from `learner_facts` by the database; nothing scans events per request.

use std::collections::{BTreeMap, HashMap};

use app::backend::Actor;
use app::codes::{RegionLevel, TargetGroup};
use app::dates::{beijing_month, month_bounds, month_of_day_number};
use app::error::AppError;
use app::i18n::problems::Problem;
use app::model::{Figures, MonthRow, Report, ReportFilter, ReportRow};

use super::rollup;
use super::scope::{self, Scope};
use crate::error::ServerError;
use crate::services::Services;
use crate::store::reports::figures::{FactGroup, FactQuery, GroupKey, Stage};
use crate::store::Store;

/// Active means something done within this many seconds before the report.
const ACTIVE_WINDOW_SECS: i64 = 30 * 86_400;
/// Classes beyond this many are not broken down one by one (nor offered as a filter).
const MAX_CLASS_ROWS: usize = 100;
/// The by-month table covers at most this many months.
const MAX_MONTHS: usize = 60;

pub async fn report(
    services: &Services,
    actor: &Actor,
    filter: &ReportFilter,
    now: i64,
) -> Result<Report, ServerError> {
    let store = &services.store;
    let (user, scope) = scope::resolve(
        store,
        actor,
        &scope::REPORT_ROLES,
        filter.region,
        "reports.view",
    )
    .await?;
    if let Some(class) = filter.class {
        scope::check_class(store, user, &scope, class, "reports.view").await?;
    }
    let query = fact_query(store, &scope, filter, now).await?;
    let class_names = match &scope.trainer_classes {
        Some(classes) => classes.clone(),
        None => store.class_names_within(user.region_id).await?,
    };
    let months = months_of(filter, query.end)?;
    // A report over more classes than fit a table leaves them to its regions' reports.
    let with_classes = class_names.len() <= MAX_CLASS_ROWS;
    let tables = if rollup::serves(&scope, filter) {
        rollup::tables(store, &scope, &query, &months, with_classes).await?
    } else {
        live_tables(store, &scope, &query, &months, with_classes).await?
    };
    let classes: HashMap<i64, String> = class_names.iter().cloned().collect();
    let by_region = {
        let ids: Vec<i64> = tables
            .by_region
            .iter()
            .filter_map(|(k, _)| k.id())
            .collect();
        named(tables.by_region, &store.region_names(&ids).await?, true)
    };
    let courses = store
        .list_courses()
        .await?
        .into_iter()
        .map(|c| (c.id, c.title))
        .collect();
    Ok(Report {
        region_id: scope.region.as_ref().map(|r| r.id),
        region_name: scope
            .region
            .as_ref()
            .map(|r| r.name.clone())
            .unwrap_or_default(),
        region_level: scope.region.as_ref().map(|r| r.level),
        parent: scope.parent.as_ref().map(|p| (p.id, p.name.clone())),
        filter: ReportFilter {
            region: scope.region.as_ref().map(|r| r.id),
            ..filter.clone()
        },
        produced_at: now,
        totals: tables.totals,
        by_region,
        by_class: named(tables.by_class, &classes, false),
        by_group: tables.by_group,
        by_month: tables.by_month,
        classes: if with_classes {
            class_names
        } else {
            Vec::new()
        },
        courses,
    })
}

/// A report's figures; region and class rows still to be named.
pub(super) struct Tables {
    pub totals: Figures,
    pub by_region: Vec<(GroupKey, Figures)>,
    pub by_class: Vec<(GroupKey, Figures)>,
    pub by_group: Vec<ReportRow>,
    pub by_month: Vec<MonthRow>,
}

/// The figures added up from the learners' facts as they are now; classes only when
/// `with_classes`.
async fn live_tables(
    store: &Store,
    scope: &Scope,
    query: &FactQuery,
    months: &[String],
    with_classes: bool,
) -> Result<Tables, ServerError> {
    let by_region = match child_group(scope) {
        Some(group) => store.report_breakdown(query, group).await?,
        None => Vec::new(),
    };
    let by_class = if with_classes {
        store.report_breakdown(query, FactGroup::Class).await?
    } else {
        Vec::new()
    };
    let by_group = store
        .report_breakdown(query, FactGroup::TargetGroup)
        .await?
        .into_iter()
        .map(|(key, figures)| ReportRow {
            key: match key {
                GroupKey::Code(code) => code,
                GroupKey::Id(_) => String::new(),
            },
            region_id: None,
            figures,
        })
        .collect();
    Ok(Tables {
        totals: store.report_figures(query).await?,
        by_region,
        by_class,
        by_group,
        by_month: by_month(store, query, months).await?,
    })
}

/// The learners the filter selects within the scope, and the times stages count against.
async fn fact_query(
    store: &Store,
    scope: &Scope,
    filter: &ReportFilter,
    now: i64,
) -> Result<FactQuery, ServerError> {
    let bounds = |month: &Option<String>| -> Result<Option<(i64, i64)>, ServerError> {
        match month {
            Some(text) => month_bounds(text)
                .map(Some)
                .ok_or_else(|| AppError::from(Problem::MonthFormat { text: text.clone() }).into()),
            None => Ok(None),
        }
    };
    let (from, to) = (bounds(&filter.from)?, bounds(&filter.to)?);
    if let Some(group) = &filter.group {
        TargetGroup::from_code(group).ok_or(AppError::from(Problem::UnknownTargetGroup))?;
    }
    if let Some(course) = &filter.course {
        store
            .course(course)
            .await?
            .ok_or(AppError::from(Problem::UnknownCourse))?;
    }
    Ok(FactQuery {
        region: scope.region_scope(),
        classes: scope.class_ids(),
        class: filter.class,
        course: filter.course.clone(),
        group: filter.group.clone(),
        enrolled_from: from.map(|(start, _)| start),
        enrolled_before: to.map(|(_, end)| end),
        end: to.map(|(_, end)| end).unwrap_or(now + 1),
        active_since: now - ACTIVE_WINDOW_SECS,
    })
}

/// The level below the report's region: what "by region" breaks down into.
fn child_group(scope: &Scope) -> Option<FactGroup> {
    match scope.region.as_ref().map(|r| r.level) {
        None => Some(FactGroup::County),
        Some(RegionLevel::County) => Some(FactGroup::Township),
        Some(RegionLevel::Township) => Some(FactGroup::Village),
        Some(RegionLevel::Village) => None,
    }
}

/// Breakdown rows with names; learners without a region or class get an empty name (shown as
/// "none"). Region rows link to their region.
fn named(
    rows: Vec<(GroupKey, Figures)>,
    names: &HashMap<i64, String>,
    regions: bool,
) -> Vec<ReportRow> {
    rows.into_iter()
        .map(|(key, figures)| {
            let id = match key {
                GroupKey::Id(id) => id,
                GroupKey::Code(_) => None,
            };
            ReportRow {
                key: id
                    .and_then(|id| names.get(&id).cloned())
                    .unwrap_or_default(),
                region_id: id.filter(|_| regions),
                figures,
            }
        })
        .collect()
}

/// The months the by-month table shows: the period's, or the twelve up to its end.
fn months_of(filter: &ReportFilter, end: i64) -> Result<Vec<String>, ServerError> {
    let last = filter.to.clone().unwrap_or_else(|| beijing_month(end - 1));
    let mut months = vec![last];
    while months.len() < MAX_MONTHS {
        let Some(first) = months.last() else { break };
        if filter.from.as_ref().is_some_and(|from| first <= from) {
            break;
        }
        if filter.from.is_none() && months.len() == 12 {
            break;
        }
        let Some((start, _)) = month_bounds(first) else {
            return Err(AppError::from(Problem::MonthFormat {
                text: first.clone(),
            })
            .into());
        };
        months.push(beijing_month(start - 1));
    }
    months.reverse();
    Ok(months)
}

/// The by-month table, empty months included.
pub(super) fn empty_months(months: &[String]) -> BTreeMap<String, MonthRow> {
    months
        .iter()
        .map(|m| {
            let row = MonthRow {
                month: m.clone(),
                ..MonthRow::default()
            };
            (m.clone(), row)
        })
        .collect()
}

/// The cell of a month row that counts a stage.
pub(super) fn stage_cell(row: &mut MonthRow, stage: Stage) -> &mut i64 {
    match stage {
        Stage::Enrolled => &mut row.enrolled,
        Stage::Completed => &mut row.completed,
        Stage::Certified => &mut row.certified,
        Stage::StoreOpened => &mut row.store_opened,
        Stage::FirstSale => &mut row.first_sale,
        Stage::Employed => &mut row.employed,
    }
}

async fn by_month(
    store: &Store,
    query: &FactQuery,
    months: &[String],
) -> Result<Vec<MonthRow>, ServerError> {
    let mut rows = empty_months(months);
    for (stage, day, count) in store.report_stage_days(query).await? {
        if let Some(row) = rows.get_mut(&month_of_day_number(day)) {
            *stage_cell(row, stage) += count;
        }
    }
    for (month, fen) in store.report_sales_by_month(query).await? {
        if let Some(row) = rows.get_mut(&month) {
            row.sales_fen += fen;
        }
    }
    Ok(rows.into_values().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_month_table_spans_the_period_or_the_last_year() {
        let filter = ReportFilter {
            from: Some("2025-11".into()),
            to: Some("2026-02".into()),
            ..ReportFilter::default()
        };
        let (_, end) = month_bounds("2026-02").expect("month");
        assert_eq!(
            months_of(&filter, end).expect("months"),
            ["2025-11", "2025-12", "2026-01", "2026-02"]
        );
        let open = months_of(&ReportFilter::default(), end).expect("months");
        assert_eq!(open.len(), 12);
        assert_eq!(open.last().map(String::as_str), Some("2026-02"));
    }
}
