//! Demo customers' billing profiles, directory users, subscriptions and license assignments.
//! Derived from the customer's position in the list, so every run writes the same story.

use portal_domain::search_key;
use sqlx::PgConnection;

use super::{Account, new_id};
use crate::DbResult;

use portal_store::demo_data::directory::*;

/// Billing profile, 3–8 users, 0–3 subscriptions and their assignments for the `i`th customer.
#[allow(clippy::too_many_arguments)]
pub async fn insert(
    tx: &mut PgConnection,
    partner_id: &str,
    customer_id: &str,
    domain: &str,
    i: usize,
    since: i64,
    now: i64,
) -> DbResult<()> {
    let names = if i % 5 == 3 {
        GERMAN_NAMES
    } else {
        HUNGARIAN_NAMES
    };
    let user_count = 3 + i % 6;
    let mut user_ids = Vec::with_capacity(user_count);
    for u in 0..user_count {
        let (first, last) = names[(i * 5 + u * 7) % names.len()];
        let role = match u {
            0 => "globalAdmin",
            1 if user_count > 4 => "billingAdmin",
            2 if i.is_multiple_of(3) => "userAdmin",
            _ => "user",
        };
        // Two people of one name in one company get a digit, as directories do.
        let upn = match u / names.len() {
            0 => format!("{}@{domain}", mailbox(first, last)),
            n => format!("{}{n}@{domain}", mailbox(first, last)),
        };
        let id = insert_user(
            tx,
            customer_id,
            &format!("{first} {last}"),
            &upn,
            role,
            since,
        )
        .await?;
        if u == 0 {
            let (city, postal_code) = CITIES[i % CITIES.len()];
            sqlx::query(
                "INSERT INTO billing_profiles (organization_id, first_name, last_name, email,
                    phone_number, address_line1, city, postal_code)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(customer_id)
            .bind(first)
            .bind(last)
            .bind(&upn)
            .bind(format!(
                "+36 1 {:03} {:04}",
                100 + i * 37 % 900,
                1000 + i * 917 % 9000
            ))
            .bind(format!(
                "{} {}.",
                STREETS[i % STREETS.len()],
                1 + i * 3 % 60
            ))
            .bind(city)
            .bind(postal_code)
            .execute(&mut *tx)
            .await?;
        }
        user_ids.push(id);
    }
    // Every thirteenth customer has bought nothing yet, so empty states show in the demo.
    let subscription_count = if i % 13 == 12 { 0 } else { 1 + i % 3 };
    for k in 0..subscription_count {
        let (offer, cycle) = OFFERS[(i + k * 2) % OFFERS.len()];
        let suspended = k == 1 && i % 4 == 1;
        let created = since + DAY * (k as i64 * 40 + 1);
        let term = if cycle == "annual" { 365 } else { 30 };
        // The current term: the first term end after now.
        let elapsed_terms = (now - created).max(0) / (term * DAY) + 1;
        let id = new_id();
        sqlx::query(
            "INSERT INTO subscriptions (id, partner_id, customer_id, offer_name, quantity, status,
                billing_cycle, created_at, commitment_end)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(&id)
        .bind(partner_id)
        .bind(customer_id)
        .bind(offer)
        .bind((user_count + 2 + i * 7 % 10) as i64)
        .bind(if suspended { "suspended" } else { "active" })
        .bind(cycle)
        .bind(created)
        .bind(created + elapsed_terms * term * DAY)
        .execute(&mut *tx)
        .await?;
        // The first subscription licenses everyone; later ones every other user.
        for (u, user_id) in user_ids.iter().enumerate() {
            if k == 0 || u % 2 == 0 {
                sqlx::query(
                    "INSERT INTO license_assignments (user_id, subscription_id) VALUES ($1, $2)",
                )
                .bind(user_id)
                .bind(&id)
                .execute(&mut *tx)
                .await?;
            }
        }
    }
    Ok(())
}

/// Contoso's indirect resellers, and service requests on its first customers.
pub async fn insert_support(tx: &mut PgConnection, partner_id: &str, now: i64) -> DbResult<()> {
    for (name, domain, country) in [
        ("Pannon IT Partner Zrt.", "pannon-it.example", "HU"),
        ("Tisza Rendszerház Kft.", "tisza-rendszerhaz.example", "HU"),
        ("Alpen Systemhaus GmbH", "alpen-systemhaus.example", "AT"),
    ] {
        sqlx::query(
            "INSERT INTO indirect_resellers (id, partner_id, name, domain, country)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(new_id())
        .bind(partner_id)
        .bind(name)
        .bind(domain)
        .bind(country)
        .execute(&mut *tx)
        .await?;
    }
    let customers: Vec<(String, String)> = sqlx::query_as(
        "SELECT r.customer_id, b.email FROM customer_relationships r
         JOIN billing_profiles b ON b.organization_id = r.customer_id
         WHERE r.partner_id = $1 ORDER BY r.sort_key LIMIT 3",
    )
    .bind(partner_id)
    .fetch_all(&mut *tx)
    .await?;
    let requests = [
        ("Mailbox migration stalled", "critical", "inProgress"),
        ("Licence assignment for new hires", "minimal", "closed"),
        ("Teams meetings drop after 30 minutes", "moderate", "open"),
    ];
    for (n, ((customer_id, email), (title, severity, status))) in
        customers.iter().zip(requests).enumerate()
    {
        sqlx::query(
            "INSERT INTO service_requests (id, partner_id, customer_id, title, description,
                severity, contact_name, contact_email, status, created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'helpdesk@contoso-partner.example', $10)",
        )
        .bind(new_id())
        .bind(partner_id)
        .bind(customer_id)
        .bind(title)
        .bind("Reported by the customer's administrator by phone.")
        .bind(severity)
        .bind("Customer administrator")
        .bind(email)
        .bind(status)
        .bind(now - DAY * (3 + n as i64 * 9))
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}

/// The demo customer organisations' own directories: their sign-in accounts, and a billing
/// profile naming the first of them.
pub async fn insert_own_directory(
    tx: &mut PgConnection,
    organization_id: &str,
    country: &str,
    accounts: &[Account],
    now: i64,
) -> DbResult<()> {
    for (n, (email, display_name, roles)) in accounts.iter().enumerate() {
        let role = if roles.contains(&portal_contract::Role::GlobalAdmin) {
            "globalAdmin"
        } else {
            "user"
        };
        let upn = *email;
        insert_user(tx, organization_id, display_name, upn, role, now).await?;
        if n == 0 {
            let (first, last) = display_name.split_once(' ').unwrap_or((display_name, ""));
            let (street, city, postal_code) = match country {
                "DE" => ("Friedrichstraße 12", "Berlin", "10117"),
                "US" => ("1 Microsoft Way", "Redmond", "98052"),
                _ => ("Váci út 30.", "Budapest", "1132"),
            };
            sqlx::query(
                "INSERT INTO billing_profiles (organization_id, first_name, last_name, email,
                    phone_number, address_line1, city, postal_code)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(organization_id)
            .bind(first)
            .bind(last)
            .bind(upn)
            .bind("+36 1 555 0100")
            .bind(street)
            .bind(city)
            .bind(postal_code)
            .execute(&mut *tx)
            .await?;
        }
    }
    Ok(())
}

async fn insert_user(
    tx: &mut PgConnection,
    organization_id: &str,
    display_name: &str,
    upn: &str,
    role: &str,
    at: i64,
) -> DbResult<String> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO directory_users (id, organization_id, display_name, sort_key,
            user_principal_name, role, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&id)
    .bind(organization_id)
    .bind(display_name)
    .bind(search_key::fold(display_name))
    .bind(upn)
    .bind(role)
    .bind(at)
    .execute(&mut *tx)
    .await?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    #[test]
    fn mailboxes_are_ascii() {
        assert_eq!(super::mailbox("Jonas", "Weißmann"), "jonas.weismann");
        assert_eq!(super::mailbox("Ádám", "Balogh"), "adam.balogh");
    }
}
