//! SQL of the learning area: course content, a learner's progress and quiz attempts, and
//! certificates.

pub mod certificates;
pub mod completions;
pub mod content;
pub mod draws;
pub mod editors;
pub mod progress;
pub mod rules;
pub mod versions;

pub use certificates::*;
pub use progress::*;
