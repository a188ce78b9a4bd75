//! Server functions: the public HTTP endpoints behind the pages, one file per area. Each one only
//! finds the acting user and hands over to the backend, whose services authorize and do the work.

pub mod accounts;
pub mod authoring;
pub mod learning;
pub mod people;
pub mod reports;

pub use accounts::*;
pub use authoring::*;
pub use learning::*;
pub use people::*;
pub use reports::*;
