//! The partner's customer list, a page at a time, and one customer.

use async_trait::async_trait;
use portal_contract::{Customer, CustomerOrder, CustomerSort};

use super::{ActiveAdminRoles, StoreResult};
use portal_domain::continuation::KeyPart;
use portal_domain::ids::{CustomerId, PartnerId};

/// What page of which list to read.
pub struct CustomerQuery<'a> {
    pub partner_id: &'a PartnerId,
    /// Folded search text: name or domain starts with it. Empty for no search.
    pub filter: &'a str,
    pub order: CustomerOrder,
    pub size: u32,
    /// The page starts after this row's key, or ends before it when walking backwards.
    pub from: Option<(&'a [KeyPart], bool)>,
}

pub struct CustomerPage {
    /// In list order.
    pub items: Vec<Customer>,
    pub total_count: u64,
    /// Sort keys of the first and last item.
    pub first_key: Vec<KeyPart>,
    pub last_key: Vec<KeyPart>,
    pub has_before: bool,
    pub has_after: bool,
    /// The page's customers' active granular admin relationships, when the engine read them in
    /// the same statement as the page (one round trip instead of two); `None` when it did not,
    /// and `AdminRelationships::active_admin_roles` answers them.
    pub active_admin_roles: Option<Vec<ActiveAdminRoles>>,
}

/// The columns a sort order compares (every engine keys a page the same way), most significant first; the customer id last makes every
/// key unique, so no row is served twice or skipped between pages.
pub fn key_columns(sort: CustomerSort) -> &'static [&'static str] {
    match sort {
        CustomerSort::Name => &["sort_key", "customer_id"],
        CustomerSort::MicrosoftId => &["customer_id"],
        CustomerSort::Domain => &["domain_key", "customer_id"],
        CustomerSort::Relationship => &["relationship", "sort_key", "customer_id"],
        CustomerSort::AdminPrivileges => &["admin_privileges", "sort_key", "customer_id"],
        CustomerSort::CustomerSince => &["created_at", "customer_id"],
    }
}

/// Whether `key` has the shape of `sort`'s key (a token's contents are checked, not trusted).
pub fn key_fits(sort: CustomerSort, key: &[KeyPart]) -> bool {
    let columns = key_columns(sort);
    columns.len() == key.len()
        && columns
            .iter()
            .zip(key)
            .all(|(c, k)| matches!(k, KeyPart::Int(_)) == (*c == "created_at"))
}

/// The partner's customer list, a page at a time, and one customer.
#[async_trait]
pub trait Customers: Send + Sync {
    /// One page of the partner's customers; see [`CustomerQuery`].
    async fn customers_page(&self, q: &CustomerQuery<'_>) -> StoreResult<CustomerPage>;

    /// `customer_id` as `partner_id`'s customer; `None` when it is not theirs.
    async fn customer(
        &self,
        partner_id: &PartnerId,
        customer_id: &CustomerId,
    ) -> StoreResult<Option<Customer>>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_checked_against_the_sort() {
        let text = |s: &str| KeyPart::Text(s.into());
        assert!(key_fits(CustomerSort::Name, &[text("a"), text("id")]));
        assert!(key_fits(
            CustomerSort::CustomerSince,
            &[KeyPart::Int(5), text("id")]
        ));
        assert!(!key_fits(
            CustomerSort::CustomerSince,
            &[text("5"), text("id")]
        ));
        assert!(!key_fits(
            CustomerSort::Name,
            &[KeyPart::Int(1), text("id")]
        ));
        assert!(!key_fits(
            CustomerSort::MicrosoftId,
            &[text("a"), text("b")]
        ));
        assert!(!key_fits(CustomerSort::Relationship, &[]));
    }
}
