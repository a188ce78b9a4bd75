//! SQL of the reports area: each learner's facts (kept current on write), the figures reports add
//! up from them, outcome records, follow-up calls and the learner list.

pub mod cube;
pub mod facts;
pub mod figures;
pub mod follow_ups;
pub mod learners;
pub mod outcomes;
pub mod rollup;
