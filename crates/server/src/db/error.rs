//! sqlx's errors as the store's: the only place that knows what a SQLite failure means.

use crate::store::StoreError;

/// SQLite's primary result codes that mean "cannot reach the data now" rather than a bad
/// statement: busy and locked (after the busy time-out), I/O errors, a file that cannot be
/// opened, a full disk.
const UNAVAILABLE_CODES: [i64; 5] = [5, 6, 10, 13, 14];

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> StoreError {
        use sqlx::Error as E;
        match e {
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
        }
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

    #[test]
    fn lost_connections_are_unavailable_and_bad_values_corrupt() {
        assert!(StoreError::from(sqlx::Error::PoolTimedOut).is_unavailable());
        assert!(StoreError::from(sqlx::Error::PoolClosed).is_unavailable());
        let decode = sqlx::Error::ColumnDecode {
            index: "status".into(),
            source: "unknown value".into(),
        };
        assert!(matches!(StoreError::from(decode), StoreError::Corrupt(_)));
        assert!(matches!(
            StoreError::from(sqlx::Error::RowNotFound),
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
        assert!(matches!(StoreError::from(again), StoreError::Conflict(_)));
    }
}
