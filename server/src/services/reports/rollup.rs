//! Reports over every county from the per-county roll-ups instead of every learner's facts: used
//! when a report covers everything (an admin's, the province) with no period or class filter.
//! Counties marked dirty are recomputed first, so the figures equal the live ones; servers also
//! recompute them in the background so a report rarely waits.

use app::model::{Figures, ReportFilter, ReportRow};

use super::report::{empty_months, named, stage_cell, Tables};
use super::scope::Scope;
use crate::error::ServerError;
use crate::store::reports::figures::{FactQuery, GroupKey};
use crate::store::reports::rollup::{RollupFilter, NO_COUNTY};
use crate::store::Store;

/// Whether the roll-ups answer this report: everything, with no period or class filter.
pub fn serves(scope: &Scope, filter: &ReportFilter) -> bool {
    scope.region.is_none()
        && scope.trainer_classes.is_none()
        && filter.class.is_none()
        && filter.from.is_none()
        && filter.to.is_none()
}

/// Recomputes every county marked dirty; returns how many there were.
pub async fn refresh_dirty(store: &Store) -> Result<usize, ServerError> {
    let counties = store.dirty_counties().await?;
    for county in &counties {
        store.refresh_county_rollup(*county).await?;
    }
    Ok(counties.len())
}

/// The report's totals, counties, target groups and months from the roll-ups.
pub(super) async fn tables(
    store: &Store,
    query: &FactQuery,
    months: &[String],
) -> Result<Tables, ServerError> {
    refresh_dirty(store).await?;
    let filter = RollupFilter {
        course: query.course.clone(),
        group: query.group.clone(),
    };
    let active = store
        .active_by_county_and_group(query.active_since, &filter)
        .await?;
    let active_of = |wanted: &dyn Fn(i64, &str) -> bool| -> i64 {
        active
            .iter()
            .filter(|(county, group, _)| wanted(*county, group))
            .map(|(_, _, n)| n)
            .sum()
    };
    let mut totals = Figures::default();
    let mut counties = Vec::new();
    for (county, mut figures) in store.rollup_by_county(&filter).await? {
        figures.active = active_of(&|c, _| c == county);
        add(&mut totals, &figures);
        counties.push((county, figures));
    }
    let ids: Vec<i64> = counties.iter().map(|(county, _)| *county).collect();
    let names = store.region_names(&ids).await?;
    let by_region = named(
        counties
            .into_iter()
            .map(|(county, figures)| {
                let id = (county != NO_COUNTY).then_some(county);
                (GroupKey::Id(id), figures)
            })
            .collect(),
        &names,
        true,
    );
    let by_group = store
        .rollup_by_group(&filter)
        .await?
        .into_iter()
        .map(|(group, mut figures)| {
            figures.active = active_of(&|_, g| g == group);
            ReportRow {
                key: group,
                region_id: None,
                figures,
            }
        })
        .collect();
    Ok(Tables {
        totals,
        by_region,
        by_group,
        by_month: by_month(store, &filter, months).await?,
    })
}

async fn by_month(
    store: &Store,
    filter: &RollupFilter,
    months: &[String],
) -> Result<Vec<app::model::MonthRow>, ServerError> {
    let mut rows = empty_months(months);
    for (stage, month, n) in store.rollup_stage_months(filter).await? {
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
