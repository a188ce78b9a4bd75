//! Who is making a request, as the server's session middleware resolved it.

use crate::codes::Role;

/// A signed-in person, as the session says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    pub display_name: String,
    pub role: Role,
    pub region_id: Option<i64>,
    pub must_change_password: bool,
    /// The session this request came with (its stored id), so changing one's own password can
    /// keep it while ending the others.
    pub session_id: String,
    /// Where this request came from, for the audit log.
    pub address: String,
}

/// Who is making a request: resolved from the session cookie by the server for every request.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Actor {
    #[default]
    Anonymous,
    User(User),
}

impl Actor {
    /// The signed-in user's id, for logs.
    pub fn user_id(&self) -> Option<i64> {
        match self {
            Actor::User(user) => Some(user.id),
            Actor::Anonymous => None,
        }
    }
}
