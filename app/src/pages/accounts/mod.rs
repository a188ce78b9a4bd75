//! Pages of the accounts area: sign-in, registration and password change (in the learner bundle),
//! and the server-only staff pages: the staff home, staff accounts, password sheets and the
//! audit log.

pub mod account;
#[cfg(feature = "ssr")]
pub mod audit;
#[cfg(feature = "ssr")]
pub mod sheets;
pub mod sign_in;
#[cfg(feature = "ssr")]
pub mod staff_home;
#[cfg(feature = "ssr")]
pub mod users;
