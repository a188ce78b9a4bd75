//! Learning pages: the catalogue, a course, a lesson and a module test (with islands: quiz
//! checking in place, large text, read-aloud), and the learner's home, certificates, the offline
//! page, the offline certificate check and the home-screen guide (server-only).

pub mod catalogue;
#[cfg(feature = "ssr")]
pub mod certificates;
pub mod course;
#[cfg(feature = "ssr")]
pub mod install;
pub mod lesson;
pub mod module_test;
#[cfg(feature = "ssr")]
pub mod offline;
#[cfg(feature = "ssr")]
pub mod offline_check;
