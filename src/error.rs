//! The one error type of the server functions: what the browser may learn about a failure.
//! Internals (database errors, panics) are logged on the server and never put in here.

use crate::domain::Value;
use crate::text;
use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

/// A field someone else changed meanwhile: its value now, and that value as the card shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConflictField {
    pub code: String,
    pub current: Option<Value>,
    pub shown: String,
}

/// A message for one field, shown beside it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub code: String,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "error", rename_all = "snake_case")]
pub enum AppError {
    #[error("not signed in")]
    Unauthenticated,
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    /// Values that do not fit their fields, or required fields left empty.
    #[error("invalid input")]
    Validation { message: String, fields: Vec<FieldError> },
    /// The item changed since the editor's version in the same fields.
    #[error("conflict")]
    Conflict { version: i64, fields: Vec<ConflictField> },
    #[error("bad request")]
    BadRequest { message: String },
    #[error("payload too large")]
    TooLarge,
    /// Too many failed sign-ins: try again after this many seconds.
    #[error("too many attempts")]
    TooManyAttempts { retry_after: i64 },
    /// A limit set in the configuration (pending uploads, personal view sections).
    #[error("limit reached")]
    Limit { message: String },
    #[error("internal error")]
    Internal,
    /// The request never reached the server, or its answer never came back.
    #[error("network error")]
    Network,
}

impl AppError {
    /// A message for the person at the screen.
    pub fn message(&self) -> String {
        match self {
            AppError::Unauthenticated => text::err_unauthenticated().into(),
            AppError::Forbidden => text::err_forbidden().into(),
            AppError::NotFound => text::err_not_found().into(),
            AppError::Validation { message, .. } => message.clone(),
            AppError::Conflict { .. } => text::err_conflict().into(),
            AppError::BadRequest { message } => message.clone(),
            AppError::TooLarge => text::err_too_large().into(),
            AppError::TooManyAttempts { retry_after } => text::err_too_many_attempts(*retry_after),
            AppError::Limit { message } => message.clone(),
            AppError::Internal => text::err_internal().into(),
            AppError::Network => text::err_network().into(),
        }
    }

    pub fn bad_request() -> AppError {
        AppError::BadRequest { message: text::err_bad_request().into() }
    }

    pub fn validation(fields: Vec<FieldError>) -> AppError {
        AppError::Validation { message: text::err_validation().into(), fields }
    }

    /// The HTTP status the server answers with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Unauthenticated => 401,
            AppError::Forbidden => 403,
            AppError::NotFound => 404,
            AppError::Validation { .. } => 422,
            AppError::Conflict { .. } => 409,
            AppError::BadRequest { .. } => 400,
            AppError::TooLarge => 413,
            AppError::TooManyAttempts { .. } => 429,
            AppError::Limit { .. } => 422,
            AppError::Internal => 500,
            AppError::Network => 503,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // Arguments that do not decode, or a server function that does not exist: the
            // request is malformed. The decoder's own text is not shown.
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::UnsupportedRequestMethod(_) => AppError::bad_request(),
            // On the server this is a request body that does not decode: malformed. In the
            // browser it is an answer that does not decode (a proxy's error page): the network.
            ServerFnErrorErr::Deserialization(_) if cfg!(feature = "ssr") => AppError::bad_request(),
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Response(_) | ServerFnErrorErr::Deserialization(_) => {
                AppError::Network
            }
            _ => AppError::Internal,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_arguments_are_a_bad_request_without_decoder_text() {
        let e = AppError::from_server_fn_error(ServerFnErrorErr::Args(
            "invalid type: integer `1`, expected a string at line 1".into(),
        ));
        assert_eq!(e.status(), 400);
        assert!(!e.message().contains("invalid type"));
    }

    #[test]
    fn errors_travel_as_tagged_json() {
        let json = serde_json::to_string(&AppError::NotFound).unwrap_or_default();
        assert_eq!(json, r#"{"error":"not_found"}"#);
    }
}
