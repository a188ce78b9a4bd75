//! SQL for training classes and who belongs to them; a trainer's learners are the members of
//! the trainer's classes, checked inside the queries.

use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

use crate::error::ServerError;
use crate::store::Store;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClassRow {
    pub id: i64,
    pub name: String,
    pub trainer_id: i64,
    pub trainer_name: String,
    pub region_id: i64,
    pub region_name: String,
    pub join_code: String,
    pub learners: i64,
    pub course_id: Option<String>,
    pub course_title: Option<String>,
    pub starts_on: Option<String>,
    pub ends_on: Option<String>,
}

/// A class to open: where, by whom, its join code and, when planned, its course and days.
#[derive(Clone, Copy, Debug)]
pub struct NewClassRow<'a> {
    pub name: &'a str,
    pub trainer_id: i64,
    pub region_id: i64,
    pub join_code: &'a str,
    pub course_id: Option<&'a str>,
    pub starts_on: Option<&'a str>,
    pub ends_on: Option<&'a str>,
}

impl<'a> NewClassRow<'a> {
    /// A class without a planned course or days.
    pub fn unplanned(name: &'a str, trainer_id: i64, region_id: i64, join_code: &'a str) -> Self {
        NewClassRow {
            name,
            trainer_id,
            region_id,
            join_code,
            course_id: None,
            starts_on: None,
            ends_on: None,
        }
    }
}

const CLASS_SELECT: &str = "SELECT c.id, c.name, c.trainer_id, t.display_name AS trainer_name,
    c.region_id, r.name AS region_name, c.join_code, c.course_id, co.title AS course_title,
    c.starts_on, c.ends_on,
    (SELECT COUNT(*) FROM class_members cm WHERE cm.class_id = c.id) AS learners
    FROM classes c JOIN users t ON t.id = c.trainer_id JOIN regions r ON r.id = c.region_id
    LEFT JOIN courses co ON co.id = c.course_id";

impl Store {
    /// Opens a class; the trainer who opens it is its first trainer.
    pub async fn create_class(&self, new: NewClassRow<'_>, now: i64) -> Result<i64, ServerError> {
        let mut tx = self.pool().begin().await?;
        let row = sqlx::query(
            "INSERT INTO classes
               (name, trainer_id, region_id, join_code, created_at, course_id, starts_on, ends_on)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(new.name)
        .bind(new.trainer_id)
        .bind(new.region_id)
        .bind(new.join_code)
        .bind(now)
        .bind(new.course_id)
        .bind(new.starts_on)
        .bind(new.ends_on)
        .fetch_one(&mut *tx)
        .await?;
        let id: i64 = row.try_get("id")?;
        add_trainer(&mut tx, id, new.trainer_id, now).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Adds a colleague as a trainer of the class; adding twice is harmless.
    pub async fn add_class_trainer(
        &self,
        class_id: i64,
        trainer_id: i64,
        now: i64,
    ) -> Result<(), ServerError> {
        let mut tx = self.pool().begin().await?;
        add_trainer(&mut tx, class_id, trainer_id, now).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The names of the class's trainers, first added first.
    pub async fn class_trainer_names(&self, class_id: i64) -> Result<Vec<String>, ServerError> {
        let rows = sqlx::query(
            "SELECT u.display_name FROM class_trainers ct JOIN users u ON u.id = ct.trainer_id
             WHERE ct.class_id = $1 ORDER BY ct.added_at, u.id",
        )
        .bind(class_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| Ok(r.try_get("display_name")?))
            .collect()
    }

    /// The classes a trainer runs, newest first.
    pub async fn classes_of_trainer(&self, trainer_id: i64) -> Result<Vec<ClassRow>, ServerError> {
        let sql = format!(
            "{CLASS_SELECT} WHERE {} ORDER BY c.id DESC",
            taught_by("c.id", 1)
        );
        let rows = sqlx::query(&sql)
            .bind(trainer_id)
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(class_row).collect()
    }

    /// Classes held within `region` (every class when `None`), by name: (id, name).
    pub async fn class_names_within(
        &self,
        region: Option<i64>,
    ) -> Result<Vec<(i64, String)>, ServerError> {
        let sql = format!(
            "SELECT c.id, c.name FROM classes c WHERE $1 = 0 OR {} ORDER BY c.name, c.id",
            crate::store::people::regions::within("c.region_id", 1)
        );
        let rows = sqlx::query(&sql)
            .bind(region.unwrap_or(0))
            .fetch_all(self.pool())
            .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("id")?, r.try_get("name")?)))
            .collect()
    }

    /// The class if this trainer runs it.
    pub async fn class_of_trainer(
        &self,
        class_id: i64,
        trainer_id: i64,
    ) -> Result<Option<ClassRow>, ServerError> {
        let sql = format!(
            "{CLASS_SELECT} WHERE c.id = $1 AND {}",
            taught_by("c.id", 2)
        );
        let row = sqlx::query(&sql)
            .bind(class_id)
            .bind(trainer_id)
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(class_row).transpose()
    }

    pub async fn class_by_code(&self, join_code: &str) -> Result<Option<ClassRow>, ServerError> {
        let sql = format!("{CLASS_SELECT} WHERE c.join_code = $1");
        let row = sqlx::query(&sql)
            .bind(join_code)
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(class_row).transpose()
    }

    /// Whether `learner` belongs to a class this trainer runs.
    pub async fn is_learner_of_trainer(
        &self,
        learner: i64,
        trainer: i64,
    ) -> Result<bool, ServerError> {
        let sql = format!(
            "SELECT COUNT(*) AS n FROM class_members cm WHERE cm.user_id = $1 AND {}",
            taught_by("cm.class_id", 2)
        );
        let row = sqlx::query(&sql)
            .bind(learner)
            .bind(trainer)
            .fetch_one(self.pool())
            .await?;
        Ok(row.try_get::<i64, _>("n")? > 0)
    }
}

/// The SQL condition "the class `class_column` is taught by the trainer in parameter `param`":
/// every trainer-scoped query uses it, so a colleague added to a class gets the same view.
pub fn taught_by(class_column: &str, param: usize) -> String {
    format!(
        "EXISTS (SELECT 1 FROM class_trainers ct WHERE ct.class_id = {class_column} AND ct.trainer_id = ${param})"
    )
}

async fn add_trainer(
    tx: &mut Transaction<'_, Any>,
    class_id: i64,
    trainer_id: i64,
    now: i64,
) -> Result<(), ServerError> {
    sqlx::query(
        "INSERT INTO class_trainers (class_id, trainer_id, added_at) VALUES ($1, $2, $3)
         ON CONFLICT (class_id, trainer_id) DO NOTHING",
    )
    .bind(class_id)
    .bind(trainer_id)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Adds a learner to a class inside the caller's transaction; joining twice is harmless.
pub async fn join_class(
    tx: &mut Transaction<'_, Any>,
    class_id: i64,
    user_id: i64,
    now: i64,
) -> Result<(), ServerError> {
    sqlx::query(
        "INSERT INTO class_members (class_id, user_id, joined_at) VALUES ($1, $2, $3)
         ON CONFLICT (class_id, user_id) DO NOTHING",
    )
    .bind(class_id)
    .bind(user_id)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

fn class_row(r: &AnyRow) -> Result<ClassRow, ServerError> {
    Ok(ClassRow {
        id: r.try_get("id")?,
        name: r.try_get("name")?,
        trainer_id: r.try_get("trainer_id")?,
        trainer_name: r.try_get("trainer_name")?,
        region_id: r.try_get("region_id")?,
        region_name: r.try_get("region_name")?,
        join_code: r.try_get("join_code")?,
        learners: r.try_get("learners")?,
        course_id: r.try_get("course_id")?,
        course_title: r.try_get("course_title")?,
        starts_on: r.try_get("starts_on")?,
        ends_on: r.try_get("ends_on")?,
    })
}
