//! The contract between this crate's thin server functions (and the server's form routes) and the
//! services of the `server` crate, which depends on this one, so the dependency is inverted
//! through these traits: one per area, the same areas as the services, pages and forms. Every
//! method takes the acting user first: services decide what that user may do.

mod accounts;
mod authoring;
mod identity;
mod learning;
mod people;
mod reports;

use std::sync::Arc;

pub use accounts::{AccountsApi, SessionToken, SignInRefused};
pub use authoring::AuthoringApi;
pub use identity::{Actor, User};
pub use learning::LearningApi;
pub use people::PeopleApi;
pub use reports::{ExportFile, ExportFormat, ReportsApi};

use crate::error::AppError;

/// Everything the server offers, area by area. Implemented by `server::services::Services`.
pub trait Backend:
    LearningApi + PeopleApi + AccountsApi + ReportsApi + AuthoringApi + Send + Sync + 'static
{
}

impl<T> Backend for T where
    T: LearningApi + PeopleApi + AccountsApi + ReportsApi + AuthoringApi + Send + Sync + 'static
{
}

/// The backend as the server provides it to Leptos' context and to its form routes.
pub type SharedBackend = Arc<dyn Backend>;

/// The backend and the acting user of the current request (put there by the server's session
/// middleware; a request without one is anonymous).
pub fn request_scope() -> Result<(SharedBackend, Actor), AppError> {
    use leptos::prelude::use_context;
    let backend = use_context::<SharedBackend>().ok_or(AppError::Internal)?;
    let actor = use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<Actor>().cloned())
        .unwrap_or_default();
    Ok((backend, actor))
}
