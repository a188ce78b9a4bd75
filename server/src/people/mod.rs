//! People in the service system: households and their members. Only the identity-number rules
//! live here so far; households, members and their import follow (issue: people and permissions).

pub mod id_number;
