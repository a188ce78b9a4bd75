//! Business rules and authorization, one folder per area (`learning`, `people`, `accounts`,
//! `reports`: the same areas as the pages, the form routes and the store). Every call takes the
//! acting user and decides what that user may do before it reads anything. Pages (through server functions), form
//! routes and the sync surface all reach these the same way: through the area traits of
//! `app::backend`, which `Services` implements in each area's `mod.rs`.

pub mod accounts;
pub mod authoring;
pub mod authz;
pub mod learning;
pub mod people;
pub mod reports;
pub mod turns;

use crate::jobs::JobQueue;
use crate::keys::{CertificateKeys, DataKey};
use crate::services::accounts::passwords::Passwords;
use crate::store::Store;

/// What the services work with: the store, the keys and the job queue.
#[derive(Clone, Debug)]
pub struct Services {
    pub store: Store,
    pub passwords: Passwords,
    /// Seals personal data, makes look-up hashes and signs flash messages.
    pub data_key: DataKey,
    /// Signs certificates.
    pub signing_key: CertificateKeys,
    /// Background work (imports), run by every server's job runner.
    pub jobs: JobQueue,
    /// The site's address as learners reach it (for certificate QR codes).
    pub public_url: String,
}
