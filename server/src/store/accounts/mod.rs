//! SQL of the accounts area: users, sessions and failed sign-ins, one-time password sheets and
//! the audit log.

pub mod audit;
pub mod sheets;
pub mod users;
