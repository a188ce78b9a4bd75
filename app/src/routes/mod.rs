//! The learner's pages, one module per route.

pub mod catalogue;
pub mod course;
pub mod lesson;
pub mod module_test;
pub mod sign_in;
