//! The API client: one method per endpoint, typed by the contract crate. Cookies go with every
//! request (`credentials: include`), so the same build works against another API origin.

mod error;
mod oidc;

pub use error::{ApiError, ErrorKind};

use gloo_net::http::{Request, RequestBuilder, Response};
use portal_contract::Language;
use portal_contract::{
    AcceptInvitation, AuditKind, AuditRecord, CreateRelationshipRequest, Customer, CustomerDetail,
    CustomerUser, IndirectReseller, Invitation, InvitationLookup, InvitationPreview, License, Me,
    NewServiceRequest, Page, PartnerRelationship, ServiceRequest, SessionInfo, SetSupportPartner,
    SignInRequest, Subscription, paths,
};
use serde::de::DeserializeOwned;

use crate::customer_list::ListParams;
use web_sys::RequestCredentials;

/// Talks to the API at `base` (empty: this origin). Cheap to clone; provided as context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiClient {
    base: String,
}

impl ApiClient {
    pub fn new(base: impl Into<String>) -> ApiClient {
        ApiClient { base: base.into() }
    }

    fn get(&self, path: &str) -> RequestBuilder {
        Request::get(&format!("{}{path}", self.base)).credentials(RequestCredentials::Include)
    }

    fn post(&self, path: &str) -> RequestBuilder {
        Request::post(&format!("{}{path}", self.base)).credentials(RequestCredentials::Include)
    }

    /// Who is signed in, if anyone (never a 401, so nothing red in the console at start-up).
    pub async fn session(&self) -> Result<Option<Me>, ApiError> {
        let info: SessionInfo = json(self.get(paths::SESSION).send().await).await?;
        Ok(info.me)
    }

    pub async fn sign_in(&self, request: &SignInRequest) -> Result<Me, ApiError> {
        let request = self
            .post(paths::SIGN_IN)
            .json(request)
            .map_err(|_| ApiError::Network)?;
        json(request.send().await).await
    }

    pub async fn sign_out(&self) -> Result<(), ApiError> {
        checked(self.post(paths::SIGN_OUT).send().await)
            .await
            .map(drop)
    }

    /// One page of customers for the list's search, order and page. A superseded request is
    /// cancelled through `abort`.
    pub async fn customers(
        &self,
        params: &ListParams,
        abort: Option<&web_sys::AbortSignal>,
    ) -> Result<Page<Customer>, ApiError> {
        use paths::customers_query as q;
        let order = params.order.to_string();
        let size = params.page_size().to_string();
        let mut query = vec![(q::SORT, order.as_str()), (q::SIZE, size.as_str())];
        if !params.text.trim().is_empty() {
            query.push((q::FILTER, params.text.as_str()));
        }
        if let Some(token) = &params.page {
            query.push((q::CONTINUATION_TOKEN, token.as_str()));
        }
        let request = self.get(paths::CUSTOMERS).query(query).abort_signal(abort);
        json(request.send().await).await
    }

    pub async fn customer(&self, id: &str) -> Result<CustomerDetail, ApiError> {
        json(self.get(&paths::customer(id)).send().await).await
    }

    pub async fn subscriptions(&self, customer_id: &str) -> Result<Page<Subscription>, ApiError> {
        json(
            self.get(&paths::customer_subscriptions(customer_id))
                .send()
                .await,
        )
        .await
    }

    /// The customer's users in name order, `size` at a time.
    pub async fn customer_users(
        &self,
        customer_id: &str,
        size: u32,
        continuation_token: Option<&str>,
    ) -> Result<Page<CustomerUser>, ApiError> {
        let size = size.to_string();
        let mut query = vec![(paths::customers_query::SIZE, size.as_str())];
        if let Some(token) = continuation_token {
            query.push((paths::customers_query::CONTINUATION_TOKEN, token));
        }
        let request = self.get(&paths::customer_users(customer_id)).query(query);
        json(request.send().await).await
    }

    pub async fn licenses(&self, customer_id: &str) -> Result<Page<License>, ApiError> {
        json(
            self.get(&paths::customer_licenses(customer_id))
                .send()
                .await,
        )
        .await
    }

    /// Ends the reseller relationship (Global admin; no active subscriptions).
    pub async fn remove_relationship(&self, customer_id: &str) -> Result<(), ApiError> {
        checked(
            self.post(&paths::remove_relationship(customer_id))
                .send()
                .await,
        )
        .await
        .map(drop)
    }

    /// `action`: `suspend` or `reactivate`.
    pub async fn change_subscription(
        &self,
        customer_id: &str,
        subscription_id: &str,
        action: &str,
    ) -> Result<Subscription, ApiError> {
        let path = paths::subscription_action(customer_id, subscription_id, action);
        json(self.post(&path).send().await).await
    }

    pub async fn set_support_partner(
        &self,
        customer_id: &str,
        subscription_id: &str,
        body: &SetSupportPartner,
    ) -> Result<Subscription, ApiError> {
        let path = paths::subscription_action(customer_id, subscription_id, "supportcontact");
        let request = self.post(&path).json(body).map_err(|_| ApiError::Network)?;
        json(request.send().await).await
    }

    pub async fn indirect_resellers(&self) -> Result<Page<IndirectReseller>, ApiError> {
        json(self.get(paths::INDIRECT_RESELLERS).send().await).await
    }

    pub async fn service_requests(
        &self,
        customer_id: &str,
    ) -> Result<Page<ServiceRequest>, ApiError> {
        json(
            self.get(&paths::customer_service_requests(customer_id))
                .send()
                .await,
        )
        .await
    }

    pub async fn open_service_request(
        &self,
        customer_id: &str,
        body: &NewServiceRequest,
    ) -> Result<ServiceRequest, ApiError> {
        let request = self
            .post(&paths::customer_service_requests(customer_id))
            .json(body)
            .map_err(|_| ApiError::Network)?;
        json(request.send().await).await
    }

    /// The audit log, newest first, filtered by customer and kind.
    pub async fn audit_records(
        &self,
        filter: &AuditFilter,
        continuation_token: Option<&str>,
    ) -> Result<Page<AuditRecord>, ApiError> {
        let mut query = filter.query();
        if let Some(token) = continuation_token {
            query.push((paths::customers_query::CONTINUATION_TOKEN, token.to_owned()));
        }
        let request = self
            .get(paths::AUDIT_RECORDS)
            .query(query.iter().map(|(k, v)| (*k, v.as_str())));
        json(request.send().await).await
    }

    /// Where the browser downloads the CSV of the same records, its sentences in `language`.
    pub fn audit_export_url(&self, filter: &AuditFilter, language: Language) -> String {
        let mut query = filter.query();
        query.push(("language", language.as_str().to_owned()));
        let query: Vec<String> = query
            .iter()
            .map(|(k, v)| format!("{k}={}", crate::url::encode_component(v)))
            .collect();
        format!(
            "{}{}?{}",
            self.base,
            paths::AUDIT_RECORDS_CSV,
            query.join("&")
        )
    }

    pub async fn create_invitation(
        &self,
        request: &CreateRelationshipRequest,
    ) -> Result<Invitation, ApiError> {
        let request = self
            .post(paths::RELATIONSHIP_REQUESTS)
            .json(request)
            .map_err(|_| ApiError::Network)?;
        json(request.send().await).await
    }

    pub async fn invitation(&self, id: &str) -> Result<Invitation, ApiError> {
        json(self.get(&paths::relationship_request(id)).send().await).await
    }

    /// One page of invitations as the Invitations page's URL says (status, e-mail search,
    /// page), newest first.
    pub async fn invitations(
        &self,
        params: &crate::invitation_list::ListParams,
        abort: Option<&web_sys::AbortSignal>,
    ) -> Result<Page<Invitation>, ApiError> {
        use paths::customers_query as q;
        let mut query = Vec::new();
        if let Some(status) = params.status {
            query.push((q::STATUS, status.as_str()));
        }
        if !params.text.trim().is_empty() {
            query.push((q::FILTER, params.text.as_str()));
        }
        if let Some(token) = &params.page {
            query.push((q::CONTINUATION_TOKEN, token.as_str()));
        }
        let request = self
            .get(paths::RELATIONSHIP_REQUESTS)
            .query(query)
            .abort_signal(abort);
        json(request.send().await).await
    }

    pub async fn lookup_invitation(&self, token: &str) -> Result<InvitationPreview, ApiError> {
        let body = InvitationLookup {
            token: token.to_owned(),
        };
        let request = self
            .post(paths::INVITATION_LOOKUP)
            .json(&body)
            .map_err(|_| ApiError::Network)?;
        json(request.send().await).await
    }

    pub async fn accept_invitation(
        &self,
        body: &AcceptInvitation,
    ) -> Result<Vec<PartnerRelationship>, ApiError> {
        let request = self
            .post(paths::INVITATION_ACCEPT)
            .json(body)
            .map_err(|_| ApiError::Network)?;
        json(request.send().await).await
    }

    pub async fn partner_relationships(&self) -> Result<Vec<PartnerRelationship>, ApiError> {
        json(self.get(paths::PARTNER_RELATIONSHIPS).send().await).await
    }

    pub async fn remove_partner_roles(
        &self,
        partner_id: &str,
    ) -> Result<Vec<PartnerRelationship>, ApiError> {
        json(
            self.post(&paths::remove_partner_roles(partner_id))
                .send()
                .await,
        )
        .await
    }

    pub async fn revoke_invitation(&self, id: &str) -> Result<Invitation, ApiError> {
        json(
            self.post(&paths::revoke_relationship_request(id))
                .send()
                .await,
        )
        .await
    }
}

/// The audit log's filters, as the page's URL and the API's query both hold them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AuditFilter {
    pub customer_id: Option<String>,
    pub kind: Option<AuditKind>,
    /// The e-mail address of the user who acted.
    pub user_email: Option<String>,
    /// First and last day, `YYYY-MM-DD` (as `<input type="date">` gives them).
    pub from: Option<String>,
    pub to: Option<String>,
}

impl AuditFilter {
    fn query(&self) -> Vec<(&'static str, String)> {
        let mut q = Vec::new();
        if let Some(c) = &self.customer_id {
            q.push(("customerId", c.clone()));
        }
        if let Some(k) = self.kind {
            q.push(("kind", k.as_str().to_owned()));
        }
        for (name, value) in [
            ("userEmail", &self.user_email),
            ("from", &self.from),
            ("to", &self.to),
        ] {
            if let Some(v) = value {
                q.push((name, v.clone()));
            }
        }
        q
    }

    /// The last day comes before the first: the server refuses it, so the page says so first.
    /// Days written `YYYY-MM-DD` compare as text.
    pub fn range_is_reversed(&self) -> bool {
        matches!((&self.from, &self.to), (Some(f), Some(t)) if t < f)
    }
}

/// A response with a 2xx status, or the API's error.
async fn checked(sent: Result<Response, gloo_net::Error>) -> Result<Response, ApiError> {
    let response = sent.map_err(|_| ApiError::Network)?;
    if response.ok() {
        return Ok(response);
    }
    let status = response.status();
    let body = response.text().await.unwrap_or_default();
    Err(ApiError::from_status(status, &body))
}

async fn json<T: DeserializeOwned>(sent: Result<Response, gloo_net::Error>) -> Result<T, ApiError> {
    checked(sent)
        .await?
        .json()
        .await
        .map_err(|_| ApiError::Unreadable)
}
