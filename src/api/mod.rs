//! The API client: generic requests ([`ApiClient::get`], [`ApiClient::post`], …) typed by the
//! contract crate, and a few wrappers where a request means more than its path (a list's query
//! from its URL state, the session's answer). Cookies go with every request
//! (`credentials: include`), so the same build works against another API origin.

mod error;
mod gdap;
mod oidc;

pub use error::{ApiError, ErrorKind};

use gloo_net::http::{Request, RequestBuilder, Response};
use portal_contract::AuditKind;
use portal_contract::paths::customers_query as q;
use portal_contract::{
    AuditRecord, Customer, CustomerUser, Invitation, InvitationLookup, InvitationPreview, Language,
    Me, Page, SessionInfo, SetSupportPartner, Subscription, paths,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use web_sys::{AbortSignal, RequestCredentials};

use crate::customer_list::ListParams;

/// Query parameters: name and value.
pub type Query<'a> = [(&'a str, &'a str)];

/// Talks to the API at `base` (empty: this origin). Cheap to clone; provided as context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiClient {
    base: String,
}

impl ApiClient {
    pub fn new(base: impl Into<String>) -> ApiClient {
        ApiClient { base: base.into() }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// `GET path?query`, answered with a `T`. A superseded request is cancelled through
    /// `abort`.
    pub async fn get<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &Query<'_>,
        abort: Option<&AbortSignal>,
    ) -> Result<T, ApiError> {
        let request = Request::get(&self.url(path))
            .credentials(RequestCredentials::Include)
            .query(query.iter().copied())
            .abort_signal(abort);
        decode(send(request, None::<&()>).await?).await
    }

    /// `POST path` with `body` as JSON, answered with a `T`.
    pub async fn post<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T, ApiError> {
        decode(send(self.post_to(path), Some(body)).await?).await
    }

    /// `POST path` without a body (an action the path names), answered with a `T`.
    pub async fn act<T: DeserializeOwned>(&self, path: &str) -> Result<T, ApiError> {
        decode(send(self.post_to(path), None::<&()>).await?).await
    }

    /// `POST path` without a body, whose answer has nothing to read.
    pub async fn act_quietly(&self, path: &str) -> Result<(), ApiError> {
        send(self.post_to(path), None::<&()>).await.map(drop)
    }

    /// A change to something the client read, sent with `If-Match: etag` (its `@odata.etag`),
    /// so a change made meanwhile by someone else answers 412 instead of being overwritten.
    /// `body` goes as JSON when given; the answer is a `T`.
    pub async fn change<B: Serialize, T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        etag: &str,
        body: Option<&B>,
    ) -> Result<T, ApiError> {
        decode(send(self.conditional(method, path, etag), body).await?).await
    }

    /// Like [`ApiClient::change`], for an answer with nothing to read (a `DELETE`'s 204).
    pub async fn change_quietly(
        &self,
        method: Method,
        path: &str,
        etag: &str,
    ) -> Result<(), ApiError> {
        send(self.conditional(method, path, etag), None::<&()>)
            .await
            .map(drop)
    }

    fn conditional(&self, method: Method, path: &str, etag: &str) -> RequestBuilder {
        let url = self.url(path);
        let request = match method {
            Method::Post => Request::post(&url),
            Method::Patch => Request::patch(&url),
            Method::Delete => Request::delete(&url),
        };
        request
            .credentials(RequestCredentials::Include)
            .header("If-Match", etag)
    }

    fn post_to(&self, path: &str) -> RequestBuilder {
        Request::post(&self.url(path)).credentials(RequestCredentials::Include)
    }

    /// Who is signed in, if anyone (never a 401, so nothing red in the console at start-up).
    /// The first time, the page has usually asked already (`prefetched`).
    pub async fn session(&self) -> Result<Option<Me>, ApiError> {
        let info: SessionInfo = match crate::prefetched::take(&self.url(paths::SESSION)).await {
            Some(answer) => decode(checked(answer.map_err(|()| ApiError::Network)?).await?).await?,
            None => self.get(paths::SESSION, &[], None).await?,
        };
        Ok(info.me)
    }

    /// One page of customers for the list's search, order and page.
    pub async fn customers(
        &self,
        params: &ListParams,
        abort: Option<&AbortSignal>,
    ) -> Result<Page<Customer>, ApiError> {
        let order = params.order.to_string();
        let size = params.page_size().to_string();
        let mut query = vec![(q::SORT, order.as_str()), (q::SIZE, size.as_str())];
        if !params.text.trim().is_empty() {
            query.push((q::FILTER, params.text.as_str()));
        }
        if let Some(token) = &params.page {
            query.push((q::CONTINUATION_TOKEN, token.as_str()));
        }
        self.get(paths::CUSTOMERS, &query, abort).await
    }

    /// The customer's users in name order, `size` at a time.
    pub async fn customer_users(
        &self,
        customer_id: &str,
        size: u32,
        continuation_token: Option<&str>,
    ) -> Result<Page<CustomerUser>, ApiError> {
        let size = size.to_string();
        let mut query = vec![(q::SIZE, size.as_str())];
        if let Some(token) = continuation_token {
            query.push((q::CONTINUATION_TOKEN, token));
        }
        self.get(&paths::customer_users(customer_id), &query, None)
            .await
    }

    /// Suspends or reactivates a subscription.
    pub async fn change_subscription(
        &self,
        customer_id: &str,
        subscription_id: &str,
        action: StatusChange,
    ) -> Result<Subscription, ApiError> {
        self.act(&paths::subscription_action(
            customer_id,
            subscription_id,
            action.as_str(),
        ))
        .await
    }

    /// Chooses the subscription's designated support partner.
    pub async fn set_support_partner(
        &self,
        customer_id: &str,
        subscription_id: &str,
        body: &SetSupportPartner,
    ) -> Result<Subscription, ApiError> {
        let path = paths::subscription_action(customer_id, subscription_id, "supportcontact");
        self.post(&path, body).await
    }

    /// The audit log, newest first, filtered.
    pub async fn audit_records(
        &self,
        filter: &AuditFilter,
        continuation_token: Option<&str>,
    ) -> Result<Page<AuditRecord>, ApiError> {
        let mut query = filter.query();
        if let Some(token) = continuation_token {
            query.push((q::CONTINUATION_TOKEN, token.to_owned()));
        }
        let query: Vec<(&str, &str)> = query.iter().map(|(k, v)| (*k, v.as_str())).collect();
        self.get(paths::AUDIT_RECORDS, &query, None).await
    }

    /// Where the browser downloads the CSV of the same records, its sentences in `language`.
    pub fn audit_export_url(&self, filter: &AuditFilter, language: Language) -> String {
        let mut query = filter.query();
        query.push(("language", language.as_str().to_owned()));
        let query: Vec<String> = query
            .iter()
            .map(|(k, v)| format!("{k}={}", crate::url::encode_component(v)))
            .collect();
        format!("{}?{}", self.url(paths::AUDIT_RECORDS_CSV), query.join("&"))
    }

    /// One page of invitations as the Invitations page's URL says (status, e-mail search,
    /// page), newest first.
    pub async fn invitations(
        &self,
        params: &crate::invitation_list::ListParams,
        abort: Option<&AbortSignal>,
    ) -> Result<Page<Invitation>, ApiError> {
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
        self.get(paths::RELATIONSHIP_REQUESTS, &query, abort).await
    }

    /// What an invitation link offers; the token goes in the body, never in a URL.
    pub async fn lookup_invitation(&self, token: &str) -> Result<InvitationPreview, ApiError> {
        let body = InvitationLookup {
            token: token.to_owned(),
        };
        self.post(paths::INVITATION_LOOKUP, &body).await
    }
}

/// The methods of a conditional change ([`ApiClient::change`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Post,
    Patch,
    Delete,
}

/// A subscription's status change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusChange {
    Suspend,
    Reactivate,
}

impl StatusChange {
    /// The action's path segment.
    pub fn as_str(self) -> &'static str {
        match self {
            StatusChange::Suspend => "suspend",
            StatusChange::Reactivate => "reactivate",
        }
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

/// Sends the request (with `body` as JSON, if any) and returns a 2xx answer, or says what
/// failed: the body could not be serialised, no answer came, or the API answered an error.
async fn send<B: Serialize>(
    request: RequestBuilder,
    body: Option<&B>,
) -> Result<Response, ApiError> {
    let request = match body {
        Some(body) => request.json(body).map_err(|_| ApiError::Encode)?,
        None => request.build().map_err(|_| ApiError::Encode)?,
    };
    checked(request.send().await.map_err(|_| ApiError::Network)?).await
}

/// A 2xx answer as it is; any other is the API's error.
async fn checked(response: Response) -> Result<Response, ApiError> {
    if response.ok() {
        return Ok(response);
    }
    let status = response.status();
    let body = response.text().await.unwrap_or_default();
    Err(ApiError::from_status(status, &body))
}

/// The answer's body as a `T`.
async fn decode<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    response.json().await.map_err(|_| ApiError::Decode)
}
