//! Pages of the reports area, all server-only: the report (with its print page and charts),
//! the learner list and a learner's outcomes, and follow-up calls. The outcome forms are shared
//! with the learner's home.

pub mod charts;
pub mod follow_ups;
pub mod learners;
pub mod outcomes;
pub mod report;
