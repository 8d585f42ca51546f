//! sqlx's errors as the store's: the only place that knows what a SQLite failure means.
//!
//! Inside the engine every step returns [`DbResult`], whose error is sqlx's or the store's own
//! (a value that does not read); each trait method runs its steps through [`engine`], which
//! hands the caller a [`StoreError`]. (The store's crate cannot know sqlx, and this one may not
//! implement `From<sqlx::Error>` for the store's type, hence the wrapper.)

use portal_store::{StoreError, StoreResult};

/// SQLite's primary result codes that mean "cannot reach the data now" rather than a bad
/// statement: busy and locked (after the busy time-out), I/O errors, a full disk, a file that
/// cannot be opened.
const UNAVAILABLE_CODES: [i64; 5] = [5, 6, 10, 13, 14];

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

    pub fn other(message: impl Into<String>) -> SqlError {
        SqlError(StoreError::other(message))
    }

    /// The database cannot be reached now (no connection within the time-out).
    pub fn unavailable(e: impl std::error::Error + Send + Sync + 'static) -> SqlError {
        SqlError(StoreError::Unavailable(Box::new(e)))
    }
}

/// Runs a trait method's steps and answers in the store's terms.
pub async fn engine<T>(steps: impl Future<Output = DbResult<T>>) -> StoreResult<T> {
    steps.await.map_err(|SqlError(e)| e)
}

impl From<SqlError> for StoreError {
    fn from(SqlError(e): SqlError) -> StoreError {
        e
    }
}

impl From<StoreError> for SqlError {
    fn from(e: StoreError) -> SqlError {
        SqlError(e)
    }
}

impl From<sqlx::Error> for SqlError {
    fn from(e: sqlx::Error) -> SqlError {
        use sqlx::Error as E;
        SqlError(match e {
            E::PoolTimedOut | E::PoolClosed | E::WorkerCrashed | E::Io(_) | E::Tls(_) => {
                StoreError::Unavailable(Box::new(e))
            }
            E::Database(ref db) if db.is_unique_violation() => StoreError::Conflict(Box::new(e)),
            E::Database(ref db) if unavailable_code(db.code().as_deref()) => {
                StoreError::Unavailable(Box::new(e))
            }
            E::ColumnDecode { .. }
            | E::Decode(_)
            | E::ColumnNotFound(_)
            | E::ColumnIndexOutOfBounds { .. }
            | E::TypeNotFound { .. } => StoreError::Corrupt(Box::new(e)),
            _ => StoreError::Other(Box::new(e)),
        })
    }
}

impl From<rusqlite::Error> for SqlError {
    fn from(e: rusqlite::Error) -> SqlError {
        use rusqlite::Error as E;
        use rusqlite::ffi::ErrorCode as C;
        SqlError(match e {
            E::SqliteFailure(ref f, _)
                if matches!(
                    f.code,
                    C::DatabaseBusy
                        | C::DatabaseLocked
                        | C::SystemIoFailure
                        | C::DiskFull
                        | C::CannotOpen
                ) =>
            {
                StoreError::Unavailable(Box::new(e))
            }
            E::SqliteFailure(ref f, _)
                if f.code == C::ConstraintViolation
                    && matches!(
                        f.extended_code,
                        rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
                            | rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY
                    ) =>
            {
                StoreError::Conflict(Box::new(e))
            }
            E::FromSqlConversionFailure(..)
            | E::InvalidColumnType(..)
            | E::IntegralValueOutOfRange(..)
            | E::InvalidColumnName(_) => StoreError::Corrupt(Box::new(e)),
            _ => StoreError::Other(Box::new(e)),
        })
    }
}

/// SQLite reports extended result codes; their low byte is the primary code.
fn unavailable_code(code: Option<&str>) -> bool {
    code.and_then(|c| c.parse::<i64>().ok())
        .is_some_and(|c| UNAVAILABLE_CODES.contains(&(c & 0xff)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(e: sqlx::Error) -> StoreError {
        SqlError::from(e).into()
    }

    #[test]
    fn lost_connections_are_unavailable_and_bad_values_corrupt() {
        assert!(kind(sqlx::Error::PoolTimedOut).is_unavailable());
        assert!(kind(sqlx::Error::PoolClosed).is_unavailable());
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
    fn busy_locked_and_unopenable_files_are_unavailable() {
        assert!(unavailable_code(Some("5")));
        // SQLITE_BUSY_SNAPSHOT (517) is busy too.
        assert!(unavailable_code(Some("517")));
        assert!(unavailable_code(Some("14")));
        // A constraint (19) or a syntax error (1) is not.
        assert!(!unavailable_code(Some("19")));
        assert!(!unavailable_code(Some("1")));
        assert!(!unavailable_code(None));
    }

    #[tokio::test]
    async fn a_second_insert_of_the_same_key_is_a_conflict() {
        let pool = sqlx::SqlitePool::connect("sqlite::memory:").await.unwrap();
        sqlx::query("CREATE TABLE t (k TEXT PRIMARY KEY)")
            .execute(&pool)
            .await
            .unwrap();
        sqlx::query("INSERT INTO t VALUES ('a')")
            .execute(&pool)
            .await
            .unwrap();
        let again = sqlx::query("INSERT INTO t VALUES ('a')")
            .execute(&pool)
            .await
            .unwrap_err();
        assert!(matches!(kind(again), StoreError::Conflict(_)));
    }
}
