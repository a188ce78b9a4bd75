//! The no-JavaScript surface: plain form posts (and the few file transfers), one file per area.
//! Each handler reads its form, calls the same backend method a server function would, and
//! answers with a redirect — or, through `FormError`, goes back to the form with a message.

pub mod accounts;
pub mod authoring;
pub mod classes;
pub mod learning;
pub mod people;
pub mod reports;
