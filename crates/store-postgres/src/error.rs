//! sqlx's errors as the store's: the only place that knows what a PostgreSQL failure means.
//!
//! Inside the engine every step returns [`DbResult`]; each trait method runs its steps through
//! [`engine`], which hands the caller a [`StoreError`].

use portal_store::{StoreError, StoreResult};

/// An engine step's error, already sorted into the store's kinds.
#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub struct SqlError(StoreError);

pub type DbResult<T> = Result<T, SqlError>;

impl SqlError {
    /// A stored value in `column` that does not read.
    pub fn corrupt(column: &str, problem: impl std::fmt::Display) -> SqlError {
        SqlError(StoreError::corrupt(column, problem))
    }
}

/// Runs a trait method's steps and answers in the store's terms.
pub async fn engine<T>(steps: impl Future<Output = DbResult<T>>) -> StoreResult<T> {
    steps.await.map_err(|SqlError(e)| e)
}

impl From<StoreError> for SqlError {
    fn from(e: StoreError) -> SqlError {
        SqlError(e)
    }
}

impl From<sqlx::Error> for SqlError {
    fn from(e: sqlx::Error) -> SqlError {
        SqlError(kind(e))
    }
}

/// Sorts a driver error: a lost or refused connection, a pool that timed out or is closed, and
/// the server's own "cannot serve now" states are `Unavailable` (503, and the next request tries
/// again); a unique violation is a `Conflict`; a value that does not decode is `Corrupt`.
pub fn kind(e: sqlx::Error) -> StoreError {
    use sqlx::Error as E;
    match e {
        E::PoolTimedOut | E::PoolClosed | E::WorkerCrashed | E::Io(_) | E::Tls(_) => {
            StoreError::Unavailable(Box::new(e))
        }
        E::Database(ref db) if db.is_unique_violation() => StoreError::Conflict(Box::new(e)),
        E::Database(ref db) if unavailable_state(db.code().as_deref()) => {
            StoreError::Unavailable(Box::new(e))
        }
        E::ColumnDecode { .. }
        | E::Decode(_)
        | E::ColumnNotFound(_)
        | E::ColumnIndexOutOfBounds { .. }
        | E::TypeNotFound { .. } => StoreError::Corrupt(Box::new(e)),
        _ => StoreError::Other(Box::new(e)),
    }
}

/// SQLSTATEs that mean "cannot reach the data now" rather than a bad statement: the connection
/// classes (`08…`), an administrator's or crash shutdown (`57P01`–`57P03`), too many
/// connections (`53300`), and a deadlock or serialization failure a retry resolves.
fn unavailable_state(code: Option<&str>) -> bool {
    code.is_some_and(|c| {
        c.starts_with("08")
            || matches!(c, "57P01" | "57P02" | "57P03" | "53300" | "40001" | "40P01")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lost_connections_are_unavailable_and_bad_values_corrupt() {
        assert!(kind(sqlx::Error::PoolTimedOut).is_unavailable());
        assert!(kind(sqlx::Error::PoolClosed).is_unavailable());
        let refused = std::io::Error::from(std::io::ErrorKind::ConnectionRefused);
        assert!(kind(sqlx::Error::Io(refused)).is_unavailable());
        let decode = sqlx::Error::ColumnDecode {
            index: "status".into(),
            source: "unknown value".into(),
        };
        assert!(matches!(kind(decode), StoreError::Corrupt(_)));
        assert!(matches!(
            kind(sqlx::Error::RowNotFound),
            StoreError::Other(_)
        ));
    }

    #[test]
    fn shutdown_and_connection_states_are_unavailable() {
        for code in ["57P01", "57P03", "08006", "08001", "53300", "40P01"] {
            assert!(unavailable_state(Some(code)), "{code}");
        }
        // A unique violation, a syntax error and a check violation are not.
        for code in ["23505", "42601", "23514"] {
            assert!(!unavailable_state(Some(code)), "{code}");
        }
        assert!(!unavailable_state(None));
    }
}
