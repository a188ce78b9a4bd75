//! What accounts look like to the pages: staff lists, one-time password sheets, the audit log,
//! and what the sign-in, registration, password and account forms send.

use serde::{Deserialize, Serialize};

use crate::codes::{AuditAction, Role};

/// A staff account as admins see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffItem {
    pub id: i64,
    pub login: String,
    pub name: String,
    pub role: Role,
    pub region: Option<String>,
    pub disabled: bool,
}

/// One line of a printable sheet of new one-time passwords.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetLine {
    pub name: String,
    pub login: String,
    pub password: String,
    /// No account was made: this person already has one.
    pub already_has_account: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordSheet {
    pub id: String,
    pub lines: Vec<SheetLine>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditItem {
    pub id: i64,
    pub at: i64,
    pub actor: Option<String>,
    pub action: AuditAction,
    pub target: String,
    pub region: Option<String>,
    pub detail: String,
    pub address: String,
}

/// One page of the audit log, newest first; `next` is where the following page starts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditItem>,
    pub next: Option<i64>,
}

/// The sign-in form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignIn {
    #[serde(default)]
    pub login: String,
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub next: Option<String>,
    /// The "shared computer" box: present (any value) when ticked.
    #[serde(default)]
    pub shared: Option<String>,
}

impl SignIn {
    /// Whether the session is for a shared computer: shorter, and gone with the browser.
    pub fn on_shared_computer(&self) -> bool {
        self.shared.is_some()
    }
}

/// A learner registering with a class join code.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Registration {
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub password: String,
}

/// Changing one's own password.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordChange {
    #[serde(default)]
    pub current: String,
    #[serde(default)]
    pub new: String,
    #[serde(default)]
    pub confirm: String,
}

/// An account to create: a staff account from the admin's form, or any from the command line.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewAccount {
    #[serde(default)]
    pub login: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub role: String,
    #[serde(default, deserialize_with = "super::forms::optional_id")]
    pub region_id: Option<i64>,
    #[serde(default)]
    pub password: String,
}

/// Learner accounts for the members of some households (and, for a trainer, into a class).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkAccounts {
    #[serde(default)]
    pub households: String,
    #[serde(default, deserialize_with = "super::forms::optional_id")]
    pub class_id: Option<i64>,
}
