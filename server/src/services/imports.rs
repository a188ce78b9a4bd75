//! Household CSV imports for offices: the file is checked in full (every bad row listed with
//! its line and reason), then — unless it is a dry run or has errors — saved in one transaction,
//! so a file is imported completely or not at all. Work runs in the background; the import's page
//! polls its progress.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

use app::backend::{Actor, Role, User};
use app::error::AppError;
use app::model::ImportStatus;

use super::authz;
use crate::error::ServerError;
use crate::keys::DataKey;
use crate::people::csv_format::{self, Encoding, RowError};
use crate::people::record::HouseholdRecord;
use crate::store::households::{insert_household, NewHousehold, NewMember};
use crate::store::imports::{finish_import_in, ImportOutcome};
use crate::store::regions::RegionRow;
use crate::store::{now, Store};

/// Largest file accepted (about 300,000 member rows).
pub const MAX_FILE_BYTES: usize = 30 * 1024 * 1024;
/// Bad rows kept for the page; the count of all of them is kept too.
const ERRORS_KEPT: usize = 500;
const PROGRESS_EVERY: usize = 1000;

/// Rows saved so far by imports running in this process. SQLite allows no other writer while
/// the import's transaction is open, so progress while saving is kept in memory.
#[derive(Clone, Debug, Default)]
pub struct Progress(Arc<Mutex<HashMap<i64, i64>>>);

impl Progress {
    fn set(&self, id: i64, rows: i64) {
        if let Ok(mut map) = self.0.lock() {
            map.insert(id, rows);
        }
    }

    fn get(&self, id: i64) -> Option<i64> {
        self.0.lock().ok().and_then(|map| map.get(&id).copied())
    }

    fn clear(&self, id: i64) {
        if let Ok(mut map) = self.0.lock() {
            map.remove(&id);
        }
    }
}

/// What the import needs besides the file.
#[derive(Clone)]
pub struct ImportContext {
    pub store: Store,
    pub keys: DataKey,
    pub progress: Progress,
}

/// Whether the actor may import households at all (checked before the upload is read).
pub async fn authorize(store: &Store, actor: &Actor) -> Result<(), ServerError> {
    let user = authz::require(store, actor, &[Role::Office], "households.import").await?;
    authz::home_region(store, user, "households.import").await?;
    Ok(())
}

/// Accepts a file and starts checking it; returns the import's id for its progress page.
pub async fn start(
    context: &ImportContext,
    actor: &Actor,
    file_name: &str,
    bytes: Vec<u8>,
    encoding: Encoding,
    dry_run: bool,
) -> Result<i64, ServerError> {
    let store = &context.store;
    let user = authz::require(store, actor, &[Role::Office], "households.import").await?;
    let region = authz::home_region(store, user, "households.import").await?;
    if bytes.is_empty() {
        return Err(AppError::Invalid("文件是空的，请选择导出的 CSV 文件".into()).into());
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(AppError::Invalid("文件超过 30MB，请分成几个文件导入".into()).into());
    }
    let name: String = file_name.chars().take(120).collect();
    let id = store.create_import(user.id, &name, dry_run, now()).await?;
    let (context, user) = (context.clone(), user.clone());
    tokio::spawn(async move {
        let job = Job {
            context: &context,
            user: &user,
            region,
            id,
            dry_run,
        };
        if let Err(error) = job.run(bytes, encoding).await {
            tracing::error!(%error, import = id, "household import failed");
            job.finish("failed", 0, 0, &[], 0).await;
        }
        context.progress.clear(id);
    });
    Ok(id)
}

/// An import's state, for the office that started it.
pub async fn status(
    context: &ImportContext,
    actor: &Actor,
    id: i64,
) -> Result<ImportStatus, ServerError> {
    let store = &context.store;
    let user = authz::require(store, actor, &[Role::Office], "households.import").await?;
    let row = store
        .import_of(id, user.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let saved: StoredErrors = serde_json::from_str(&row.errors).unwrap_or_default();
    let rows_done = context.progress.get(id).unwrap_or(0).max(row.rows_done);
    Ok(ImportStatus {
        id: row.id,
        file_name: row.file_name,
        dry_run: row.dry_run,
        status: row.status,
        rows_total: row.rows_total,
        rows_done,
        households: row.households,
        errors: saved.errors,
        error_count: saved.count,
    })
}

#[derive(Default, serde::Serialize, serde::Deserialize)]
struct StoredErrors {
    count: usize,
    errors: Vec<(usize, String)>,
}

struct Job<'a> {
    context: &'a ImportContext,
    user: &'a User,
    region: i64,
    id: i64,
    dry_run: bool,
}

impl Job<'_> {
    async fn run(&self, bytes: Vec<u8>, encoding: Encoding) -> Result<(), ServerError> {
        let parsed = tokio::task::spawn_blocking(move || csv_format::parse(&bytes, encoding))
            .await
            .map_err(|e| ServerError::Internal(format!("import parse task: {e}")))?;
        let rows = parsed.rows as i64;
        let store = &self.context.store;
        store
            .import_progress(self.id, "checking", rows, rows)
            .await?;
        let mut errors = parsed.errors;
        let villages = store.regions_within(Some(self.region)).await?;
        let drafts = self
            .resolve(&parsed.households, &villages, &mut errors)
            .await?;
        if !errors.is_empty() || self.dry_run {
            errors.sort_by_key(|e| e.line);
            let status = if errors.is_empty() {
                "checked"
            } else {
                "rejected"
            };
            self.finish(status, rows, drafts.len() as i64, &errors, errors.len())
                .await;
            return Ok(());
        }
        self.save(&drafts, rows).await
    }

    /// Turns records into rows to save: villages found within the office's region, identity
    /// numbers sealed, and numbers already in the database reported as errors.
    async fn resolve(
        &self,
        households: &[HouseholdRecord],
        regions: &[RegionRow],
        errors: &mut Vec<RowError>,
    ) -> Result<Vec<NewHousehold>, ServerError> {
        let villages = VillageIndex::new(regions);
        let store = &self.context.store;
        let numbers: Vec<&str> = households.iter().map(|h| h.number.as_str()).collect();
        let taken: HashSet<String> = store
            .existing_household_numbers(&numbers)
            .await?
            .into_iter()
            .collect();
        let keys = &self.context.keys;
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
        for hash in store.existing_id_lookups(&hashes).await? {
            if let Some(line) = lookups.get(&hash) {
                errors.push(error(*line, "这个身份证号已经登记在别的户里，请核对"));
            }
        }
        let mut drafts = Vec::with_capacity(households.len());
        for household in households {
            if taken.contains(&household.number) {
                errors.push(error(
                    household.line,
                    &format!("户编号“{}”已经存在，不能重复导入", household.number),
                ));
                continue;
            }
            match villages.find(&household.village) {
                Ok(village_id) => drafts.push(draft(household, village_id, keys)?),
                Err(message) => errors.push(error(household.line, &message)),
            }
        }
        Ok(drafts)
    }

    async fn save(&self, drafts: &[NewHousehold], rows: i64) -> Result<(), ServerError> {
        let store = &self.context.store;
        store.import_progress(self.id, "saving", rows, 0).await?;
        let mut tx = store.pool().begin().await?;
        let (mut saved, at) = (0usize, now());
        for household in drafts {
            insert_household(&mut tx, household, at).await?;
            let before = saved;
            saved += household.members.len();
            if saved / PROGRESS_EVERY != before / PROGRESS_EVERY {
                self.context.progress.set(self.id, saved as i64);
            }
        }
        let outcome = ImportOutcome {
            id: self.id,
            status: "done",
            rows_total: rows,
            households: drafts.len() as i64,
            errors_json: "{\"count\":0,\"errors\":[]}",
        };
        finish_import_in(&mut tx, outcome, now()).await?;
        tx.commit().await?;
        let detail = format!("{} households, {rows} members", drafts.len());
        authz::audit(
            store,
            self.user,
            "imported_households",
            "households.csv",
            Some(self.region),
            &detail,
        )
        .await
    }

    /// Records the end of an import that saved nothing; failures here are only logged.
    async fn finish(
        &self,
        status: &str,
        rows: i64,
        households: i64,
        errors: &[RowError],
        count: usize,
    ) {
        let kept = StoredErrors {
            count,
            errors: errors
                .iter()
                .take(ERRORS_KEPT)
                .map(|e| (e.line, e.message.clone()))
                .collect(),
        };
        let json = serde_json::to_string(&kept).unwrap_or_else(|_| "{}".into());
        let outcome = ImportOutcome {
            id: self.id,
            status,
            rows_total: rows,
            households,
            errors_json: &json,
        };
        if let Err(error) = self.context.store.finish_import(outcome, now()).await {
            tracing::error!(%error, import = self.id, "could not record the end of an import");
        }
    }
}

fn error(line: usize, message: &str) -> RowError {
    RowError {
        line,
        message: message.to_string(),
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
        for village in regions.iter().filter(|r| r.level == "village") {
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

    fn find(&self, text: &str) -> Result<i64, String> {
        let text = text.trim();
        if let Some(id) = self.by_code.get(text) {
            return Ok(*id);
        }
        match self.by_name.get(text).map(Vec::as_slice) {
            Some([id]) => Ok(*id),
            Some(_) => Err(format!(
                "村名“{text}”在本辖区有重名，请改填村的行政区划代码"
            )),
            None => Err(format!(
                "村“{text}”不在本辖区的村名单里，请填写本辖区的村名或行政区划代码"
            )),
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
