//! Reports over a county or the whole province from the roll-ups instead of every learner's
//! facts: used when a report covers a county or everything, with no period, class or trainer
//! limit. Counties marked dirty are rebuilt first, so the figures equal the live ones; servers
//! also rebuild them in the background so a report rarely waits. "Active" moves with the clock
//! and is counted live from an index.

use std::collections::BTreeMap;

use app::codes::RegionLevel;
use app::model::{Figures, ReportFilter, ReportRow};

use super::report::{empty_months, stage_cell, Tables};
use super::scope::Scope;
use crate::error::ServerError;
use crate::store::reports::cube::Area;
use crate::store::reports::figures::{FactQuery, GroupKey};
use crate::store::reports::rollup::{Active, RollupFilter, NO_COUNTY};
use crate::store::Store;

/// Whether the roll-ups answer this report: a county or everything, with no period, class or
/// trainer limit.
pub fn serves(scope: &Scope, filter: &ReportFilter) -> bool {
    let region_fits = scope
        .region
        .as_ref()
        .is_none_or(|r| r.level == RegionLevel::County);
    region_fits
        && scope.trainer_classes.is_none()
        && filter.class.is_none()
        && filter.from.is_none()
        && filter.to.is_none()
}

/// One rebuild at a time in this server: a report arriving while the background rebuild runs
/// waits for it and then finds little or nothing left, instead of rebuilding the same counties
/// beside it. (Servers sharing a database may rebuild a county twice; the result is the same.)
static REBUILDING: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Rebuilds every county marked dirty; returns how many there were.
pub async fn refresh_dirty(store: &Store) -> Result<usize, ServerError> {
    let _one_at_a_time = REBUILDING.lock().await;
    let counties = store.dirty_counties().await?;
    for county in &counties {
        store.refresh_county_rollup(*county).await?;
    }
    Ok(counties.len())
}

/// The report's figures from the roll-ups; classes only when `with_classes`.
pub(super) async fn tables(
    store: &Store,
    scope: &Scope,
    query: &FactQuery,
    months: &[String],
    with_classes: bool,
) -> Result<Tables, ServerError> {
    refresh_dirty(store).await?;
    let county = scope.region.as_ref().map(|r| r.id);
    let filter = RollupFilter {
        course: query.course.clone(),
        group: query.group.clone(),
    };
    let active = store
        .active_counts(query.active_since, &filter, county)
        .await?;
    let active_where = |wanted: &dyn Fn(&Active) -> bool| -> i64 {
        active
            .iter()
            .filter(|a| wanted(a))
            .map(|a| a.learners)
            .sum()
    };
    let counties = store.rollup_rows(&filter, Area::County, county).await?;
    let mut totals = Figures::default();
    for (_, _, figures) in &counties {
        add(&mut totals, figures);
    }
    totals.active = active_where(&|_| true);
    let by_region = match county {
        None => keyed(counties, |(county, _, _)| *county, |a| a.county, &active),
        Some(_) => {
            let townships = store.rollup_rows(&filter, Area::Township, county).await?;
            keyed(
                townships,
                |(_, township, _)| *township,
                |a| a.township,
                &active,
            )
        }
    };
    let by_class = if with_classes {
        let classes = store.rollup_rows(&filter, Area::Class, county).await?;
        keyed(classes, |(_, class, _)| *class, |a| a.class, &active)
    } else {
        Vec::new()
    };
    let by_group = store
        .rollup_by_group(&filter, county)
        .await?
        .into_iter()
        .map(|(group, mut figures)| {
            figures.active = active_where(&|a| a.group == group);
            ReportRow {
                key: group,
                region_id: None,
                figures,
            }
        })
        .collect();
    let by_month = by_month(store, &filter, county, months).await?;
    Ok(Tables {
        totals,
        by_region,
        by_class,
        by_group,
        by_month,
    })
}

/// Rows added up per `key` (0: none), each with its active learners (`active_key`).
fn keyed(
    rows: Vec<(i64, i64, Figures)>,
    key: impl Fn(&(i64, i64, Figures)) -> i64,
    active_key: impl Fn(&Active) -> i64,
    active: &[Active],
) -> Vec<(GroupKey, Figures)> {
    let mut sums: BTreeMap<i64, Figures> = BTreeMap::new();
    for row in &rows {
        add(sums.entry(key(row)).or_default(), &row.2);
    }
    for a in active {
        if let Some(figures) = sums.get_mut(&active_key(a)) {
            figures.active += a.learners;
        }
    }
    sums.into_iter()
        .map(|(id, figures)| (GroupKey::Id((id != NO_COUNTY).then_some(id)), figures))
        .collect()
}

async fn by_month(
    store: &Store,
    filter: &RollupFilter,
    county: Option<i64>,
    months: &[String],
) -> Result<Vec<app::model::MonthRow>, ServerError> {
    let mut rows = empty_months(months);
    for (stage, month, n) in store.rollup_stage_months(filter, county).await? {
        let Some(row) = rows.get_mut(&month) else {
            continue;
        };
        match stage {
            Some(stage) => *stage_cell(row, stage) += n,
            None => row.sales_fen += n,
        }
    }
    Ok(rows.into_values().collect())
}

/// Adds `more` to `sum`, field by field.
fn add(sum: &mut Figures, more: &Figures) {
    sum.villages += more.villages;
    sum.households += more.households;
    sum.poor_households += more.poor_households;
    sum.enrolled += more.enrolled;
    sum.active += more.active;
    sum.completed += more.completed;
    sum.certified += more.certified;
    sum.store_opened += more.store_opened;
    sum.first_sale += more.first_sale;
    sum.employed += more.employed;
    sum.sales_fen += more.sales_fen;
}
