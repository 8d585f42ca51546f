//! Sign-in and the signed-in user.

use serde::{Deserialize, Serialize};

pub use crate::validation::EMAIL_MAX_LEN;
/// Passwords longer than this are refused before hashing, so nobody can make the server hash
/// megabytes.
pub const PASSWORD_MAX_LEN: usize = 256;

/// `POST /api/v1/auth/signin`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SignInRequest {
    pub email: String,
    pub password: String,
}

/// A role a user holds in their organisation. Partner staff hold one or more of the four agent
/// roles; customer administrators are `GlobalAdmin` or `User`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub enum Role {
    GlobalAdmin,
    AdminAgent,
    SalesAgent,
    HelpdeskAgent,
    User,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::GlobalAdmin,
        Role::AdminAgent,
        Role::SalesAgent,
        Role::HelpdeskAgent,
        Role::User,
    ];

    /// The stable name used in storage and on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::GlobalAdmin => "globalAdmin",
            Role::AdminAgent => "adminAgent",
            Role::SalesAgent => "salesAgent",
            Role::HelpdeskAgent => "helpdeskAgent",
            Role::User => "user",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// The sovereign cloud a partner operates in. It decides the customer portal and whether
/// delegated admin privileges may be left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub enum Cloud {
    Public,
    Germany,
    UsGovernment,
}

impl Cloud {
    pub fn as_str(self) -> &'static str {
        match self {
            Cloud::Public => "public",
            Cloud::Germany => "germany",
            Cloud::UsGovernment => "usGovernment",
        }
    }

    pub fn parse(s: &str) -> Option<Cloud> {
        [Cloud::Public, Cloud::Germany, Cloud::UsGovernment]
            .into_iter()
            .find(|c| c.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub enum OrganizationKind {
    Partner,
    Customer,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct UserInfo {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub roles: Vec<Role>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct OrganizationInfo {
    pub id: String,
    pub name: String,
    pub kind: OrganizationKind,
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
    /// Set for partners only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cloud: Option<Cloud>,
}

/// `GET /api/v1/me`: who is signed in, and for which organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Me {
    pub user: UserInfo,
    pub organization: OrganizationInfo,
}

/// `GET /api/v1/auth/session`: whether this browser is signed in. Always 200, so an app can ask
/// at start-up without a failed request in the console; `me` is absent when signed out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct SessionInfo {
    #[serde(default)]
    pub me: Option<Me>,
}

impl Me {
    pub fn has_role(&self, role: Role) -> bool {
        self.user.roles.contains(&role)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_names_round_trip_through_storage_and_json() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
            let json = serde_json::to_string(&role).unwrap();
            assert_eq!(json, format!("\"{}\"", role.as_str()));
        }
        assert_eq!(Role::parse("root"), None);
    }

    #[test]
    fn sign_in_request_refuses_unknown_fields() {
        let r: Result<SignInRequest, _> =
            serde_json::from_str(r#"{"email":"a@b.c","password":"x","admin":true}"#);
        assert!(r.is_err());
    }
}
