//! Household CSV imports for offices: accepting a file (the work is a job, see
//! `jobs::household_import`, run by whichever server claims it) and the import's state as its
//! progress page shows it, read from the database so every server answers the same.

use app::backend::Actor;
use app::codes::Role;
use app::error::AppError;
use app::i18n::problems::Problem;
use app::model::{ImportStatus, Upload};

use crate::error::ServerError;
use crate::jobs::household_import::ImportOrder;
use crate::jobs::JobKind;
use crate::people::csv_format::{Encoding, RowProblem};
use crate::services::{authz, Services};
use crate::store::jobs::NewJob;
use crate::store::people::imports::NewImport;
use crate::store::{now, Store};

/// Largest file accepted (about 300,000 member rows).
pub const MAX_FILE_BYTES: usize = 30 * 1024 * 1024;
/// Files one office may send in an hour, dry runs included: enough for a day of corrections,
/// too few to probe the register row by row.
pub const IMPORTS_PER_HOUR: i64 = 20;
/// Attempts before an import's job is given up (a server dying mid-import counts as one).
const IMPORT_ATTEMPTS: i64 = 3;

/// Whether the actor may import households at all (checked before the upload is read).
pub async fn authorize(store: &Store, actor: &Actor) -> Result<(), ServerError> {
    let user = authz::require(store, actor, &[Role::Office], "households.import").await?;
    authz::home_region(store, user, "households.import").await?;
    Ok(())
}

/// Accepts a file and queues the job that checks (and, unless told not to, saves) it; returns
/// the import's id for its progress page.
pub async fn start(services: &Services, actor: &Actor, upload: Upload) -> Result<i64, ServerError> {
    let store = &services.store;
    let user = authz::require(store, actor, &[Role::Office], "households.import").await?;
    let region = authz::home_region(store, user, "households.import").await?;
    if Encoding::parse(&upload.encoding).is_none() {
        return Err(AppError::from(Problem::ChooseEncoding).into());
    }
    if upload.bytes.is_empty() {
        return Err(AppError::from(Problem::EmptyFile).into());
    }
    if upload.bytes.len() > MAX_FILE_BYTES {
        let problem = Problem::FileTooLarge {
            max_mb: MAX_FILE_BYTES / (1024 * 1024),
        };
        return Err(AppError::from(problem).into());
    }
    check_office_pace(store, user.id).await?;
    let order = ImportOrder {
        office_id: user.id,
        region_id: region,
        encoding: upload.encoding.clone(),
        dry_run: upload.dry_run,
        address: user.address.clone(),
    };
    let payload =
        serde_json::to_string(&order).map_err(|e| ServerError::Internal(e.to_string()))?;
    let name: String = upload.file_name.chars().take(120).collect();
    let new = NewImport {
        office_id: user.id,
        file_name: &name,
        dry_run: upload.dry_run,
        job: NewJob {
            kind: JobKind::HouseholdImport.code(),
            payload: &payload,
            file: Some(&upload.bytes),
            max_attempts: IMPORT_ATTEMPTS,
        },
    };
    let id = store.queue_import(new, now()).await?;
    services.jobs.wake();
    Ok(id)
}

/// One import at a time per office (each holds a file of up to 30 MB in the database until it
/// ends), and at most [`IMPORTS_PER_HOUR`] started in the last hour.
async fn check_office_pace(store: &Store, office: i64) -> Result<(), ServerError> {
    let pace = store.office_import_pace(office, now() - 3600).await?;
    if pace.running > 0 {
        return Err(AppError::from(Problem::ImportRunning).into());
    }
    if pace.last_hour >= IMPORTS_PER_HOUR {
        let per_hour = IMPORTS_PER_HOUR as usize;
        return Err(AppError::from(Problem::TooManyImports { per_hour }).into());
    }
    Ok(())
}

/// An import's state, for the office that started it: whichever server asks reads the same row.
pub async fn status(
    services: &Services,
    actor: &Actor,
    id: i64,
) -> Result<ImportStatus, ServerError> {
    let store = &services.store;
    let user = authz::require(store, actor, &[Role::Office], "households.import").await?;
    let row = store
        .import_of(id, user.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let saved: StoredErrors = if row.errors == "{}" {
        StoredErrors::default()
    } else {
        serde_json::from_str(&row.errors)
            .map_err(|e| ServerError::Internal(format!("stored import errors: {e}")))?
    };
    Ok(ImportStatus {
        id: row.id,
        file_name: row.file_name,
        dry_run: row.dry_run,
        status: row.status,
        rows_total: row.rows_total,
        rows_done: row.rows_done,
        households: row.households,
        errors: saved
            .errors
            .into_iter()
            .map(|(line, problem)| (line, problem.into()))
            .collect(),
        error_count: saved.count,
    })
}

/// The bad rows of a checked file as its row keeps them: how many, and the first ones.
#[derive(Default, serde::Serialize, serde::Deserialize)]
pub struct StoredErrors {
    pub count: usize,
    pub errors: Vec<(usize, StoredProblem)>,
}

/// A problem as stored: typed, or the text an earlier version wrote.
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(untagged)]
pub enum StoredProblem {
    Typed(RowProblem),
    Text(String),
}

impl From<StoredProblem> for RowProblem {
    fn from(stored: StoredProblem) -> RowProblem {
        match stored {
            StoredProblem::Typed(problem) => problem,
            StoredProblem::Text(text) => RowProblem::Stored(text),
        }
    }
}
