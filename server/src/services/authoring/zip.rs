//! A course as a zip in the `content/` format (one folder named like the course's, its files
//! inside), and a zip read back into a version. Reading is bounded before anything is
//! unpacked (entries, sizes, paths), so a hostile zip is refused, not unpacked.

use std::io::{Cursor, Read, Write};

use app::backend::{Actor, ExportFile};
use app::codes::AuditAction;
use app::error::AppError;
use app::i18n::authoring::AuthoringProblem;
use app::i18n::problems::Problem;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

use super::access::editor;
use super::publish::{checked, record, working, Release};
use crate::content::folder::plain_key;
use crate::error::ServerError;
use crate::store::learning::versions::{Files, Origin};
use crate::store::{now, Store};

const MAX_ENTRIES: usize = 2_000;
const MAX_FILE_BYTES: u64 = 5 * 1024 * 1024;
const MAX_TOTAL_BYTES: u64 = 60 * 1024 * 1024;

/// Files under `folder/` in a zip; the same files always give the same bytes.
pub fn write_zip(folder: &str, files: &Files) -> Result<Vec<u8>, ServerError> {
    let internal = |e: zip::result::ZipError| ServerError::Internal(e.to_string());
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    for (path, bytes) in files {
        zip.start_file(format!("{folder}/{path}"), options)
            .map_err(internal)?;
        zip.write_all(bytes)?;
    }
    Ok(zip.finish().map_err(internal)?.into_inner())
}

/// A zip's files under its one top folder: (folder, files). Refused: more than one top folder,
/// paths that are not plain (`..`, absolute, hidden), too many or too large files.
pub fn read_zip(bytes: &[u8]) -> Result<(String, Files), AppError> {
    let refused = || AppError::from(AuthoringProblem::ZipUnreadable);
    let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(|_| refused())?;
    if archive.len() > MAX_ENTRIES {
        return Err(AuthoringProblem::ZipTooLarge.into());
    }
    let (mut folder, mut files, mut total) = (None::<String>, Files::new(), 0_u64);
    for index in 0..archive.len() {
        let entry = archive.by_index(index).map_err(|_| refused())?;
        if entry.is_dir() {
            continue;
        }
        let name = entry.name().map_err(|_| refused())?.to_string();
        let key =
            plain_key(&name).ok_or_else(|| AuthoringProblem::ZipPath { path: name.clone() })?;
        let Some((top, path)) = key.split_once('/') else {
            return Err(AuthoringProblem::ZipPath { path: name }.into());
        };
        if folder.get_or_insert_with(|| top.to_string()) != top {
            return Err(AuthoringProblem::ZipPath { path: name }.into());
        }
        total += entry.size();
        if entry.size() > MAX_FILE_BYTES || total > MAX_TOTAL_BYTES {
            return Err(AuthoringProblem::ZipTooLarge.into());
        }
        // The declared size may lie: read at most one byte past it.
        let mut content = Vec::new();
        entry
            .take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut content)
            .map_err(|_| refused())?;
        if content.len() as u64 > MAX_FILE_BYTES {
            return Err(AuthoringProblem::ZipTooLarge.into());
        }
        files.insert(path.to_string(), content);
    }
    let folder = folder.ok_or_else(refused)?;
    Ok((folder, files))
}

/// The course's published version as a zip.
pub async fn export(
    store: &Store,
    actor: &Actor,
    course_id: &str,
) -> Result<ExportFile, ServerError> {
    editor(store, actor, course_id, "courses.export").await?;
    let work = working(store, course_id).await?;
    Ok(ExportFile {
        file_name: format!("{}-v{}.zip", work.latest.folder, work.latest.number),
        content_type: "application/zip",
        bytes: write_zip(&work.latest.folder, &work.published)?,
    })
}

/// A zip of the course (as `export` writes it, or `content/` zipped) published as its next
/// version, after the same checks as any publication; the draft must be empty. A zip that does
/// not pass the checks becomes the draft instead, so its problems are listed by line and can be
/// mended in the browser (nothing is lost: the draft was empty).
pub async fn import(
    store: &Store,
    actor: &Actor,
    course_id: &str,
    bytes: &[u8],
) -> Result<i64, ServerError> {
    let (user, _) = editor(store, actor, course_id, "courses.publish").await?;
    let (_, files) = read_zip(bytes)?;
    let mut work = working(store, course_id).await?;
    if work.has_draft {
        return Err(AppError::from(AuthoringProblem::DraftPending).into());
    }
    let tree = match checked(store, course_id, &work.latest.folder, &files).await {
        Err(ServerError::App(AppError::Invalid(Problem::Authoring(
            AuthoringProblem::ContentProblems { count },
        )))) => {
            keep_as_draft(store, user.id, course_id, &work.files, &files).await?;
            return Err(AppError::from(AuthoringProblem::ZipKeptAsDraft { count }).into());
        }
        checked => checked?,
    };
    work.files = files;
    let release = Release {
        origin: Origin::Zip,
        action: AuditAction::PublishedCourse,
        note: "zip",
    };
    record(store, user, &work, &tree, release).await
}

/// The zip's files as the course's draft: what differs from `latest`, and deletions of what the
/// zip does not hold, in one transaction.
async fn keep_as_draft(
    store: &Store,
    by: i64,
    course_id: &str,
    latest: &Files,
    zipped: &Files,
) -> Result<(), ServerError> {
    let changed = zipped
        .iter()
        .filter(|(path, bytes)| latest.get(*path) != Some(*bytes))
        .map(|(path, bytes)| (path.as_str(), Some(bytes.as_slice())));
    let removed = latest
        .keys()
        .filter(|path| !zipped.contains_key(*path))
        .map(|path| (path.as_str(), None));
    let draft: Vec<(&str, Option<&[u8]>)> = changed.chain(removed).collect();
    store.save_draft_files(course_id, &draft, by, now()).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one_file_zip(name: &str, bytes: &[u8]) -> Vec<u8> {
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        zip.start_file(name, SimpleFileOptions::default())
            .expect("start");
        zip.write_all(bytes).expect("write");
        zip.finish().expect("finish").into_inner()
    }

    #[test]
    fn writes_the_same_bytes_for_the_same_files_and_reads_them_back() {
        let files: Files = [
            ("course.md".to_string(), b"---\nid: c\n---\n".to_vec()),
            ("01-m/img/a.svg".to_string(), b"<svg/>".to_vec()),
        ]
        .into();
        let zip = write_zip("kecheng", &files).expect("zip");
        assert_eq!(zip, write_zip("kecheng", &files).expect("again"));
        assert_eq!(read_zip(&zip), Ok(("kecheng".to_string(), files)));
    }

    #[test]
    fn hostile_zips_are_refused_before_unpacking() {
        let slip = one_file_zip("../../etc/cron.d/x", b"x");
        assert!(matches!(read_zip(&slip), Err(AppError::Invalid(_))));
        let top = one_file_zip("course.md", b"x");
        assert!(read_zip(&top).is_err(), "a file outside any folder");
        assert!(read_zip(b"PK\x03\x04 not really").is_err());
        assert!(read_zip(b"").is_err());
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        for folder in ["a", "b"] {
            zip.start_file(format!("{folder}/x.md"), SimpleFileOptions::default())
                .expect("start");
        }
        let two = zip.finish().expect("finish").into_inner();
        assert!(read_zip(&two).is_err(), "two courses in one zip");
        // 6 MB of zeros compresses to a few KB: refused by its unpacked size.
        let bomb = one_file_zip("c/big.md", &vec![0; 6 * 1024 * 1024]);
        assert!(bomb.len() < 100_000);
        assert_eq!(read_zip(&bomb), Err(AuthoringProblem::ZipTooLarge.into()));
    }
}
