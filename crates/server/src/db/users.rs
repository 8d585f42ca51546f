//! Users, their organisation and roles.

use portal_contract::{Cloud, Me, OrganizationInfo, OrganizationKind, Role, UserInfo};
use sqlx::Row;

use super::{Db, DbResult};

/// What sign-in needs to check a password.
#[derive(Debug, Clone)]
pub struct Credentials {
    pub user_id: String,
    pub password_hash: String,
}

impl Db {
    /// `email` must already be normalised (see `EmailAddress`).
    pub async fn credentials(&self, email: &str) -> DbResult<Option<Credentials>> {
        let row = sqlx::query("SELECT id, password_hash FROM users WHERE email = ?")
            .bind(email)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| Credentials {
            user_id: r.get("id"),
            password_hash: r.get("password_hash"),
        }))
    }

    /// The user with their organisation and roles.
    pub async fn me(&self, user_id: &str) -> DbResult<Option<Me>> {
        let sql = format!("SELECT {ME_COLUMNS} FROM {ME_TABLES} WHERE u.id = ?");
        let row = sqlx::query(&sql)
            .bind(user_id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.as_ref().map(me_of))
    }
}

/// A user with organisation and roles in one row (`roles` comma-separated), for `me_of`.
pub(super) const ME_COLUMNS: &str = "u.id, u.email, u.display_name, o.id AS org_id, o.name,
    o.kind, o.country, o.cloud,
    (SELECT group_concat(role) FROM user_roles WHERE user_id = u.id) AS roles";
pub(super) const ME_TABLES: &str = "users u JOIN organizations o ON o.id = u.organization_id";

pub(super) fn me_of(row: &sqlx::sqlite::SqliteRow) -> Me {
    let mut roles: Vec<Role> = row
        .get::<Option<String>, _>("roles")
        .unwrap_or_default()
        .split(',')
        .filter_map(Role::parse)
        .collect();
    roles.sort();
    let kind = if row.get::<String, _>("kind") == "partner" {
        OrganizationKind::Partner
    } else {
        OrganizationKind::Customer
    };
    Me {
        user: UserInfo {
            id: row.get("id"),
            email: row.get("email"),
            display_name: row.get("display_name"),
            roles,
        },
        organization: OrganizationInfo {
            id: row.get("org_id"),
            name: row.get("name"),
            kind,
            country: row.get("country"),
            cloud: row
                .get::<Option<String>, _>("cloud")
                .as_deref()
                .and_then(Cloud::parse),
        },
    }
}
