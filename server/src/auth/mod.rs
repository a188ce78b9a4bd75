//! Accounts and sign-in. Password hashing is here so far; sessions, throttling and the acting
//! user follow (issue: people and permissions).

pub mod password;
