//! The paging parameters every list takes, read and checked once: `size` (1 to
//! [`MAX_PAGE_SIZE`], default [`DEFAULT_PAGE_SIZE`]) and `continuationToken`. The list's own
//! filters come in `F`, which still refuses parameters it does not know.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use portal_contract::FieldCode;
use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::ApiError;
use crate::domain::continuation::TokenError;
use crate::domain::paging::{DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, size_allowed};

const SIZE: &str = "size";
const TOKEN: &str = "continuationToken";

/// The paging parameters, as documented once for every list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(rename_all = "camelCase")]
pub struct PageParams {
    /// Rows per page (default 50).
    #[param(minimum = 1, maximum = 1000)]
    #[allow(dead_code)]
    size: Option<u32>,
    /// Opaque; from the previous answer's `continuationToken` or `previousToken`.
    #[allow(dead_code)]
    continuation_token: Option<String>,
}

/// A page request, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageRequest {
    pub size: u32,
    pub token: Option<String>,
}

/// A list's query: its paging and its filters `F`. A bad `size` (not a number, or out of range)
/// is a 400 with a field error on `size`, the same on every list; malformed or unknown filters
/// are a 400 as with [`super::ApiQuery`].
#[derive(Debug, Clone)]
pub struct Paged<F> {
    pub page: PageRequest,
    pub filter: F,
}

impl<S: Send + Sync, F: DeserializeOwned> FromRequestParts<S> for Paged<F> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        parse(parts.uri.query().unwrap_or(""))
    }
}

/// Splits the paging parameters from the filters and checks them.
pub fn parse<F: DeserializeOwned>(query: &str) -> Result<Paged<F>, ApiError> {
    let malformed = |e: serde_urlencoded::de::Error| {
        ApiError::BadRequest(format!("Failed to deserialize query string: {e}"))
    };
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).map_err(malformed)?;
    let (paging, rest): (Vec<_>, Vec<_>) = pairs
        .into_iter()
        .partition(|(k, _)| k == SIZE || k == TOKEN);
    let mut size = None;
    let mut token = None;
    for (key, value) in paging {
        let slot = if key == SIZE { &mut size } else { &mut token };
        if slot.replace(value).is_some() {
            return Err(ApiError::BadRequest(format!(
                "Failed to deserialize query string: duplicate field `{key}`"
            )));
        }
    }
    let size = match size {
        None => DEFAULT_PAGE_SIZE,
        Some(text) => text
            .parse::<u32>()
            .ok()
            .filter(|n| size_allowed(*n))
            .ok_or_else(|| {
                ApiError::query(
                    SIZE,
                    FieldCode::Invalid,
                    format!("size must be a whole number between 1 and {MAX_PAGE_SIZE}."),
                )
            })?,
    };
    let rest = serde_urlencoded::to_string(&rest).map_err(|e| ApiError::Internal(Box::new(e)))?;
    let filter = serde_urlencoded::from_str(&rest).map_err(malformed)?;
    Ok(Paged {
        page: PageRequest { size, token },
        filter,
    })
}

/// A list's search text longer than `max` characters: a 400 with a field error on `filter`,
/// worded the same on every list.
pub fn check_filter_len(filter: &str, max: usize) -> Result<(), ApiError> {
    if filter.chars().count() > max {
        return Err(ApiError::query(
            "filter",
            FieldCode::TooLong,
            format!("filter must be at most {max} characters."),
        ));
    }
    Ok(())
}

impl From<TokenError> for ApiError {
    fn from(e: TokenError) -> Self {
        ApiError::BadRequest(e.message().into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Filter {
        filter: Option<String>,
    }

    fn size_error(query: &str) -> bool {
        matches!(parse::<Filter>(query), Err(ApiError::InvalidQuery(f)) if f[0].field == "size")
    }

    #[test]
    fn paging_is_split_from_the_filters() {
        let p = parse::<Filter>("filter=a%20b&size=7&continuationToken=t").unwrap();
        assert_eq!(p.filter.filter.as_deref(), Some("a b"));
        assert_eq!(
            p.page,
            PageRequest {
                size: 7,
                token: Some("t".into())
            }
        );
        let p = parse::<Filter>("").unwrap();
        assert_eq!(p.page.size, DEFAULT_PAGE_SIZE);
        assert_eq!(p.filter, Filter { filter: None });
    }

    #[test]
    fn every_bad_size_is_the_same_field_error() {
        for q in ["size=0", "size=1001", "size=ten", "size=-1", "size="] {
            assert!(size_error(q), "{q}");
        }
    }

    #[test]
    fn a_long_filter_is_counted_in_characters() {
        assert!(check_filter_len("ááá", 3).is_ok());
        match check_filter_len("áááá", 3) {
            Err(ApiError::InvalidQuery(f)) => {
                assert_eq!(
                    (f[0].field.as_str(), f[0].code.as_str()),
                    ("filter", "tooLong")
                );
                assert_eq!(f[0].message, "filter must be at most 3 characters.");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn unknown_and_repeated_parameters_are_refused() {
        for q in ["page=2", "size=1&size=2", "filter=a&filter=b"] {
            assert!(
                matches!(parse::<Filter>(q), Err(ApiError::BadRequest(_))),
                "{q}"
            );
        }
    }
}
