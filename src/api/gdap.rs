//! Granular admin relationships: the requests whose meaning is more than their path (a list's
//! query from its URL state, a change with its ETag).

use portal_contract::gdap::{
    AccessAssignment, AccessContainer, AccessDetails, AdminRelationship, ApprovalPreview,
    ApprovalToken, CreateAccessAssignment, RelationshipAction, RelationshipRequest, UnifiedRole,
    UpdateAccessAssignment,
};
use portal_contract::paths;
use portal_contract::{Customer, Page};
use web_sys::AbortSignal;

use super::{ApiClient, ApiError, Method};
use crate::gdap::customer_picker;
use crate::gdap::list::ListParams;

/// The roles of `ids`, as the API carries them.
pub fn access_details(ids: &[String]) -> AccessDetails {
    AccessDetails {
        unified_roles: ids
            .iter()
            .map(|id| UnifiedRole {
                role_definition_id: id.clone(),
            })
            .collect(),
    }
}

impl ApiClient {
    /// One page of the partner's relationships as the list's URL says; `customer_id` narrows
    /// it to one customer.
    pub async fn admin_relationships(
        &self,
        params: &ListParams,
        customer_id: Option<&str>,
        abort: Option<&AbortSignal>,
    ) -> Result<Page<AdminRelationship>, ApiError> {
        let query = params.api_query(customer_id);
        let query: Vec<(&str, &str)> = query.iter().map(|(k, v)| (*k, v.as_str())).collect();
        self.get(paths::ADMIN_RELATIONSHIPS, &query, abort).await
    }

    /// The first customers whose name or domain starts with `text` (all of them, in name
    /// order, when it is empty), for the request form's customer picker.
    pub async fn customer_matches(
        &self,
        text: &str,
        abort: Option<&AbortSignal>,
    ) -> Result<Page<Customer>, ApiError> {
        let query = customer_picker::api_query(text);
        let query: Vec<(&str, &str)> = query.iter().map(|(k, v)| (*k, v.as_str())).collect();
        self.get(paths::CUSTOMERS, &query, abort).await
    }

    /// Terminates a relationship, or issues a new approval link for a pending one.
    pub async fn admin_relationship_action(
        &self,
        relationship: &AdminRelationship,
        action: RelationshipAction,
    ) -> Result<AdminRelationship, ApiError> {
        self.change(
            Method::Post,
            &paths::admin_relationship_requests(&relationship.id),
            &relationship.etag,
            Some(&RelationshipRequest { action }),
        )
        .await
    }

    /// Gives a security group some of the relationship's roles.
    pub async fn add_access_assignment(
        &self,
        relationship_id: &str,
        group_id: &str,
        roles: &[String],
    ) -> Result<AccessAssignment, ApiError> {
        let body = CreateAccessAssignment {
            access_container: AccessContainer {
                access_container_id: group_id.to_owned(),
                access_container_type: "securityGroup".to_owned(),
            },
            access_details: access_details(roles),
        };
        self.post(&paths::access_assignments(relationship_id), &body)
            .await
    }

    /// Changes the roles of an assignment.
    pub async fn update_access_assignment(
        &self,
        relationship_id: &str,
        assignment: &AccessAssignment,
        roles: &[String],
    ) -> Result<AccessAssignment, ApiError> {
        let body = UpdateAccessAssignment {
            access_details: access_details(roles),
        };
        self.change(
            Method::Patch,
            &paths::access_assignment(relationship_id, &assignment.id),
            &assignment.etag,
            Some(&body),
        )
        .await
    }

    /// Removes an assignment.
    pub async fn remove_access_assignment(
        &self,
        relationship_id: &str,
        assignment: &AccessAssignment,
    ) -> Result<(), ApiError> {
        self.change_quietly(
            Method::Delete,
            &paths::access_assignment(relationship_id, &assignment.id),
            &assignment.etag,
        )
        .await
    }

    /// What an approval link asks for; the token goes in the body, never in a URL.
    pub async fn lookup_approval(&self, token: &str) -> Result<ApprovalPreview, ApiError> {
        let body = ApprovalToken {
            token: token.to_owned(),
        };
        self.post(paths::ADMIN_APPROVAL_LOOKUP, &body).await
    }

    /// The customer's Global admin approves every requested role.
    pub async fn approve_admin_relationship(
        &self,
        token: &str,
    ) -> Result<AdminRelationship, ApiError> {
        let body = ApprovalToken {
            token: token.to_owned(),
        };
        self.post(paths::ADMIN_APPROVAL_APPROVE, &body).await
    }

    /// The customer ends a partner's relationship.
    pub async fn customer_terminate_admin_relationship(
        &self,
        relationship: &AdminRelationship,
    ) -> Result<AdminRelationship, ApiError> {
        self.change(
            Method::Post,
            &paths::customer_admin_relationship_terminate(&relationship.id),
            &relationship.etag,
            None::<&()>,
        )
        .await
    }
}
