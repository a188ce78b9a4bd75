//! Pages of the people area, all server-only: regions (admins), households, their imports and
//! identity-number views (offices), and training classes (trainers).

pub mod class_progress;
pub mod classes;
pub mod household;
pub mod households;
pub mod imports;
pub mod regions;
