//! Which organisation the signed-in person acts for, and what they may do there. Handlers take
//! one of these extractors instead of checking kinds and roles themselves:
//!
//! - [`PartnerUser`]: a partner's staff (403 for a customer's people);
//! - [`CustomerUser`]: a customer's people, with their organisation (403 `notCustomerAccount`);
//! - [`Can<P>`]: either of those holding the contract's permission `P` (403 otherwise).
//!
//! Extractors of the request's head run before its body is read, so a role that may not act is
//! refused with 403 before a malformed body could earn a 422.

use std::marker::PhantomData;
use std::ops::Deref;

use axum::extract::FromRequestParts;
use axum::http::StatusCode;
use axum::http::request::Parts;
use portal_contract::{Cloud, ErrorCode, OrganizationKind, Permission};

use super::{ApiError, CurrentUser};
use crate::AppState;
use crate::domain::ids::{Actor, CustomerId, PartnerId, UserId};
use crate::domain::time::now_unix;
use crate::store::OrganizationRow;

/// A signed-in member of a partner organisation.
#[derive(Debug, Clone)]
pub struct PartnerUser {
    pub user: CurrentUser,
    pub partner_id: PartnerId,
    pub cloud: Cloud,
    user_id: UserId,
}

impl PartnerUser {
    fn of(user: CurrentUser) -> Result<PartnerUser, ApiError> {
        let org = &user.me.organization;
        if org.kind != OrganizationKind::Partner {
            return Err(ApiError::Forbidden(
                "Only partner organisations may do this.".into(),
            ));
        }
        let cloud = org
            .cloud
            .ok_or_else(|| ApiError::Internal("a partner organisation without a cloud".into()))?;
        Ok(PartnerUser {
            partner_id: PartnerId::new(org.id.clone()),
            user_id: UserId::new(user.me.user.id.clone()),
            cloud,
            user,
        })
    }

    /// The person acting now, for the audit log.
    pub fn actor(&self) -> Actor<'_> {
        actor(&self.user_id, &self.user)
    }

    pub fn can(&self, permission: Permission) -> bool {
        self.user.me.can(permission)
    }
}

/// A signed-in member of a customer organisation, with the organisation as stored.
#[derive(Debug, Clone)]
pub struct CustomerUser {
    pub user: CurrentUser,
    pub customer_id: CustomerId,
    pub organization: OrganizationRow,
    user_id: UserId,
}

impl CustomerUser {
    async fn of(user: CurrentUser, state: &AppState) -> Result<CustomerUser, ApiError> {
        if user.me.organization.kind != OrganizationKind::Customer {
            return Err(ApiError::refused(
                StatusCode::FORBIDDEN,
                ErrorCode::NotCustomerAccount,
                "This account belongs to a partner, not to a customer organisation. Sign in with your organisation's account.",
            ));
        }
        let customer_id = CustomerId::new(user.me.organization.id.clone());
        let organization = state
            .store
            .organization(&customer_id)
            .await?
            .ok_or(ApiError::NotFound)?;
        Ok(CustomerUser {
            user_id: UserId::new(user.me.user.id.clone()),
            customer_id,
            organization,
            user,
        })
    }

    /// The person acting now, for the audit log.
    pub fn actor(&self) -> Actor<'_> {
        actor(&self.user_id, &self.user)
    }

    pub fn can(&self, permission: Permission) -> bool {
        self.user.me.can(permission)
    }
}

fn actor<'a>(user_id: &'a UserId, user: &'a CurrentUser) -> Actor<'a> {
    Actor {
        user_id,
        email: &user.me.user.email,
        now: now_unix(),
    }
}

impl FromRequestParts<AppState> for PartnerUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        PartnerUser::of(CurrentUser::from_request_parts(parts, state).await?)
    }
}

impl FromRequestParts<AppState> for CustomerUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        CustomerUser::of(CurrentUser::from_request_parts(parts, state).await?, state).await
    }
}

/// The session behind an organisation's user.
pub trait SignedIn {
    fn signed_in(&self) -> &CurrentUser;
}

impl SignedIn for PartnerUser {
    fn signed_in(&self) -> &CurrentUser {
        &self.user
    }
}

impl SignedIn for CustomerUser {
    fn signed_in(&self) -> &CurrentUser {
        &self.user
    }
}

/// A permission as a type, so a handler can name it in its arguments: `Can<ManageInvitations>`.
pub trait Needs: Send + Sync + 'static {
    const PERMISSION: Permission;
    /// Who may hold it: [`PartnerUser`] or [`CustomerUser`].
    type Who: FromRequestParts<AppState, Rejection = ApiError> + SignedIn + Send;

    /// The refusal for someone of the right organisation without the role.
    fn refusal() -> ApiError {
        let names: Vec<&str> = Self::PERMISSION
            .roles()
            .iter()
            .map(|r| r.as_str())
            .collect();
        ApiError::Forbidden(format!(
            "This needs one of the roles: {}.",
            names.join(", ")
        ))
    }
}

/// `Who` holding permission `P`; derefs to `Who`.
#[derive(Debug, Clone)]
pub struct Can<P: Needs> {
    who: P::Who,
    _permission: PhantomData<P>,
}

impl<P: Needs> Can<P> {
    pub fn into_inner(self) -> P::Who {
        self.who
    }
}

impl<P: Needs> Deref for Can<P> {
    type Target = P::Who;

    fn deref(&self) -> &P::Who {
        &self.who
    }
}

impl<P: Needs> FromRequestParts<AppState> for Can<P> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let who = P::Who::from_request_parts(parts, state).await?;
        if !who.signed_in().me.can(P::PERMISSION) {
            return Err(P::refusal());
        }
        Ok(Can {
            who,
            _permission: PhantomData,
        })
    }
}

macro_rules! permission {
    ($(#[$doc:meta])* $name:ident, $who:ty $(, $refusal:expr)?) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy)]
        pub struct $name;

        impl Needs for $name {
            const PERMISSION: Permission = Permission::$name;
            type Who = $who;
            $(fn refusal() -> ApiError {
                ApiError::refused(StatusCode::FORBIDDEN, ErrorCode::NotGlobalAdmin, $refusal)
            })?
        }
    };
}

/// The contract's permissions as types for [`Can`].
pub mod perm {
    use super::*;

    permission!(
        /// Create and revoke invitations.
        ManageInvitations, PartnerUser
    );
    permission!(
        /// Suspend and reactivate subscriptions.
        ChangeSubscriptionStatus, PartnerUser
    );
    permission!(
        /// Choose a subscription's support partner.
        ChangeSupportPartner, PartnerUser
    );
    permission!(
        /// Open a service request.
        OpenServiceRequest, PartnerUser
    );
    permission!(
        /// End a reseller relationship.
        RemoveCustomerRelationship, PartnerUser
    );
    permission!(
        /// Read and export the audit log.
        ReadAuditLog, PartnerUser
    );
    permission!(
        /// Accept an invitation for the customer.
        AcceptInvitation,
        CustomerUser,
        "Only a Global admin of your organisation can accept this invitation."
    );
    permission!(
        /// Request, terminate and assign granular admin relationships.
        ManageAdminRelationships, PartnerUser
    );
    permission!(
        /// Approve or terminate a granular admin relationship for the customer.
        ApproveAdminRelationships,
        CustomerUser,
        "Only a Global admin of your organisation can approve or terminate granular admin relationships."
    );
    permission!(
        /// Remove a partner's admin roles.
        RemovePartnerRoles,
        CustomerUser,
        "Only a Global admin of your organisation can remove a partner's roles."
    );
}
