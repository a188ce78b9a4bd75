//! SQL for regions (county → township → village) and the scope test every region-bound query
//! uses: a region lies within another when it is that region, its child or its grandchild.

use app::codes::RegionLevel;
use sqlx::any::AnyRow;
use sqlx::{Any, Row};

use crate::error::ServerError;
use crate::store::Store;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegionRow {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub level: RegionLevel,
    pub name: String,
    pub code: Option<String>,
}

/// An SQL condition: the region in column `column` lies within region parameter `$param`.
/// Regions are at most three deep, so two parent steps reach every ancestor.
pub fn within(column: &str, param: usize) -> String {
    format!(
        "EXISTS (SELECT 1 FROM regions w0 LEFT JOIN regions w1 ON w1.id = w0.parent_id \
         WHERE w0.id = {column} AND (w0.id = ${param} OR w0.parent_id = ${param} OR w1.parent_id = ${param}))"
    )
}

const REGION_COLUMNS: &str = "r.id, r.parent_id, r.level, r.name, r.code";

impl Store {
    pub async fn create_region(
        &self,
        parent_id: Option<i64>,
        level: RegionLevel,
        name: &str,
        code: Option<&str>,
    ) -> Result<i64, ServerError> {
        insert_region(self.pool(), parent_id, level, name, code).await
    }

    pub async fn region(&self, id: i64) -> Result<Option<RegionRow>, ServerError> {
        let sql = format!("SELECT {REGION_COLUMNS} FROM regions r WHERE r.id = $1");
        let row = sqlx::query(&sql)
            .bind(id)
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(region_row).transpose()
    }

    pub async fn region_by_code(&self, code: &str) -> Result<Option<RegionRow>, ServerError> {
        let sql = format!("SELECT {REGION_COLUMNS} FROM regions r WHERE r.code = $1");
        let row = sqlx::query(&sql)
            .bind(code)
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(region_row).transpose()
    }

    /// Every region within `root` (all regions when `None`), parents before children.
    pub async fn regions_within(&self, root: Option<i64>) -> Result<Vec<RegionRow>, ServerError> {
        let rows = match root {
            Some(root) => {
                let sql = format!(
                    "SELECT {REGION_COLUMNS} FROM regions r WHERE {} ORDER BY r.id",
                    within("r.id", 1)
                );
                sqlx::query(&sql).bind(root).fetch_all(self.pool()).await?
            }
            None => {
                let sql = format!("SELECT {REGION_COLUMNS} FROM regions r ORDER BY r.id");
                sqlx::query(&sql).fetch_all(self.pool()).await?
            }
        };
        rows.iter().map(region_row).collect()
    }

    /// Whether `region` lies within `root`.
    pub async fn region_within(&self, region: i64, root: i64) -> Result<bool, ServerError> {
        let sql = format!(
            "SELECT COUNT(*) AS n FROM regions r WHERE r.id = $2 AND {}",
            within("r.id", 1)
        );
        let row = sqlx::query(&sql)
            .bind(root)
            .bind(region)
            .fetch_one(self.pool())
            .await?;
        Ok(row.try_get::<i64, _>("n")? > 0)
    }
}

impl Store {
    /// The names of these regions (500 at a time).
    pub async fn region_names(
        &self,
        ids: &[i64],
    ) -> Result<std::collections::HashMap<i64, String>, ServerError> {
        let mut names = std::collections::HashMap::new();
        for chunk in ids.chunks(500) {
            // Ids, not text: safe to write into the statement.
            let list: Vec<String> = chunk.iter().map(i64::to_string).collect();
            let sql = format!(
                "SELECT id, name FROM regions WHERE id IN ({})",
                list.join(", ")
            );
            for r in sqlx::query(&sql).fetch_all(self.pool()).await? {
                names.insert(r.try_get("id")?, r.try_get("name")?);
            }
        }
        Ok(names)
    }
}

/// Adds a region through a pool or inside a transaction (a file of regions is imported whole).
pub async fn insert_region<'e, E>(
    executor: E,
    parent_id: Option<i64>,
    level: RegionLevel,
    name: &str,
    code: Option<&str>,
) -> Result<i64, ServerError>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let row = sqlx::query(
        "INSERT INTO regions (parent_id, level, name, code) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(parent_id)
    .bind(level.code())
    .bind(name)
    .bind(code)
    .fetch_one(executor)
    .await?;
    Ok(row.try_get("id")?)
}

fn region_row(r: &AnyRow) -> Result<RegionRow, ServerError> {
    let level: String = r.try_get("level")?;
    Ok(RegionRow {
        id: r.try_get("id")?,
        parent_id: r.try_get("parent_id")?,
        level: RegionLevel::from_code(&level).ok_or_else(|| {
            ServerError::Internal(format!("stored region level `{level}` is unknown"))
        })?,
        name: r.try_get("name")?,
        code: r.try_get("code")?,
    })
}
