//! Ids of the things the API names, one type each, so a customer id cannot be passed where a
//! partner id is expected. They travel as text (UUIDs) in URLs, JSON and the database; an engine binds them
//! with `as_str()`.

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            pub fn new(id: impl Into<String>) -> $name {
                $name(id.into())
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }

            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

id_type!(
    /// A partner organisation.
    PartnerId
);
id_type!(
    /// A customer organisation.
    CustomerId
);
id_type!(
    /// A person who signs in.
    UserId
);
id_type!(
    /// A reseller relationship request.
    InvitationId
);
id_type!(
    /// A customer's subscription through a partner.
    SubscriptionId
);

/// Who acts, and when: written to the audit log with every change.
#[derive(Debug, Clone, Copy)]
pub struct Actor<'a> {
    pub user_id: &'a UserId,
    pub email: &'a str,
    /// Unix seconds.
    pub now: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_read_from_json_as_plain_text() {
        let id: CustomerId = serde_json::from_str("\"c-1\"").unwrap();
        assert_eq!(id.as_str(), "c-1");
        assert_eq!(id.to_string(), "c-1");
    }
}
