//! The one error type the browser sees. It says what went wrong in terms a page can show and
//! never carries internals: the server logs those before it converts.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

use crate::i18n::problems::Problem;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    /// The request needs a signed-in person and nobody is signed in.
    #[error("sign-in required")]
    SignInRequired,
    #[error("forbidden")]
    Forbidden,
    /// Bad input: what is wrong, shown to the user in their language.
    #[error("invalid input: {0:?}")]
    Invalid(Problem),
    /// Something failed on the server; details are only in the server log.
    #[error("internal error")]
    Internal,
    /// The request never got an answer (network, decoding).
    #[error("transport: {0}")]
    Transport(String),
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => {
                AppError::Invalid(Problem::FormIncomplete)
            }
            other => AppError::Transport(other.to_string()),
        }
    }
}

impl From<Problem> for AppError {
    fn from(problem: Problem) -> Self {
        AppError::Invalid(problem)
    }
}
