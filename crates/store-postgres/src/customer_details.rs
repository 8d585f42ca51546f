//! What a partner sees inside one customer: billing profile, directory users and licenses.
//! Callers check first that the customer is the partner's.

use async_trait::async_trait;
use portal_contract::{Address, BillingProfile, CustomerUser, License};
use portal_domain::ids::{CustomerId, PartnerId};
use portal_store::{CustomerDetails, StoreResult, UserPage};
use sqlx::Row;
use sqlx::postgres::PgRow;

use crate::engine;
use crate::{Db, DbResult, stored_enum, stored_u32, text};

#[async_trait]
impl CustomerDetails for Db {
    async fn billing_profile(
        &self,
        customer_id: &CustomerId,
    ) -> StoreResult<Option<BillingProfile>> {
        engine(async {
            let row = sqlx::query(
                "SELECT b.first_name, b.last_name, b.email, b.phone_number, b.address_line1, b.city,
                        b.postal_code, o.country
                 FROM billing_profiles b JOIN organizations o ON o.id = b.organization_id
                 WHERE b.organization_id = $1",
            )
            .bind(text(customer_id.as_str()))
            .fetch_optional(&self.pool)
            .await?;
            row.map(|r| {
                Ok(BillingProfile {
                    first_name: r.try_get("first_name")?,
                    last_name: r.try_get("last_name")?,
                    email: r.try_get("email")?,
                    phone_number: r.try_get("phone_number")?,
                    default_address: Address {
                        address_line1: r.try_get("address_line1")?,
                        city: r.try_get("city")?,
                        postal_code: r.try_get("postal_code")?,
                        country: r.try_get("country")?,
                    },
                })
            })
            .transpose()
        })
        .await
    }

    async fn licenses(
        &self,
        partner_id: &PartnerId,
        customer_id: &CustomerId,
    ) -> StoreResult<Vec<License>> {
        engine(async {
            self.customer_rows(
                "SELECT s.offer_name, sum(s.quantity)::bigint AS active_units,
                        (SELECT count(*) FROM license_assignments a
                           JOIN subscriptions t ON t.id = a.subscription_id
                          WHERE t.partner_id = s.partner_id AND t.customer_id = s.customer_id
                            AND t.offer_name = s.offer_name AND t.status = 'active') AS consumed_units
                 FROM subscriptions s
                 WHERE s.partner_id = $1 AND s.customer_id = $2 AND s.status = 'active'
                 GROUP BY s.partner_id, s.customer_id, s.offer_name ORDER BY s.offer_name",
                partner_id,
                customer_id,
                |r| {
                    Ok(License {
                        product_name: r.try_get("offer_name")?,
                        active_units: stored_u32("active_units", r.try_get("active_units")?)?,
                        consumed_units: stored_u32("consumed_units", r.try_get("consumed_units")?)?,
                    })
                },
            )
            .await
        })
        .await
    }

    async fn customer_users(
        &self,
        customer_id: &CustomerId,
        size: u32,
        after: Option<(&str, &str)>,
    ) -> StoreResult<UserPage> {
        engine(async {
            let (after_key, after_id) = after.unwrap_or(("", ""));
            let mut rows = sqlx::query(&format!(
                "SELECT u.id, u.display_name, u.sort_key, u.user_principal_name, u.role,
                        ARRAY(SELECT DISTINCT s.offer_name FROM license_assignments a
                                JOIN subscriptions s ON s.id = a.subscription_id
                               WHERE a.user_id = u.id AND s.status = 'active'
                               ORDER BY s.offer_name) AS licenses
                 FROM directory_users u
                 WHERE u.organization_id = $1 AND (u.sort_key, u.id) > ($2, $3)
                 ORDER BY u.sort_key, u.id LIMIT {}",
                i64::from(size) + 1
            ))
            .bind(text(customer_id.as_str()))
            .bind(text(after_key))
            .bind(text(after_id))
            .fetch_all(&self.pool)
            .await?;
            let more = rows.len() > size as usize;
            rows.truncate(size as usize);
            let total: i64 = sqlx::query_scalar(
                "SELECT count(*) FROM directory_users WHERE organization_id = $1",
            )
            .bind(text(customer_id.as_str()))
            .fetch_one(&self.pool)
            .await?;
            let next = match rows.last().filter(|_| more) {
                Some(r) => Some((r.try_get("sort_key")?, r.try_get("id")?)),
                None => None,
            };
            let items = rows
                .iter()
                .map(|r| {
                    Ok(CustomerUser {
                        id: r.try_get("id")?,
                        display_name: r.try_get("display_name")?,
                        user_principal_name: r.try_get("user_principal_name")?,
                        role: stored_enum("role", r.try_get("role")?)?,
                        licenses: r.try_get("licenses")?,
                    })
                })
                .collect::<DbResult<_>>()?;
            Ok(UserPage {
                next,
                items,
                total_count: total.max(0) as u64,
            })
        })
        .await
    }
}

impl Db {
    /// The rows `sql` selects about one customer of one partner (`$1`, `$2`), each read by `read`.
    pub(super) async fn customer_rows<T>(
        &self,
        sql: &str,
        partner_id: &PartnerId,
        customer_id: &CustomerId,
        read: impl Fn(&PgRow) -> DbResult<T>,
    ) -> DbResult<Vec<T>> {
        let rows = sqlx::query(sql)
            .bind(text(partner_id.as_str()))
            .bind(text(customer_id.as_str()))
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(read).collect()
    }
}
