//! People in the service system: households and their members, identity numbers, and the CSV
//! files offices exchange them in.

pub mod csv_format;
pub mod id_number;
pub mod record;
