//! Learning pages: the catalogue, a course, a lesson and a module test (hydrated: quiz checking in
//! place, large text, read-aloud), and the learner's home, certificates, the offline page and the
//! offline certificate check (server-only).

pub mod catalogue;
#[cfg(feature = "ssr")]
pub mod certificates;
pub mod course;
pub mod lesson;
pub mod module_test;
#[cfg(feature = "ssr")]
pub mod offline;
#[cfg(feature = "ssr")]
pub mod offline_check;
