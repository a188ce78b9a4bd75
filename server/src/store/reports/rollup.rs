//! SQL of the per-county report roll-ups (`report_rollup`, `report_rollup_months`): recomputing
//! a county marked dirty by the triggers on `learner_facts` and `outcomes`, and adding the
//! roll-ups up for a report over many counties. A county's rows are rebuilt from its facts in one
//! transaction, so a roll-up is never half-written.

use std::collections::BTreeMap;

use app::codes::{OutcomeKind, TargetGroup};
use app::dates::month_of_day_number;
use app::model::Figures;
use sqlx::any::AnyRow;
use sqlx::Row;

use super::figures::{Stage, STAGES};
use crate::error::ServerError;
use crate::store::Store;

/// The county key of learners without a county.
pub const NO_COUNTY: i64 = 0;
/// `report_rollup_months.stage` of confirmed monthly sales (fen).
const SALES_STAGE: i64 = 6;
/// Beijing is 8 hours ahead of UTC: days are counted from its midnight.
const BEIJING_OFFSET_SECS: i64 = 8 * 3600;

/// The roll-up columns, over `$1` = the poor household code.
const ROLLUP_COLUMNS: &str = "COUNT(DISTINCT f.village_id) AS villages,
    COUNT(DISTINCT f.household_id) AS households,
    COUNT(DISTINCT CASE WHEN f.target_group = $1 THEN f.household_id END) AS poor_households,
    COUNT(*) AS enrolled,
    SUM(CASE WHEN f.completed_at IS NOT NULL THEN 1 ELSE 0 END) AS completed,
    SUM(CASE WHEN f.certified_at IS NOT NULL THEN 1 ELSE 0 END) AS certified,
    SUM(CASE WHEN f.store_opened_at IS NOT NULL THEN 1 ELSE 0 END) AS store_opened,
    SUM(CASE WHEN f.first_sale_at IS NOT NULL THEN 1 ELSE 0 END) AS first_sale,
    SUM(CASE WHEN f.employed_at IS NOT NULL THEN 1 ELSE 0 END) AS employed,
    CAST(SUM(f.sales_fen) AS BIGINT) AS sales_fen";

/// The four groupings kept per county: (course, group) with '' meaning all.
const GROUPINGS: [(&str, &str); 4] = [
    ("COALESCE(f.course_id, '')", "f.target_group"),
    ("COALESCE(f.course_id, '')", "''"),
    ("''", "f.target_group"),
    ("''", "''"),
];

/// The condition selecting one county's facts (`$2`), using its index when there is a county.
fn county_condition(county: i64) -> &'static str {
    if county == NO_COUNTY {
        "COALESCE(f.county_id, 0) = $2"
    } else {
        "f.county_id = $2"
    }
}

/// Which roll-up rows a report adds up: one course or all, one target group or all.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RollupFilter {
    pub course: Option<String>,
    pub group: Option<String>,
}

impl Store {
    /// Counties whose roll-ups are out of date.
    pub async fn dirty_counties(&self) -> Result<Vec<i64>, ServerError> {
        let rows = sqlx::query("SELECT county_key FROM report_rollup_dirty ORDER BY county_key")
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(|r| Ok(r.try_get("county_key")?)).collect()
    }

    /// Rebuilds one county's roll-ups from its learners' facts and clears its dirty mark, in one
    /// transaction: a fact changed meanwhile marks the county again.
    pub async fn refresh_county_rollup(&self, county: i64) -> Result<(), ServerError> {
        let months = self.county_months(county).await?;
        let mut tx = self.writer().begin().await?;
        sqlx::query("DELETE FROM report_rollup_dirty WHERE county_key = $1")
            .bind(county)
            .execute(&mut *tx)
            .await?;
        for table in ["report_rollup", "report_rollup_months"] {
            sqlx::query(&format!("DELETE FROM {table} WHERE county_key = $1"))
                .bind(county)
                .execute(&mut *tx)
                .await?;
        }
        let condition = county_condition(county);
        for (course, group) in GROUPINGS {
            // PostgreSQL refuses a constant in GROUP BY: group by the columns only.
            let columns: Vec<&str> = [course, group].into_iter().filter(|c| *c != "''").collect();
            let group_by = if columns.is_empty() {
                String::new()
            } else {
                format!("GROUP BY {}", columns.join(", "))
            };
            let sql = format!(
                "INSERT INTO report_rollup (county_key, course_key, group_key, villages,
                   households, poor_households, enrolled, completed, certified, store_opened,
                   first_sale, employed, sales_fen)
                 SELECT $2, {course}, {group}, {ROLLUP_COLUMNS} FROM learner_facts f
                 WHERE {condition} {group_by}"
            );
            sqlx::query(&sql)
                .bind(TargetGroup::PoorHousehold.code())
                .bind(county)
                .execute(&mut *tx)
                .await?;
        }
        for ((course, group, stage, month), n) in months {
            sqlx::query(
                "INSERT INTO report_rollup_months (county_key, course_key, group_key, stage, month, n)
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(county)
            .bind(course)
            .bind(group)
            .bind(stage)
            .bind(month)
            .bind(n)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// A county's stage counts and confirmed sales per (course, group, stage, month).
    async fn county_months(
        &self,
        county: i64,
    ) -> Result<BTreeMap<(String, String, i64, String), i64>, ServerError> {
        let condition = county_condition(county);
        let parts: Vec<String> = STAGES
            .iter()
            .enumerate()
            .map(|(index, (_, column))| {
                format!(
                    "SELECT {index} AS stage, COALESCE(f.course_id, '') AS course, f.target_group AS grp,
                       (f.{column} + $1) / 86400 AS day, COUNT(*) AS n
                     FROM learner_facts f WHERE {condition} AND f.{column} IS NOT NULL
                     GROUP BY COALESCE(f.course_id, ''), f.target_group, (f.{column} + $1) / 86400"
                )
            })
            .collect();
        let rows = sqlx::query(&parts.join(" UNION ALL "))
            .bind(BEIJING_OFFSET_SECS)
            .bind(county)
            .fetch_all(self.pool())
            .await?;
        let mut months = BTreeMap::new();
        for r in &rows {
            let day: i64 = r.try_get("day")?;
            let key = (
                r.try_get("course")?,
                r.try_get("grp")?,
                r.try_get("stage")?,
                month_of_day_number(day),
            );
            *months.entry(key).or_insert(0) += r.try_get::<i64, _>("n")?;
        }
        let sales = format!(
            "SELECT COALESCE(f.course_id, '') AS course, f.target_group AS grp, o.month,
               CAST(SUM(o.amount_fen) AS BIGINT) AS fen
             FROM outcomes o JOIN learner_facts f ON f.user_id = o.user_id
             WHERE o.kind = $1 AND o.confirmed_at IS NOT NULL AND o.month IS NOT NULL
               AND {} AND NOT EXISTS (SELECT 1 FROM outcomes n WHERE n.replaces = o.id)
             GROUP BY COALESCE(f.course_id, ''), f.target_group, o.month",
            county_condition(county)
        );
        let rows = sqlx::query(&sales)
            .bind(OutcomeKind::MonthlySales.code())
            .bind(county)
            .fetch_all(self.pool())
            .await?;
        for r in &rows {
            let fen: Option<i64> = r.try_get("fen")?;
            let key = (
                r.try_get("course")?,
                r.try_get("grp")?,
                SALES_STAGE,
                r.try_get("month")?,
            );
            *months.entry(key).or_insert(0) += fen.unwrap_or(0);
        }
        Ok(months)
    }

    /// The rolled-up figures per county (without "active", which is counted live).
    pub async fn rollup_by_county(
        &self,
        filter: &RollupFilter,
    ) -> Result<Vec<(i64, Figures)>, ServerError> {
        let rows = sqlx::query(
            "SELECT county_key AS k, villages, households, poor_households, enrolled, completed,
               certified, store_opened, first_sale, employed, sales_fen
             FROM report_rollup WHERE course_key = $1 AND group_key = $2 ORDER BY county_key",
        )
        .bind(filter.course.clone().unwrap_or_default())
        .bind(filter.group.clone().unwrap_or_default())
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("k")?, rollup_figures(r)?)))
            .collect()
    }

    /// The rolled-up figures per target group, over every county.
    pub async fn rollup_by_group(
        &self,
        filter: &RollupFilter,
    ) -> Result<Vec<(String, Figures)>, ServerError> {
        let rows = sqlx::query(
            "SELECT group_key AS k, CAST(SUM(villages) AS BIGINT) AS villages,
               CAST(SUM(households) AS BIGINT) AS households,
               CAST(SUM(poor_households) AS BIGINT) AS poor_households,
               CAST(SUM(enrolled) AS BIGINT) AS enrolled, CAST(SUM(completed) AS BIGINT) AS completed,
               CAST(SUM(certified) AS BIGINT) AS certified,
               CAST(SUM(store_opened) AS BIGINT) AS store_opened,
               CAST(SUM(first_sale) AS BIGINT) AS first_sale, CAST(SUM(employed) AS BIGINT) AS employed,
               CAST(SUM(sales_fen) AS BIGINT) AS sales_fen
             FROM report_rollup WHERE course_key = $1 AND group_key <> ''
               AND ($2 = '' OR group_key = $2)
             GROUP BY group_key ORDER BY group_key",
        )
        .bind(filter.course.clone().unwrap_or_default())
        .bind(filter.group.clone().unwrap_or_default())
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("k")?, rollup_figures(r)?)))
            .collect()
    }

    /// How many learners reached each stage per month, over every county.
    pub async fn rollup_stage_months(
        &self,
        filter: &RollupFilter,
    ) -> Result<Vec<(Option<Stage>, String, i64)>, ServerError> {
        let rows = sqlx::query(
            "SELECT stage, month, CAST(SUM(n) AS BIGINT) AS n FROM report_rollup_months
             WHERE ($1 = '' OR course_key = $1) AND ($2 = '' OR group_key = $2)
             GROUP BY stage, month ORDER BY month",
        )
        .bind(filter.course.clone().unwrap_or_default())
        .bind(filter.group.clone().unwrap_or_default())
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                let index: i64 = r.try_get("stage")?;
                let stage = usize::try_from(index)
                    .ok()
                    .and_then(|i| STAGES.get(i))
                    .map(|(stage, _)| *stage);
                if stage.is_none() && index != SALES_STAGE {
                    return Err(ServerError::Internal(format!("stage {index}")));
                }
                Ok((stage, r.try_get("month")?, r.try_get("n")?))
            })
            .collect()
    }

    /// Learners active since `since`, per county key and target group (counted from an index).
    pub async fn active_by_county_and_group(
        &self,
        since: i64,
        filter: &RollupFilter,
    ) -> Result<Vec<(i64, String, i64)>, ServerError> {
        let rows = sqlx::query(
            "SELECT COALESCE(f.county_id, 0) AS k, f.target_group AS grp, COUNT(*) AS n
             FROM learner_facts f WHERE f.last_active_at >= $1
               AND ($2 = '' OR f.course_id = $2) AND ($3 = '' OR f.target_group = $3)
             GROUP BY COALESCE(f.county_id, 0), f.target_group",
        )
        .bind(since)
        .bind(filter.course.clone().unwrap_or_default())
        .bind(filter.group.clone().unwrap_or_default())
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("k")?, r.try_get("grp")?, r.try_get("n")?)))
            .collect()
    }
}

fn rollup_figures(r: &AnyRow) -> Result<Figures, ServerError> {
    let get = |name: &str| -> Result<i64, ServerError> {
        Ok(r.try_get::<Option<i64>, _>(name)?.unwrap_or(0))
    };
    Ok(Figures {
        villages: get("villages")?,
        households: get("households")?,
        poor_households: get("poor_households")?,
        enrolled: get("enrolled")?,
        active: 0,
        completed: get("completed")?,
        certified: get("certified")?,
        store_opened: get("store_opened")?,
        first_sale: get("first_sale")?,
        employed: get("employed")?,
        sales_fen: get("sales_fen")?,
    })
}
