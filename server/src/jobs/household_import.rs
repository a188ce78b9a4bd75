//! The household import job: reads the uploaded CSV in full (every bad row listed with its line
//! and reason), resolves villages within the office's region and seals identity numbers, then —
//! unless it is a dry run or has errors — saves everything in one transaction, so a file is
//! imported completely or not at all. Its state and progress live in the import's row.

use std::collections::{HashMap, HashSet};

use app::backend::User;
use app::codes::{AuditAction, ImportState, RegionLevel};
use serde::{Deserialize, Serialize};

use crate::error::ServerError;
use crate::keys::DataKey;
use crate::people::csv_format::{self, Encoding, ErrorList, RowError, RowProblem};
use crate::people::record::HouseholdRecord;
use crate::services::people::imports::{StoredErrors, StoredProblem};
use crate::services::{authz, Services};
use crate::store::jobs::JobRow;
use crate::store::people::households::{insert_household, NewHousehold, NewMember};
use crate::store::people::imports::{finish_import_in, ImportOutcome};
use crate::store::people::regions::RegionRow;
use crate::store::{now, Engine};

/// Progress is written this often (members saved) where other servers can see it.
const PROGRESS_EVERY: usize = 1000;

/// What the job needs besides the file: who asked, from where, and how to read it.
#[derive(Debug, Serialize, Deserialize)]
pub struct ImportOrder {
    pub office_id: i64,
    pub region_id: i64,
    pub encoding: String,
    pub dry_run: bool,
    /// The office's address when they uploaded, for the audit log.
    pub address: String,
}

pub async fn run(services: &Services, job: &JobRow) -> Result<(), ServerError> {
    let store = &services.store;
    let order: ImportOrder = serde_json::from_str(&job.payload)
        .map_err(|e| ServerError::Internal(format!("import job payload: {e}")))?;
    let Some(import) = store.import_of_job(job.id).await? else {
        return Err(ServerError::Internal(format!(
            "job {} has no import",
            job.id
        )));
    };
    if import.status.is_finished() {
        // An earlier attempt got to the end before its server stopped.
        return Ok(());
    }
    let bytes = store
        .job_file(job.id)
        .await?
        .ok_or_else(|| ServerError::Internal(format!("job {} has no file", job.id)))?;
    let encoding = Encoding::parse(&order.encoding)
        .ok_or_else(|| ServerError::Internal(format!("encoding `{}`", order.encoding)))?;
    let office = store
        .user(order.office_id)
        .await?
        .ok_or_else(|| ServerError::Internal(format!("office {} is gone", order.office_id)))?;
    let user = User {
        id: office.id,
        display_name: office.display_name,
        role: app::codes::Role::Office,
        region_id: Some(order.region_id),
        must_change_password: false,
        session_id: String::new(),
        address: order.address.clone(),
    };
    let job = Job {
        services,
        user: &user,
        region: order.region_id,
        id: import.id,
        file_name: import.file_name,
        dry_run: order.dry_run,
    };
    job.run(bytes, encoding).await
}

/// The job was given up (its last attempt failed or its server died): the import ends as failed.
pub async fn abandon(services: &Services, job: &JobRow) -> Result<(), ServerError> {
    if let Some(import) = services.store.import_of_job(job.id).await? {
        services
            .store
            .fail_unfinished_import(import.id, now())
            .await?;
    }
    Ok(())
}

struct Job<'a> {
    services: &'a Services,
    user: &'a User,
    region: i64,
    id: i64,
    file_name: String,
    dry_run: bool,
}

/// What checking against the database found besides the file's own problems.
struct Resolved {
    drafts: Vec<NewHousehold>,
    /// Rows refused because a household or person they name is held outside the region.
    held_elsewhere: usize,
}

impl Job<'_> {
    async fn run(&self, bytes: Vec<u8>, encoding: Encoding) -> Result<(), ServerError> {
        let parsed = tokio::task::spawn_blocking(move || csv_format::parse(&bytes, encoding))
            .await
            .map_err(|e| ServerError::Internal(format!("import parse task: {e}")))?;
        let rows = parsed.rows as i64;
        let store = &self.services.store;
        store
            .import_progress(self.id, ImportState::Checking, rows, rows)
            .await?;
        let mut errors = ErrorList::resume(parsed.errors, parsed.error_count);
        let villages = store.regions_within(Some(self.region)).await?;
        let resolved = self
            .resolve(&parsed.households, &villages, &mut errors)
            .await?;
        if errors.is_empty() && !self.dry_run {
            return self.save(&resolved.drafts, rows).await;
        }
        let status = if errors.is_empty() {
            ImportState::Checked
        } else {
            ImportState::Rejected
        };
        let households = resolved.drafts.len() as i64;
        let detail = format!(
            "{}: {rows} rows, {} problems, {} rows held outside the region",
            status.code(),
            errors.count(),
            resolved.held_elsewhere
        );
        self.finish(status, rows, households, errors).await?;
        self.audit(AuditAction::CheckedHouseholds, &detail).await
    }

    /// Turns records into rows to save: villages found within the office's region, identity
    /// numbers sealed, and numbers already in the database reported as errors — by name only
    /// when they are held within the office's own region, so a file cannot ask about others.
    async fn resolve(
        &self,
        households: &[HouseholdRecord],
        regions: &[RegionRow],
        errors: &mut ErrorList,
    ) -> Result<Resolved, ServerError> {
        let villages = VillageIndex::new(regions);
        let own: HashSet<i64> = regions.iter().map(|region| region.id).collect();
        let mut elsewhere = HashSet::new();
        // A row held elsewhere is refused once, however many of its numbers clash.
        let mut clash = |line: usize, village: i64, here: RowProblem| {
            if own.contains(&village) {
                Some(RowError::new(line, here))
            } else {
                elsewhere
                    .insert(line)
                    .then_some(RowError::new(line, RowProblem::HeldElsewhere))
            }
        };
        let store = &self.services.store;
        let keys = &self.services.data_key;
        let lookups: HashMap<String, usize> = households
            .iter()
            .flat_map(|h| &h.members)
            .filter_map(|m| {
                m.id_number
                    .as_ref()
                    .map(|id| (keys.lookup_hash(id.expose()), m.line))
            })
            .collect();
        let hashes: Vec<&str> = lookups.keys().map(String::as_str).collect();
        for (hash, village) in store.existing_id_lookups(&hashes).await? {
            if let Some(line) = lookups.get(&hash) {
                errors.extend(clash(*line, village, RowProblem::IdRegistered));
            }
        }
        let numbers: Vec<&str> = households.iter().map(|h| h.number.as_str()).collect();
        let taken: HashMap<String, i64> = store
            .existing_household_numbers(&numbers)
            .await?
            .into_iter()
            .collect();
        let mut drafts = Vec::with_capacity(households.len());
        for household in households {
            if let Some(village) = taken.get(&household.number) {
                let number = household.number.clone();
                let problem = RowProblem::NumberExists { number };
                errors.extend(clash(household.line, *village, problem));
                continue;
            }
            match villages.find(&household.village) {
                Ok(village_id) => drafts.push(draft(household, village_id, keys)?),
                Err(problem) => errors.push(RowError::new(household.line, problem)),
            }
        }
        let held_elsewhere = elsewhere.len();
        Ok(Resolved {
            drafts,
            held_elsewhere,
        })
    }

    async fn save(&self, drafts: &[NewHousehold], rows: i64) -> Result<(), ServerError> {
        let store = &self.services.store;
        store
            .import_progress(self.id, ImportState::Saving, rows, 0)
            .await?;
        // SQLite has one writer: while this transaction is open, progress written beside it
        // would wait for it. PostgreSQL lets progress land at once for any server to show.
        let live_progress = store.engine() == Engine::Postgres;
        let mut tx = store.pool().begin().await?;
        let (mut saved, at) = (0usize, now());
        for household in drafts {
            insert_household(&mut tx, household, at).await?;
            let before = saved;
            saved += household.members.len();
            if live_progress && saved / PROGRESS_EVERY != before / PROGRESS_EVERY {
                store
                    .import_progress(self.id, ImportState::Saving, rows, saved as i64)
                    .await?;
            }
        }
        let no_errors = serde_json::to_string(&StoredErrors::default())
            .map_err(|e| ServerError::Internal(e.to_string()))?;
        let outcome = ImportOutcome {
            id: self.id,
            status: ImportState::Done,
            rows_total: rows,
            households: drafts.len() as i64,
            errors_json: &no_errors,
        };
        finish_import_in(&mut tx, outcome, now()).await?;
        tx.commit().await?;
        let detail = format!("{} households, {rows} members", drafts.len());
        self.audit(AuditAction::ImportedHouseholds, &detail).await
    }

    /// Every import is audited, dry runs and refused files included: who, which file, and what
    /// it found (how many rows named records held outside the office's region).
    async fn audit(&self, action: AuditAction, detail: &str) -> Result<(), ServerError> {
        let store = &self.services.store;
        let target = &self.file_name;
        authz::audit(store, self.user, action, target, Some(self.region), detail).await
    }

    /// Records the end of an import that saved nothing.
    async fn finish(
        &self,
        status: ImportState,
        rows: i64,
        households: i64,
        errors: ErrorList,
    ) -> Result<(), ServerError> {
        let count = errors.count();
        let kept = StoredErrors {
            count,
            errors: errors
                .into_sorted()
                .into_iter()
                .map(|e| (e.line, StoredProblem::Typed(e.problem)))
                .collect(),
        };
        let json =
            serde_json::to_string(&kept).map_err(|e| ServerError::Internal(e.to_string()))?;
        let outcome = ImportOutcome {
            id: self.id,
            status,
            rows_total: rows,
            households,
            errors_json: &json,
        };
        self.services.store.finish_import(outcome, now()).await
    }
}

/// Villages an office may import into, by administrative code and by (unique) name.
struct VillageIndex<'a> {
    by_code: HashMap<&'a str, i64>,
    by_name: HashMap<&'a str, Vec<i64>>,
}

impl<'a> VillageIndex<'a> {
    fn new(regions: &'a [RegionRow]) -> Self {
        let mut index = VillageIndex {
            by_code: HashMap::new(),
            by_name: HashMap::new(),
        };
        for village in regions.iter().filter(|r| r.level == RegionLevel::Village) {
            if let Some(code) = &village.code {
                index.by_code.insert(code, village.id);
            }
            index
                .by_name
                .entry(&village.name)
                .or_default()
                .push(village.id);
        }
        index
    }

    fn find(&self, text: &str) -> Result<i64, RowProblem> {
        let text = text.trim();
        if let Some(id) = self.by_code.get(text) {
            return Ok(*id);
        }
        match self.by_name.get(text).map(Vec::as_slice) {
            Some([id]) => Ok(*id),
            Some(_) => Err(RowProblem::VillageAmbiguous {
                text: text.to_string(),
            }),
            None => Err(RowProblem::VillageUnknown {
                text: text.to_string(),
            }),
        }
    }
}

fn draft(
    household: &HouseholdRecord,
    village_id: i64,
    keys: &DataKey,
) -> Result<NewHousehold, ServerError> {
    let mut members = Vec::with_capacity(household.members.len());
    for m in &household.members {
        let id_number = match &m.id_number {
            Some(id) => Some((
                keys.encrypt(id.expose())?,
                keys.lookup_hash(id.expose()),
                id.masked(),
            )),
            None => None,
        };
        members.push(NewMember {
            name: m.name.clone(),
            gender: m.gender.code(),
            birth_year: m.birth_year.map(i64::from),
            relation: m.relation.code(),
            id_number,
            phone: m.phone.clone(),
            education: m.education.clone(),
            skills: m.skills.clone(),
            target_group: m.target_group.code(),
        });
    }
    Ok(NewHousehold {
        number: household.number.clone(),
        village_id,
        poverty_type: household.poverty.map(|(t, _)| t.code()),
        poverty_cause: household.poverty.map(|(_, c)| c.code()),
        members,
    })
}
