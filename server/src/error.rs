//! The server's one error type. Internals (SQL errors, I/O) are logged here and reach a
//! browser only as `AppError::Internal`, never as text.

use app::error::AppError;

use crate::content::ContentError;

#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error("configuration: {0}")]
    Config(String),
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("database migration: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("{} problem(s) in the course content", .0.len())]
    Content(Vec<ContentError>),
    #[error("i/o: {0}")]
    Io(#[from] std::io::Error),
    #[error("internal: {0}")]
    Internal(String),
    /// An error meant for the user, passed through unchanged.
    #[error("{0}")]
    App(AppError),
}

impl From<AppError> for ServerError {
    fn from(error: AppError) -> Self {
        ServerError::App(error)
    }
}

impl From<ServerError> for AppError {
    fn from(error: ServerError) -> Self {
        match error {
            ServerError::App(app) => app,
            internal => {
                tracing::error!(error = %internal, "request failed");
                AppError::Internal
            }
        }
    }
}
