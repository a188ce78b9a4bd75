//! The pages, one module per route (staff pages under `staff`).

pub mod account;
pub mod catalogue;
pub mod course;
pub mod lesson;
pub mod module_test;
pub mod sign_in;
pub mod staff;
