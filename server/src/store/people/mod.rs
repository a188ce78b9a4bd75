//! SQL of the people area: regions (and the `within` scope test every region-bound query uses),
//! households and members, household imports, and training classes with their attendance.

pub mod attendance;
pub mod classes;
pub mod households;
pub mod imports;
pub mod regions;
