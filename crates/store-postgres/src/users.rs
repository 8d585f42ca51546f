//! Users, their organisation and roles.

use async_trait::async_trait;
use portal_contract::{Cloud, Me, OrganizationInfo, OrganizationKind, Role, UserInfo};
use portal_store::{Credentials, StoreResult, Users};
use sqlx::Row;
use sqlx::postgres::PgRow;

use crate::engine;
use crate::{Db, DbResult, stored_name};

#[async_trait]
impl Users for Db {
    async fn credentials(&self, email: &str) -> StoreResult<Option<Credentials>> {
        engine(async {
            let row = sqlx::query("SELECT id, password_hash FROM users WHERE email = $1")
                .bind(email)
                .fetch_optional(&self.pool)
                .await?;
            row.map(|r| {
                Ok(Credentials {
                    user_id: r.try_get("id")?,
                    password_hash: r.try_get("password_hash")?,
                })
            })
            .transpose()
        })
        .await
    }

    async fn me(&self, user_id: &str) -> StoreResult<Option<Me>> {
        engine(async {
            let sql = format!("SELECT {ME_COLUMNS} FROM {ME_TABLES} WHERE u.id = $1");
            let row = sqlx::query(&sql)
                .bind(user_id)
                .fetch_optional(&self.pool)
                .await?;
            row.as_ref().map(me_of).transpose()
        })
        .await
    }
}

/// A user with organisation and roles (a `text[]`) in one row, for `me_of`.
pub(super) const ME_COLUMNS: &str = "u.id, u.email, u.display_name, o.id AS org_id, o.name,
    o.kind, o.country, o.cloud,
    ARRAY(SELECT role FROM user_roles WHERE user_id = u.id) AS roles";
pub(super) const ME_TABLES: &str = "users u JOIN organizations o ON o.id = u.organization_id";

pub(super) fn me_of(row: &PgRow) -> DbResult<Me> {
    let mut roles = row
        .try_get::<Vec<String>, _>("roles")?
        .iter()
        .map(|r| stored_name("role", r, Role::parse))
        .collect::<DbResult<Vec<Role>>>()?;
    roles.sort();
    let kind = stored_name("kind", row.try_get("kind")?, |k| match k {
        "partner" => Some(OrganizationKind::Partner),
        "customer" => Some(OrganizationKind::Customer),
        _ => None,
    })?;
    Ok(Me {
        user: UserInfo {
            id: row.try_get("id")?,
            email: row.try_get("email")?,
            display_name: row.try_get("display_name")?,
            roles,
        },
        organization: OrganizationInfo {
            id: row.try_get("org_id")?,
            name: row.try_get("name")?,
            kind,
            country: row.try_get("country")?,
            cloud: row
                .try_get::<Option<&str>, _>("cloud")?
                .map(|c| stored_name("cloud", c, Cloud::parse))
                .transpose()?,
        },
    })
}
