//! Users, their organisation and roles.

use async_trait::async_trait;
use portal_contract::{Cloud, Me, OrganizationInfo, OrganizationKind, Role, UserInfo};
use portal_store::{Credentials, StoreResult, Users};
use sqlx::Row;

use crate::engine;
use crate::{Db, DbResult, stored_name};

#[async_trait]
impl Users for Db {
    async fn credentials(&self, email: &str) -> StoreResult<Option<Credentials>> {
        engine(async {
            let row = sqlx::query("SELECT id, password_hash FROM users WHERE email = ?")
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
        let user_id = user_id.to_owned();
        engine(self.readers.read(move |c| {
            let sql = format!("SELECT {ME_COLUMNS} FROM {ME_TABLES} WHERE u.id = ?");
            let mut statement = crate::reads::prepare(c, &sql)?;
            let mut rows = statement.query([user_id])?;
            rows.next()?.map(me_of).transpose()
        }))
        .await
    }
}

/// A user with organisation and roles in one row (`roles` comma-separated), for `me_of`.
pub(super) const ME_COLUMNS: &str = "u.id, u.email, u.display_name, o.id AS org_id, o.name,
    o.kind, o.country, o.cloud,
    (SELECT group_concat(role) FROM user_roles WHERE user_id = u.id) AS roles";
pub(super) const ME_TABLES: &str = "users u JOIN organizations o ON o.id = u.organization_id";

pub(super) fn me_of(row: &rusqlite::Row<'_>) -> DbResult<Me> {
    let mut roles = row
        .get::<_, Option<String>>("roles")?
        .unwrap_or_default()
        .split(',')
        .filter(|r| !r.is_empty())
        .map(|r| stored_name("role", r, Role::parse))
        .collect::<DbResult<Vec<Role>>>()?;
    roles.sort();
    let kind = stored_name("kind", &row.get::<_, String>("kind")?, |k| match k {
        "partner" => Some(OrganizationKind::Partner),
        "customer" => Some(OrganizationKind::Customer),
        _ => None,
    })?;
    Ok(Me {
        user: UserInfo {
            id: row.get("id")?,
            email: row.get("email")?,
            display_name: row.get("display_name")?,
            roles,
        },
        organization: OrganizationInfo {
            id: row.get("org_id")?,
            name: row.get("name")?,
            kind,
            country: row.get("country")?,
            cloud: row
                .get::<_, Option<String>>("cloud")?
                .map(|c| stored_name("cloud", &c, Cloud::parse))
                .transpose()?,
        },
    })
}
