//! Demo granular admin relationships (SPEC section 9): Contoso's security groups with members,
//! and relationships with some of its customers in every status, times relative to the seed's
//! now. Fabrikam, Adatum and Woodgrove get none, so a new one can be approved end to end.
//! The history is written; the audit log starts empty, as for the rest of the demo data.

use portal_contract::gdap::AdminRelationshipStatus as Status;
use portal_domain::gdap::DAY;
use portal_domain::invitation::new_seed;
use portal_domain::search_key::fold;
use sqlx::{Sqlite, Transaction};

use super::new_id;
use crate::DbResult;
use crate::gdap::{history_row, roles_text};

use portal_store::demo_data::relationships::*;

/// Writes the groups and relationships for the partner `partner_id`, acting as `agent`.
pub(super) async fn insert(
    tx: &mut Transaction<'_, Sqlite>,
    partner_id: &str,
    agent: (&str, &str),
    now: i64,
) -> DbResult<()> {
    let mut group_ids = Vec::new();
    for (name, members) in GROUPS {
        let id = new_id();
        sqlx::query(
            "INSERT INTO security_groups (id, partner_id, display_name, created_at) VALUES (?, ?, ?, ?)",
        )
        .bind(&id)
        .bind(partner_id)
        .bind(name)
        .bind(now - 400 * DAY)
        .execute(&mut **tx)
        .await?;
        for email in *members {
            sqlx::query("INSERT INTO security_group_members (group_id, email) VALUES (?, ?)")
                .bind(&id)
                .bind(email)
                .execute(&mut **tx)
                .await?;
        }
        group_ids.push((*name, id));
    }
    for demo in DEMOS {
        let customer: Option<(String, String)> = sqlx::query_as(
            "SELECT o.id, o.name FROM customer_relationships r JOIN organizations o ON o.id = r.customer_id
              WHERE r.partner_id = ? AND o.name = ?",
        )
        .bind(partner_id)
        .bind(demo.customer)
        .fetch_optional(&mut **tx)
        .await?;
        let Some((customer_id, customer_name)) = customer else {
            continue;
        };
        insert_one(
            tx,
            partner_id,
            agent,
            &customer_id,
            &customer_name,
            demo,
            &group_ids,
            now,
        )
        .await?;
    }
    Ok(())
}

/// A status reached, when, and by whom (user id, e-mail address); no one when time did it.
type Step<'a> = (Status, i64, Option<(&'a str, &'a str)>);

#[allow(clippy::too_many_arguments)]
async fn insert_one(
    tx: &mut Transaction<'_, Sqlite>,
    partner_id: &str,
    (agent_id, agent_email): (&str, &str),
    customer_id: &str,
    customer_name: &str,
    d: &Demo,
    groups: &[(&str, String)],
    now: i64,
) -> DbResult<()> {
    let id = new_id();
    let requested = now - d.requested * DAY;
    let activated = d.approved.map(|a| now - a * DAY);
    let natural_end = activated.map(|a| a + d.duration * DAY);
    let (state, end_at) = match (activated, d.terminated) {
        (_, Some(t)) => (Status::Terminated, now - t * DAY),
        (Some(_), None) if natural_end.is_some_and(|e| e <= now) => {
            (Status::Expired, natural_end.unwrap_or(now))
        }
        (Some(_), None) => (Status::Active, natural_end.unwrap_or(now)),
        (None, None) => (Status::ApprovalPending, requested + 90 * DAY),
    };
    let seed = (state == Status::ApprovalPending).then(new_seed);
    let roles: Vec<String> = d.roles.iter().map(|r| (*r).to_owned()).collect();
    sqlx::query(
        "INSERT INTO admin_relationships (id, partner_id, customer_id, display_name, name_key,
            customer_key, duration_days, auto_extend_days, roles, state, created_by, created_at,
            modified_at, activated_at, end_at, version, token_seed)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)",
    )
    .bind(&id)
    .bind(partner_id)
    .bind(customer_id)
    .bind(d.name)
    .bind(fold(d.name))
    .bind(fold(customer_name))
    .bind(d.duration)
    .bind(d.auto_extend)
    .bind(roles_text(&roles))
    .bind(state.as_str())
    .bind(agent_id)
    .bind(requested)
    .bind(match state {
        Status::Expired | Status::Terminated => end_at,
        _ => activated.unwrap_or(requested),
    })
    .bind(activated)
    .bind(end_at)
    .bind(seed.as_ref().map(|s| s.to_vec()))
    .execute(&mut **tx)
    .await?;
    // Who moved it on: the agent requests and terminates, the customer's admin approves, time
    // expires.
    let approver = format!(
        "admin@{}",
        portal_store::generated::tenant_domain(customer_name)
    );
    let mut steps: Vec<Step> = vec![(
        Status::ApprovalPending,
        requested,
        Some((agent_id, agent_email)),
    )];
    if let Some(at) = activated {
        steps.push((Status::Active, at, Some(("", approver.as_str()))));
    }
    match state {
        Status::Expired => steps.push((Status::Expired, end_at, None)),
        Status::Terminated => {
            steps.push((Status::Terminated, end_at, Some((agent_id, agent_email))))
        }
        _ => {}
    }
    for (status, at, by) in &steps {
        history_row(tx, &id, *status, *at, by.map(|b| b.1), false).await?;
    }
    for (group, roles) in d.assignments {
        let Some((_, group_id)) = groups.iter().find(|(name, _)| name == group) else {
            continue;
        };
        let roles: Vec<String> = roles.iter().map(|r| (*r).to_owned()).collect();
        let at = activated.unwrap_or(now) + DAY;
        sqlx::query(
            "INSERT INTO access_assignments (id, relationship_id, group_id, roles, created_at, modified_at)
             VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(new_id())
        .bind(&id)
        .bind(group_id)
        .bind(roles_text(&roles))
        .bind(at)
        .bind(at)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}
