//! Learning pages: the catalogue, a course, a lesson and a module test (hydrated: quiz checking in
//! place, large text, read-aloud), and the learner's home, certificates and the offline page
//! (server-only).

pub mod catalogue;
#[cfg(feature = "ssr")]
pub mod certificates;
pub mod course;
pub mod lesson;
pub mod module_test;
#[cfg(feature = "ssr")]
pub mod offline;
