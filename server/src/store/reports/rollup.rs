//! SQL of the report roll-ups (`report_rollup`, `report_rollup_months`): rebuilding a county
//! marked dirty by the triggers on `learner_facts` and `outcomes` (one read of its facts, added up
//! by `cube`, written in one transaction, so a roll-up is never half-written), and reading them
//! for a report over one county or all.

use app::codes::OutcomeKind;
use app::model::Figures;
use sqlx::{AnyConnection, Row};

use super::cube::{self, Area, Fact};
use super::figures::{figures_of, Stage, STAGES};
use crate::error::ServerError;
use crate::store::bulk::{insert_rows, Value};
use crate::store::Store;

/// The county key of learners without a county.
pub const NO_COUNTY: i64 = 0;
/// `report_rollup_months.stage` of confirmed monthly sales (fen).
const SALES_STAGE: i64 = 6;
/// The county argument meaning "every county".
const ALL_COUNTIES: i64 = -1;

/// The condition selecting one county's facts (`$1`), using its index when there is a county.
fn county_condition(county: i64) -> &'static str {
    if county == NO_COUNTY {
        "COALESCE(f.county_id, 0) = $1"
    } else {
        "f.county_id = $1"
    }
}

const FIGURE_COLUMNS: [&str; 10] = [
    "villages",
    "households",
    "poor_households",
    "enrolled",
    "completed",
    "certified",
    "store_opened",
    "first_sale",
    "employed",
    "sales_fen",
];

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
    /// transaction that clears the mark before it reads: a fact written before the mark is
    /// cleared is in what it reads, and one written after marks the county again (on PostgreSQL
    /// the marking writer holds the mark's row until it commits, migration 0018; SQLite has one
    /// writer). Clearing the mark after reading lost a change committed in between.
    pub async fn refresh_county_rollup(&self, county: i64) -> Result<(), ServerError> {
        let mut tx = self.writer().begin().await?;
        sqlx::query("DELETE FROM report_rollup_dirty WHERE county_key = $1")
            .bind(county)
            .execute(&mut *tx)
            .await?;
        let facts = county_facts(&mut tx, county).await?;
        let mut months = cube::stage_months(&facts);
        for (key, fen) in county_sales_months(&mut tx, county).await? {
            *months.entry(key).or_insert(0) += fen;
        }
        let rows: Vec<Vec<Value>> = cube::cube(county, &facts)
            .into_iter()
            .map(|((area, id, course, group), f)| {
                let figures = [
                    f.villages,
                    f.households,
                    f.poor_households,
                    f.enrolled,
                    f.completed,
                    f.certified,
                    f.store_opened,
                    f.first_sale,
                    f.employed,
                    f.sales_fen,
                ];
                let mut row = vec![county.into(), area.code().into(), id.into()];
                row.extend([course.into(), group.into()]);
                row.extend(figures.into_iter().map(Value::from));
                row
            })
            .collect();
        let month_rows: Vec<Vec<Value>> = months
            .into_iter()
            .map(|((course, group, stage, month), n)| {
                vec![
                    county.into(),
                    course.into(),
                    group.into(),
                    stage.into(),
                    month.into(),
                    n.into(),
                ]
            })
            .collect();
        for table in ["report_rollup", "report_rollup_months"] {
            sqlx::query(&format!("DELETE FROM {table} WHERE county_key = $1"))
                .bind(county)
                .execute(&mut *tx)
                .await?;
        }
        let mut columns = vec!["county_key", "area", "area_key", "course_key", "group_key"];
        columns.extend(FIGURE_COLUMNS);
        insert_rows(&mut tx, "report_rollup", &columns, &rows).await?;
        let month_columns = [
            "county_key",
            "course_key",
            "group_key",
            "stage",
            "month",
            "n",
        ];
        insert_rows(&mut tx, "report_rollup_months", &month_columns, &month_rows).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The rolled-up figures (without "active", counted live) of every county's, township's or
    /// class's row, within one county or all: (county, township or class id, figures).
    pub async fn rollup_rows(
        &self,
        filter: &RollupFilter,
        area: Area,
        county: Option<i64>,
    ) -> Result<Vec<(i64, i64, Figures)>, ServerError> {
        let sql = format!(
            "SELECT county_key, area_key, CAST(0 AS BIGINT) AS active, {} FROM report_rollup
             WHERE area = $1 AND course_key = $2 AND group_key = $3 AND ($4 < 0 OR county_key = $4)
             ORDER BY county_key, area_key",
            FIGURE_COLUMNS.join(", ")
        );
        let rows = sqlx::query(&sql)
            .bind(area.code())
            .bind(filter.course.clone().unwrap_or_default())
            .bind(filter.group.clone().unwrap_or_default())
            .bind(county.unwrap_or(ALL_COUNTIES))
            .fetch_all(self.pool())
            .await?;
        rows.iter()
            .map(|r| {
                let figures = figures_of(r)?;
                Ok((r.try_get("county_key")?, r.try_get("area_key")?, figures))
            })
            .collect()
    }

    /// The rolled-up figures per target group, within one county or all.
    pub async fn rollup_by_group(
        &self,
        filter: &RollupFilter,
        county: Option<i64>,
    ) -> Result<Vec<(String, Figures)>, ServerError> {
        let sums: Vec<String> = FIGURE_COLUMNS
            .iter()
            .map(|c| format!("CAST(SUM({c}) AS BIGINT) AS {c}"))
            .collect();
        let sql = format!(
            "SELECT group_key, CAST(0 AS BIGINT) AS active, {} FROM report_rollup
             WHERE area = 'county' AND course_key = $1 AND group_key <> ''
               AND ($2 = '' OR group_key = $2) AND ($3 < 0 OR county_key = $3)
             GROUP BY group_key ORDER BY group_key",
            sums.join(", ")
        );
        let rows = sqlx::query(&sql)
            .bind(filter.course.clone().unwrap_or_default())
            .bind(filter.group.clone().unwrap_or_default())
            .bind(county.unwrap_or(ALL_COUNTIES))
            .fetch_all(self.pool())
            .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("group_key")?, figures_of(r)?)))
            .collect()
    }

    /// How many learners reached each stage per month (stage `None`: confirmed sales in fen),
    /// within one county or all.
    pub async fn rollup_stage_months(
        &self,
        filter: &RollupFilter,
        county: Option<i64>,
    ) -> Result<Vec<(Option<Stage>, String, i64)>, ServerError> {
        let rows = sqlx::query(
            "SELECT stage, month, CAST(SUM(n) AS BIGINT) AS n FROM report_rollup_months
             WHERE ($1 = '' OR course_key = $1) AND ($2 = '' OR group_key = $2)
               AND ($3 < 0 OR county_key = $3)
             GROUP BY stage, month ORDER BY month",
        )
        .bind(filter.course.clone().unwrap_or_default())
        .bind(filter.group.clone().unwrap_or_default())
        .bind(county.unwrap_or(ALL_COUNTIES))
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

    /// Learners active since `since`, within one county or all, per county, township, class and
    /// target group (0: none), counted from an index alone.
    pub async fn active_counts(
        &self,
        since: i64,
        filter: &RollupFilter,
        county: Option<i64>,
    ) -> Result<Vec<Active>, ServerError> {
        let rows = sqlx::query(
            "SELECT COALESCE(f.county_id, 0) AS county, COALESCE(f.township_id, 0) AS township,
               COALESCE(f.class_id, 0) AS class, f.target_group AS grp, COUNT(*) AS n
             FROM learner_facts f WHERE f.last_active_at >= $1
               AND ($2 = '' OR f.course_id = $2) AND ($3 = '' OR f.target_group = $3)
               AND ($4 < 0 OR COALESCE(f.county_id, 0) = $4)
             GROUP BY COALESCE(f.county_id, 0), COALESCE(f.township_id, 0),
               COALESCE(f.class_id, 0), f.target_group",
        )
        .bind(since)
        .bind(filter.course.clone().unwrap_or_default())
        .bind(filter.group.clone().unwrap_or_default())
        .bind(county.unwrap_or(ALL_COUNTIES))
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Active {
                    county: r.try_get("county")?,
                    township: r.try_get("township")?,
                    class: r.try_get("class")?,
                    group: r.try_get("grp")?,
                    learners: r.try_get("n")?,
                })
            })
            .collect()
    }
}

/// Learners active lately in one county, township, class and target group (ids 0: none).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Active {
    pub county: i64,
    pub township: i64,
    pub class: i64,
    pub group: String,
    pub learners: i64,
}

/// One county's learner facts, as roll-ups need them (one indexed read).
async fn county_facts(conn: &mut AnyConnection, county: i64) -> Result<Vec<Fact>, ServerError> {
    let stage_columns: Vec<String> = STAGES.iter().map(|(_, c)| format!("f.{c}")).collect();
    let sql = format!(
        "SELECT f.township_id, f.class_id, f.course_id, f.target_group, f.village_id,
           f.household_id, f.sales_fen, {} FROM learner_facts f WHERE {}",
        stage_columns.join(", "),
        county_condition(county)
    );
    let rows = sqlx::query(&sql).bind(county).fetch_all(&mut *conn).await?;
    rows.iter()
        .map(|r| {
            let mut stages = [None; 6];
            for (stage, (_, column)) in stages.iter_mut().zip(STAGES) {
                *stage = r.try_get(column)?;
            }
            Ok(Fact {
                township_id: r.try_get("township_id")?,
                class_id: r.try_get("class_id")?,
                course_id: r.try_get("course_id")?,
                target_group: r.try_get("target_group")?,
                village_id: r.try_get("village_id")?,
                household_id: r.try_get("household_id")?,
                stages,
                sales_fen: r.try_get("sales_fen")?,
            })
        })
        .collect()
}

/// A county's confirmed monthly sales (fen) per (course, group, sales stage, month).
async fn county_sales_months(
    conn: &mut AnyConnection,
    county: i64,
) -> Result<Vec<(cube::MonthKey, i64)>, ServerError> {
    let sql = format!(
        "SELECT COALESCE(f.course_id, '') AS course, f.target_group AS grp, o.month,
           CAST(SUM(o.amount_fen) AS BIGINT) AS fen
         FROM learner_facts f JOIN outcomes o ON o.user_id = f.user_id
         WHERE {} AND o.kind = $2 AND o.confirmed_at IS NOT NULL AND o.month IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM outcomes n WHERE n.replaces = o.id)
         GROUP BY COALESCE(f.course_id, ''), f.target_group, o.month",
        county_condition(county)
    );
    let rows = sqlx::query(&sql)
        .bind(county)
        .bind(OutcomeKind::MonthlySales.code())
        .fetch_all(&mut *conn)
        .await?;
    rows.iter()
        .map(|r| {
            let fen: Option<i64> = r.try_get("fen")?;
            let key = (
                r.try_get("course")?,
                r.try_get("grp")?,
                SALES_STAGE,
                r.try_get("month")?,
            );
            Ok((key, fen.unwrap_or(0)))
        })
        .collect()
}
