//! SQL for course content: the idempotent import of a checked tree and the reads behind the
//! learner's pages.

use std::collections::HashMap;

use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

use crate::content::{ContentTree, Course, Lesson, Module};
use crate::error::ServerError;
use crate::store::{now, Store};

/// What one import changed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub inserted: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub retired: usize,
}

/// A row of `courses`, `modules` or `lessons` as the pages need it.
#[derive(Clone, Debug, PartialEq)]
pub struct CourseRow {
    pub id: String,
    pub title: String,
    pub title_en: String,
    pub summary: String,
    pub summary_en: String,
    pub level: String,
    pub intro_html: String,
    pub module_count: i64,
    pub lesson_count: i64,
    pub total_minutes: i64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ModuleRow {
    pub id: String,
    pub course_id: String,
    pub position: i64,
    pub pass_mark: i64,
    pub test_questions: i64,
    pub title: String,
    pub title_en: String,
    pub summary: String,
    pub summary_en: String,
}

/// A lesson's place in its course: enough to list it and link to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LessonEntry {
    pub id: String,
    pub module_id: String,
    pub course_id: String,
    pub title: String,
    pub title_en: String,
    pub minutes: i64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LessonRow {
    pub id: String,
    pub module_id: String,
    pub title: String,
    pub title_en: String,
    pub summary: String,
    pub summary_en: String,
    pub level: String,
    pub minutes: i64,
    pub body_html: String,
    pub quiz_json: String,
    /// The day its facts were last checked (`YYYY-MM-DD`), if the content says.
    pub checked_on: Option<String>,
}

const COURSE_COLUMNS: &str = "c.id, c.title, c.title_en, c.summary, c.summary_en, c.level, c.intro_html,
    (SELECT COUNT(*) FROM modules m WHERE m.course_id = c.id AND m.retired = 0) AS module_count,
    (SELECT COUNT(*) FROM lessons l JOIN modules m ON m.id = l.module_id WHERE m.course_id = c.id AND l.retired = 0 AND m.retired = 0) AS lesson_count,
    (SELECT CAST(COALESCE(SUM(l.minutes), 0) AS BIGINT) FROM lessons l JOIN modules m ON m.id = l.module_id WHERE m.course_id = c.id AND l.retired = 0 AND m.retired = 0) AS total_minutes";

const MODULE_COLUMNS: &str =
    "id, course_id, position, pass_mark, test_questions, title, title_en, summary, summary_en";

const LESSON_COLUMNS: &str = "l.id, l.module_id, l.title, l.title_en, l.summary, l.summary_en, l.level, l.minutes, l.body_html, l.quiz_json, l.checked_on";

impl Store {
    /// Brings the content tables in line with `tree` in one transaction: new items inserted,
    /// changed ones updated, ones gone from a course of the tree retired, unchanged ones not
    /// touched. Courses the tree does not hold are left as they are.
    pub async fn import_content(&self, tree: &ContentTree) -> Result<ImportReport, ServerError> {
        let mut tx = self.pool().begin().await?;
        take_import_lock(&mut tx).await?;
        let report = import_tree(&mut tx, tree).await?;
        tx.commit().await?;
        self.rules.forget_all();
        Ok(report)
    }

    pub async fn list_courses(&self) -> Result<Vec<CourseRow>, ServerError> {
        let sql = format!(
            "SELECT {COURSE_COLUMNS} FROM courses c WHERE c.retired = 0 ORDER BY c.position, c.id"
        );
        let rows = sqlx::query(&sql).fetch_all(self.pool()).await?;
        rows.iter().map(course_row).collect()
    }

    pub async fn course(&self, course_id: &str) -> Result<Option<CourseRow>, ServerError> {
        let sql =
            format!("SELECT {COURSE_COLUMNS} FROM courses c WHERE c.id = $1 AND c.retired = 0");
        let row = sqlx::query(&sql)
            .bind(course_id)
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(course_row).transpose()
    }

    /// The live modules of a course (or of every course) in order.
    pub async fn course_modules(
        &self,
        course_id: Option<&str>,
    ) -> Result<Vec<ModuleRow>, ServerError> {
        let sql = format!(
            "SELECT {MODULE_COLUMNS} FROM modules WHERE ($1 = '' OR course_id = $1) AND retired = 0
             ORDER BY course_id, position, id"
        );
        let rows = sqlx::query(&sql)
            .bind(course_id.unwrap_or_default())
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(module_row).collect()
    }

    /// A live module of a live course.
    pub async fn module(&self, module_id: &str) -> Result<Option<ModuleRow>, ServerError> {
        let sql = format!(
            "SELECT {MODULE_COLUMNS} FROM modules WHERE id = $1 AND retired = 0
             AND course_id IN (SELECT id FROM courses WHERE retired = 0)"
        );
        let row = sqlx::query(&sql)
            .bind(module_id)
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(module_row).transpose()
    }

    /// Every live lesson of a course (or of every course) in reading order (module, then lesson
    /// position), without bodies or quizzes: what outlines and the previous/next links need.
    pub async fn lesson_sequence(
        &self,
        course_id: Option<&str>,
    ) -> Result<Vec<LessonEntry>, ServerError> {
        let rows = sqlx::query(
            "SELECT l.id, l.module_id, m.course_id, l.title, l.title_en, l.minutes
             FROM lessons l JOIN modules m ON m.id = l.module_id
             WHERE ($1 = '' OR m.course_id = $1) AND l.retired = 0 AND m.retired = 0
             ORDER BY m.course_id, m.position, m.id, l.position, l.id",
        )
        .bind(course_id.unwrap_or_default())
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(LessonEntry {
                    id: r.try_get("id")?,
                    module_id: r.try_get("module_id")?,
                    course_id: r.try_get("course_id")?,
                    title: r.try_get("title")?,
                    title_en: r.try_get("title_en")?,
                    minutes: r.try_get("minutes")?,
                })
            })
            .collect()
    }

    /// The stored quiz of every live lesson of a module, in lesson order: (lesson id, quiz).
    pub async fn module_quizzes(
        &self,
        module_id: &str,
    ) -> Result<Vec<(String, String)>, ServerError> {
        let rows = sqlx::query(
            "SELECT id, quiz_json FROM lessons WHERE module_id = $1 AND retired = 0 ORDER BY position, id",
        )
        .bind(module_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("id")?, r.try_get("quiz_json")?)))
            .collect()
    }

    /// A live lesson with the id of its course.
    pub async fn lesson(
        &self,
        lesson_id: &str,
    ) -> Result<Option<(LessonRow, String)>, ServerError> {
        let sql = format!(
            "SELECT {LESSON_COLUMNS}, m.course_id FROM lessons l JOIN modules m ON m.id = l.module_id
             JOIN courses c ON c.id = m.course_id
             WHERE l.id = $1 AND l.retired = 0 AND m.retired = 0 AND c.retired = 0"
        );
        let row = sqlx::query(&sql)
            .bind(lesson_id)
            .fetch_optional(self.pool())
            .await?;
        row.map(|r| Ok((lesson_row(&r)?, r.try_get("course_id")?)))
            .transpose()
    }
}

/// Writing first takes the write lock (SQLite) or the row lock (PostgreSQL) at once, so a second
/// importer or publisher waits here and then finds everything up to date.
pub(super) async fn take_import_lock(tx: &mut Transaction<'_, Any>) -> Result<(), ServerError> {
    sqlx::query(
        "INSERT INTO content_import_lock (id, taken_at) VALUES (1, $1)
         ON CONFLICT (id) DO UPDATE SET taken_at = excluded.taken_at",
    )
    .bind(now())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Writes the tree's courses into the content tables (see `import_content`).
pub(super) async fn import_tree(
    tx: &mut Transaction<'_, Any>,
    tree: &ContentTree,
) -> Result<ImportReport, ServerError> {
    let mut report = ImportReport::default();
    let known = known_hashes(tx).await?;
    for course in &tree.courses {
        upsert_course(tx, course, &known, &mut report).await?;
        let mut seen = Vec::new();
        for module in &course.modules {
            upsert_module(tx, &course.id, module, &known, &mut report).await?;
            seen.push(("modules", module.id.clone()));
            for lesson in &module.lessons {
                upsert_lesson(tx, &module.id, lesson, &known, &mut report).await?;
                seen.push(("lessons", lesson.id.clone()));
            }
        }
        for (table, id) in course_rows(tx, &course.id).await? {
            if !seen.iter().any(|(t, s)| *t == table && *s == id) {
                sqlx::query(&format!(
                    "UPDATE {table} SET retired = 1, updated_at = $1 WHERE id = $2"
                ))
                .bind(now())
                .bind(&id)
                .execute(&mut **tx)
                .await?;
                report.retired += 1;
            }
        }
    }
    Ok(report)
}

/// The live modules and lessons of a course, as (table, id).
async fn course_rows(
    tx: &mut Transaction<'_, Any>,
    course_id: &str,
) -> Result<Vec<(&'static str, String)>, ServerError> {
    let rows = sqlx::query(
        "SELECT 'modules' AS t, id FROM modules WHERE course_id = $1 AND retired = 0
         UNION ALL
         SELECT 'lessons' AS t, l.id FROM lessons l JOIN modules m ON m.id = l.module_id
         WHERE m.course_id = $1 AND l.retired = 0",
    )
    .bind(course_id)
    .fetch_all(&mut **tx)
    .await?;
    rows.iter()
        .map(|r| {
            let table: String = r.try_get("t")?;
            let table = if table == "modules" {
                "modules"
            } else {
                "lessons"
            };
            Ok((table, r.try_get("id")?))
        })
        .collect()
}

/// The rendering's format, part of each module's and lesson's stored hash: when the renderer's
/// output changes (as when pictures moved to hashed URLs), the next import rewrites every row.
const RENDERED_WITH: &str = "r2";

type KnownHashes = HashMap<(&'static str, String), (String, bool)>;

/// The content hash and retired flag of every row already imported, keyed by (table, id).
async fn known_hashes(tx: &mut Transaction<'_, Any>) -> Result<KnownHashes, ServerError> {
    let mut known = HashMap::new();
    for (table, hash_column) in [
        ("courses", "version_hash"),
        ("modules", "content_hash"),
        ("lessons", "content_hash"),
    ] {
        let rows = sqlx::query(&format!(
            "SELECT id, {hash_column} AS hash, retired FROM {table}"
        ))
        .fetch_all(&mut **tx)
        .await?;
        for row in rows {
            let retired: i64 = row.try_get("retired")?;
            known.insert(
                (table, row.try_get("id")?),
                (row.try_get("hash")?, retired != 0),
            );
        }
    }
    Ok(known)
}

/// Counts the row as new, changed or unchanged; true when it must be written.
fn needs_write(
    known: &KnownHashes,
    table: &'static str,
    id: &str,
    hash: &str,
    report: &mut ImportReport,
) -> bool {
    match known.get(&(table, id.to_string())) {
        None => report.inserted += 1,
        Some((old, retired)) if old != hash || *retired => report.updated += 1,
        Some(_) => {
            report.unchanged += 1;
            return false;
        }
    }
    true
}

async fn upsert_course(
    tx: &mut Transaction<'_, Any>,
    c: &Course,
    known: &KnownHashes,
    report: &mut ImportReport,
) -> Result<(), ServerError> {
    if !needs_write(known, "courses", &c.id, &c.version_hash, report) {
        return Ok(());
    }
    sqlx::query(
        "INSERT INTO courses (id, title, title_en, summary, summary_en, position, level, intro_html, version_hash, retired, updated_at, completion)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0, $10, $11)
         ON CONFLICT (id) DO UPDATE SET title = excluded.title, title_en = excluded.title_en, summary = excluded.summary,
           summary_en = excluded.summary_en, position = excluded.position, level = excluded.level,
           intro_html = excluded.intro_html, version_hash = excluded.version_hash, retired = 0, updated_at = excluded.updated_at,
           completion = excluded.completion",
    )
    .bind(&c.id).bind(&c.texts.title).bind(&c.texts.title_en).bind(&c.texts.summary).bind(&c.texts.summary_en)
    .bind(c.position).bind(c.level.code()).bind(&c.intro_html).bind(&c.version_hash).bind(now())
    .bind(c.completion.code())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

async fn upsert_module(
    tx: &mut Transaction<'_, Any>,
    course_id: &str,
    m: &Module,
    known: &KnownHashes,
    report: &mut ImportReport,
) -> Result<(), ServerError> {
    let hash = format!("{}:{RENDERED_WITH}", m.content_hash);
    if !needs_write(known, "modules", &m.id, &hash, report) {
        return Ok(());
    }
    sqlx::query(
        "INSERT INTO modules (id, course_id, title, title_en, summary, summary_en, position, pass_mark, test_questions, intro_html, content_hash, retired, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 0, $12)
         ON CONFLICT (id) DO UPDATE SET course_id = excluded.course_id, title = excluded.title, title_en = excluded.title_en,
           summary = excluded.summary, summary_en = excluded.summary_en, position = excluded.position,
           pass_mark = excluded.pass_mark, test_questions = excluded.test_questions, intro_html = excluded.intro_html,
           content_hash = excluded.content_hash, retired = 0, updated_at = excluded.updated_at",
    )
    .bind(&m.id).bind(course_id).bind(&m.texts.title).bind(&m.texts.title_en).bind(&m.texts.summary).bind(&m.texts.summary_en)
    .bind(m.position).bind(m.pass_mark).bind(m.test_questions).bind(&m.intro_html).bind(hash).bind(now())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

async fn upsert_lesson(
    tx: &mut Transaction<'_, Any>,
    module_id: &str,
    l: &Lesson,
    known: &KnownHashes,
    report: &mut ImportReport,
) -> Result<(), ServerError> {
    // A lesson moved to another module keeps its hash but must still be rewritten.
    let hash = format!("{}:{module_id}:{RENDERED_WITH}", l.content_hash);
    if !needs_write(known, "lessons", &l.id, &hash, report) {
        return Ok(());
    }
    let quiz_json =
        serde_json::to_string(&l.quiz).map_err(|e| ServerError::Internal(e.to_string()))?;
    sqlx::query(
        "INSERT INTO lessons (id, module_id, title, title_en, summary, summary_en, position, level, minutes, body_html, quiz_json, content_hash, retired, updated_at, checked_on)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 0, $13, $14)
         ON CONFLICT (id) DO UPDATE SET module_id = excluded.module_id, title = excluded.title, title_en = excluded.title_en,
           summary = excluded.summary, summary_en = excluded.summary_en, position = excluded.position, level = excluded.level,
           minutes = excluded.minutes, body_html = excluded.body_html, quiz_json = excluded.quiz_json,
           content_hash = excluded.content_hash, retired = 0, updated_at = excluded.updated_at,
           checked_on = excluded.checked_on",
    )
    .bind(&l.id).bind(module_id).bind(&l.texts.title).bind(&l.texts.title_en).bind(&l.texts.summary).bind(&l.texts.summary_en)
    .bind(l.position).bind(l.level.code()).bind(l.minutes).bind(&l.body_html).bind(quiz_json).bind(hash).bind(now())
    .bind(&l.checked)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

fn course_row(r: &AnyRow) -> Result<CourseRow, ServerError> {
    Ok(CourseRow {
        id: r.try_get("id")?,
        title: r.try_get("title")?,
        title_en: r.try_get("title_en")?,
        summary: r.try_get("summary")?,
        summary_en: r.try_get("summary_en")?,
        level: r.try_get("level")?,
        intro_html: r.try_get("intro_html")?,
        module_count: r.try_get("module_count")?,
        lesson_count: r.try_get("lesson_count")?,
        total_minutes: r.try_get("total_minutes")?,
    })
}

fn module_row(r: &AnyRow) -> Result<ModuleRow, ServerError> {
    Ok(ModuleRow {
        id: r.try_get("id")?,
        course_id: r.try_get("course_id")?,
        position: r.try_get("position")?,
        pass_mark: r.try_get("pass_mark")?,
        test_questions: r.try_get("test_questions")?,
        title: r.try_get("title")?,
        title_en: r.try_get("title_en")?,
        summary: r.try_get("summary")?,
        summary_en: r.try_get("summary_en")?,
    })
}

fn lesson_row(r: &AnyRow) -> Result<LessonRow, ServerError> {
    Ok(LessonRow {
        id: r.try_get("id")?,
        module_id: r.try_get("module_id")?,
        title: r.try_get("title")?,
        title_en: r.try_get("title_en")?,
        summary: r.try_get("summary")?,
        summary_en: r.try_get("summary_en")?,
        level: r.try_get("level")?,
        minutes: r.try_get("minutes")?,
        body_html: r.try_get("body_html")?,
        quiz_json: r.try_get("quiz_json")?,
        checked_on: r.try_get("checked_on")?,
    })
}
