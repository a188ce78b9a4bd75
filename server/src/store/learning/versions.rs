//! SQL of course versions: the files of every published version (bytes kept once, by hash), a
//! course's unpublished draft, what `content/` last held, and publishing a version — recording
//! it and rendering it into the course tables in one transaction.

use std::collections::BTreeMap;

use app::error::AppError;
use app::i18n::authoring::AuthoringProblem;
use app::i18n::problems::Problem;
use sha2::{Digest, Sha256};
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

use super::content::ImportReport;
use crate::content::ContentTree;
use crate::error::ServerError;
use crate::store::Store;

/// A course's files: path relative to the course's folder → bytes.
pub type Files = BTreeMap<String, Vec<u8>>;

/// Where a version came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    Files,
    Browser,
    Zip,
    Rollback,
}

impl Origin {
    pub fn code(self) -> &'static str {
        match self {
            Origin::Files => "files",
            Origin::Browser => "browser",
            Origin::Zip => "zip",
            Origin::Rollback => "rollback",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VersionRow {
    pub id: i64,
    pub course_id: String,
    pub number: i64,
    pub folder: String,
    pub origin: String,
    pub version_hash: String,
    pub published_by: Option<String>,
    pub published_at: i64,
    pub note: String,
}

/// One file of a draft: its new bytes, or `None` when the draft deletes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DraftFile {
    pub path: String,
    pub bytes: Option<Vec<u8>>,
    pub updated_at: i64,
}

/// A version to record and render: `tree` is `files` loaded and checked.
pub struct Publication<'a> {
    pub course_id: &'a str,
    pub folder: &'a str,
    pub origin: Origin,
    pub files: &'a Files,
    pub tree: &'a ContentTree,
    pub by: Option<i64>,
    pub note: &'a str,
    /// What `content/` holds now, when the version comes from it.
    pub disk: Option<&'a Files>,
    /// The number of the latest version the files were made from (0: none); a publication
    /// over a version published meanwhile is refused, so nobody's work is silently replaced.
    pub based_on: i64,
    pub now: i64,
}

pub fn blob_hash(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

const VERSION_COLUMNS: &str = "v.id, v.course_id, v.number, v.folder, v.origin, v.version_hash,
    u.display_name AS published_by, v.published_at, v.note";

impl Store {
    /// A course's versions, newest first.
    pub async fn course_versions(&self, course_id: &str) -> Result<Vec<VersionRow>, ServerError> {
        let sql = format!(
            "SELECT {VERSION_COLUMNS} FROM course_versions v LEFT JOIN users u ON u.id = v.published_by
             WHERE v.course_id = $1 ORDER BY v.number DESC"
        );
        let rows = sqlx::query(&sql)
            .bind(course_id)
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(version_row).collect()
    }

    pub async fn numbered_version(
        &self,
        course_id: &str,
        number: i64,
    ) -> Result<Option<VersionRow>, ServerError> {
        let sql = format!(
            "SELECT {VERSION_COLUMNS} FROM course_versions v LEFT JOIN users u ON u.id = v.published_by
             WHERE v.course_id = $1 AND v.number = $2"
        );
        let row = sqlx::query(&sql)
            .bind(course_id)
            .bind(number)
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(version_row).transpose()
    }

    /// The files of a version.
    pub async fn version_files(&self, version_id: i64) -> Result<Files, ServerError> {
        let rows = sqlx::query(
            "SELECT f.path, b.bytes FROM course_version_files f
             JOIN content_blobs b ON b.hash = f.hash WHERE f.version_id = $1",
        )
        .bind(version_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("path")?, r.try_get("bytes")?)))
            .collect()
    }

    /// The hashes of the files `content/` held for a course at its last import.
    pub async fn disk_files(&self, course_id: &str) -> Result<Files, ServerError> {
        let rows = sqlx::query(
            "SELECT d.path, b.bytes FROM course_disk_files d
             JOIN content_blobs b ON b.hash = d.hash WHERE d.course_id = $1",
        )
        .bind(course_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("path")?, r.try_get("bytes")?)))
            .collect()
    }

    /// The bytes of a picture by hash: a file in an `img/` folder of a version or a draft (a
    /// lesson's source, kept in the same store, is never served as a picture).
    pub async fn picture(&self, hash: &str) -> Result<Option<Vec<u8>>, ServerError> {
        let row = sqlx::query(
            "SELECT b.bytes FROM content_blobs b WHERE b.hash = $1 AND (
               EXISTS (SELECT 1 FROM course_version_files f WHERE f.hash = b.hash AND f.path LIKE '%img/%')
               OR EXISTS (SELECT 1 FROM course_drafts d WHERE d.hash = b.hash AND d.path LIKE '%img/%'))",
        )
        .bind(hash)
        .fetch_optional(self.pool())
        .await?;
        Ok(row.map(|r| r.try_get("bytes")).transpose()?)
    }

    /// A course's unpublished changes, by path.
    pub async fn draft_files(&self, course_id: &str) -> Result<Vec<DraftFile>, ServerError> {
        let rows = sqlx::query(
            "SELECT d.path, b.bytes, d.updated_at FROM course_drafts d
             LEFT JOIN content_blobs b ON b.hash = d.hash WHERE d.course_id = $1 ORDER BY d.path",
        )
        .bind(course_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(DraftFile {
                    path: r.try_get("path")?,
                    bytes: r.try_get("bytes")?,
                    updated_at: r.try_get("updated_at")?,
                })
            })
            .collect()
    }

    /// Puts one file into a course's draft (`None`: the draft deletes it).
    pub async fn save_draft_file(
        &self,
        course_id: &str,
        path: &str,
        bytes: Option<&[u8]>,
        by: i64,
        now: i64,
    ) -> Result<(), ServerError> {
        self.save_draft_files(course_id, &[(path, bytes)], by, now)
            .await
    }

    /// Puts files into a course's draft together, in one transaction: all or none.
    pub async fn save_draft_files(
        &self,
        course_id: &str,
        files: &[(&str, Option<&[u8]>)],
        by: i64,
        now: i64,
    ) -> Result<(), ServerError> {
        let mut tx = self.pool().begin().await?;
        for (path, bytes) in files {
            let hash = match bytes {
                Some(bytes) => Some(put_blob(&mut tx, bytes).await?),
                None => None,
            };
            sqlx::query(
                "INSERT INTO course_drafts (course_id, path, hash, updated_by, updated_at)
                 VALUES ($1, $2, $3, $4, $5)
                 ON CONFLICT (course_id, path) DO UPDATE SET hash = excluded.hash,
                   updated_by = excluded.updated_by, updated_at = excluded.updated_at",
            )
            .bind(course_id)
            .bind(path)
            .bind(hash)
            .bind(by)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Throws a course's draft away.
    pub async fn discard_draft(&self, course_id: &str) -> Result<(), ServerError> {
        sqlx::query("DELETE FROM course_drafts WHERE course_id = $1")
            .bind(course_id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Records a version and renders it into the course tables, in one transaction; a browser
    /// publication also empties the draft. Returns the version's number and what changed.
    pub async fn publish_version(
        &self,
        p: Publication<'_>,
    ) -> Result<(i64, ImportReport), ServerError> {
        let mut tx = self.pool().begin().await?;
        super::content::take_import_lock(&mut tx).await?;
        let number: i64 = sqlx::query(
            "SELECT CAST(COALESCE(MAX(number), 0) + 1 AS BIGINT) FROM course_versions WHERE course_id = $1",
        )
        .bind(p.course_id)
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
        if number != p.based_on + 1 {
            return Err(AppError::Invalid(Problem::Authoring(
                AuthoringProblem::PublishedMeanwhile,
            ))
            .into());
        }
        let version_hash = p.tree.courses.first().map(|c| c.version_hash.clone());
        let version_id: i64 = sqlx::query(
            "INSERT INTO course_versions (course_id, number, folder, origin, version_hash, published_by, published_at, note)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(p.course_id).bind(number).bind(p.folder).bind(p.origin.code())
        .bind(version_hash.unwrap_or_default()).bind(p.by).bind(p.now).bind(p.note)
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
        for (path, bytes) in p.files {
            let hash = put_blob(&mut tx, bytes).await?;
            sqlx::query(
                "INSERT INTO course_version_files (version_id, path, hash) VALUES ($1, $2, $3)",
            )
            .bind(version_id)
            .bind(path)
            .bind(hash)
            .execute(&mut *tx)
            .await?;
        }
        if p.origin != Origin::Files {
            sqlx::query("DELETE FROM course_drafts WHERE course_id = $1")
                .bind(p.course_id)
                .execute(&mut *tx)
                .await?;
        }
        if let Some(disk) = p.disk {
            remember_disk(&mut tx, p.course_id, disk).await?;
        }
        let report = super::content::import_tree(&mut tx, p.tree).await?;
        tx.commit().await?;
        self.rules.forget_all();
        Ok((number, report))
    }

    /// Notes what `content/` holds for a course when it brings no new version.
    pub async fn remember_disk_files(
        &self,
        course_id: &str,
        disk: &Files,
    ) -> Result<(), ServerError> {
        let mut tx = self.pool().begin().await?;
        remember_disk(&mut tx, course_id, disk).await?;
        tx.commit().await?;
        Ok(())
    }
}

/// Stores bytes once under their hash; returns the hash.
async fn put_blob(tx: &mut Transaction<'_, Any>, bytes: &[u8]) -> Result<String, ServerError> {
    let hash = blob_hash(bytes);
    sqlx::query(
        "INSERT INTO content_blobs (hash, bytes) VALUES ($1, $2) ON CONFLICT (hash) DO NOTHING",
    )
    .bind(&hash)
    .bind(bytes.to_vec())
    .execute(&mut **tx)
    .await?;
    Ok(hash)
}

async fn remember_disk(
    tx: &mut Transaction<'_, Any>,
    course_id: &str,
    disk: &Files,
) -> Result<(), ServerError> {
    sqlx::query("DELETE FROM course_disk_files WHERE course_id = $1")
        .bind(course_id)
        .execute(&mut **tx)
        .await?;
    for (path, bytes) in disk {
        let hash = put_blob(tx, bytes).await?;
        sqlx::query("INSERT INTO course_disk_files (course_id, path, hash) VALUES ($1, $2, $3)")
            .bind(course_id)
            .bind(path)
            .bind(hash)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

fn version_row(r: &AnyRow) -> Result<VersionRow, ServerError> {
    Ok(VersionRow {
        id: r.try_get("id")?,
        course_id: r.try_get("course_id")?,
        number: r.try_get("number")?,
        folder: r.try_get("folder")?,
        origin: r.try_get("origin")?,
        version_hash: r.try_get("version_hash")?,
        published_by: r.try_get("published_by")?,
        published_at: r.try_get("published_at")?,
        note: r.try_get("note")?,
    })
}
