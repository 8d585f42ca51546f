//! After the relationship: removal, suspend/reactivate, support partners, service requests and
//! the audit log, each rule per role.

use portal_contract::{
    AuditKind, AuditRecord, Customer, ErrorCode, IndirectReseller, Invitation, Page,
    PartnerRelationship, ServiceRequest, ServiceRequestStatus, Subscription, SubscriptionStatus,
};
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::*;

async fn ok<T: serde::de::DeserializeOwned>(r: reqwest::Response) -> T {
    assert!(r.status().is_success(), "status {}", r.status());
    r.json().await.unwrap()
}

/// Contoso's customer named `prefix…`.
async fn customer(app: &TestApp, session: &str, prefix: &str) -> Customer {
    let page: Page<Customer> = ok(app
        .get(&format!("/api/v1/customers?filter={prefix}"), Some(session))
        .await)
    .await;
    page.items.into_iter().next().expect("the customer")
}

async fn subscriptions(app: &TestApp, session: &str, customer_id: &str) -> Vec<Subscription> {
    let page: Page<Subscription> = ok(app
        .get(
            &format!("/api/v1/customers/{customer_id}/subscriptions"),
            Some(session),
        )
        .await)
    .await;
    page.items
}

fn action(customer_id: &str, subscription_id: &str, what: &str) -> String {
    format!("/api/v1/customers/{customer_id}/subscriptions/{subscription_id}/{what}")
}

async fn audit(app: &TestApp, session: &str, query: &str) -> Vec<AuditRecord> {
    let page: Page<AuditRecord> = ok(app
        .get(&format!("/api/v1/auditrecords{query}"), Some(session))
        .await)
    .await;
    page.items
}

#[tokio::test]
async fn suspend_and_reactivate_by_role_with_their_audit_entries() {
    let app = TestApp::spawn().await;
    let agent = app.sign_in(ADMIN_AGENT).await;
    let c = customer(&app, &agent, "arvizturo").await;
    let sub = subscriptions(&app, &agent, &c.id).await.remove(0);
    assert_eq!(sub.status, SubscriptionStatus::Active);
    for who in [SALES_AGENT, HELPDESK] {
        let s = app.sign_in(who).await;
        let r = app
            .post_json(&action(&c.id, &sub.id, "suspend"), "{}", Some(&s))
            .await;
        assert_eq!(
            expect_error(r, StatusCode::FORBIDDEN).await.code,
            ErrorCode::Forbidden
        );
    }
    let suspended: Subscription = ok(app
        .post_json(&action(&c.id, &sub.id, "suspend"), "{}", Some(&agent))
        .await)
    .await;
    assert_eq!(suspended.status, SubscriptionStatus::Suspended);
    assert_eq!(suspended.version, sub.version + 1);
    let again = app
        .post_json(&action(&c.id, &sub.id, "suspend"), "{}", Some(&agent))
        .await;
    expect_error(again, StatusCode::CONFLICT).await;
    let active: Subscription = ok(app
        .post_json(&action(&c.id, &sub.id, "reactivate"), "{}", Some(&agent))
        .await)
    .await;
    assert_eq!(active.status, SubscriptionStatus::Active);
    // Another partner's admin agent cannot reach it.
    let tailspin = app.sign_in(TAILSPIN).await;
    let r = app
        .post_json(&action(&c.id, &sub.id, "suspend"), "{}", Some(&tailspin))
        .await;
    expect_error(r, StatusCode::NOT_FOUND).await;
    let admin = app.sign_in(GLOBAL_ADMIN).await;
    let kinds: Vec<AuditKind> = audit(&app, &admin, &format!("?customerId={}", c.id))
        .await
        .iter()
        .map(|r| r.kind)
        .collect();
    assert_eq!(
        kinds[..2],
        [
            AuditKind::SubscriptionReactivated,
            AuditKind::SubscriptionSuspended
        ]
    );
}

#[tokio::test]
async fn the_support_partner_is_chosen_by_version_and_a_stale_change_is_refused() {
    let app = TestApp::spawn().await;
    let sales = app.sign_in(SALES_AGENT).await;
    let resellers: Page<IndirectReseller> = ok(app
        .get("/api/v1/relationships/indirectresellers", Some(&sales))
        .await)
    .await;
    assert_eq!(resellers.items.len(), 3);
    let c = customer(&app, &sales, "balaton").await;
    let sub = subscriptions(&app, &sales, &c.id).await.remove(0);
    assert_eq!(sub.support_partner, None, "the partner itself by default");
    let path = action(&c.id, &sub.id, "supportcontact");
    let body = |reseller: Option<&str>, version: u32| {
        json!({ "resellerId": reseller, "version": version }).to_string()
    };
    let chosen = &resellers.items[1];
    let changed: Subscription = ok(app
        .post_json(&path, body(Some(&chosen.id), sub.version), Some(&sales))
        .await)
    .await;
    assert_eq!(changed.support_partner.as_ref(), Some(chosen));
    // The same old version again: someone else's change would be lost, so 409.
    let stale = app
        .post_json(&path, body(None, sub.version), Some(&sales))
        .await;
    assert_eq!(
        expect_error(stale, StatusCode::CONFLICT).await.code,
        ErrorCode::Stale
    );
    assert_eq!(
        subscriptions(&app, &sales, &c.id).await[0]
            .support_partner
            .as_ref(),
        Some(chosen)
    );
    let unknown = app
        .post_json(
            &path,
            body(Some("not-a-reseller"), changed.version),
            Some(&sales),
        )
        .await;
    expect_error(unknown, StatusCode::UNPROCESSABLE_ENTITY).await;
    for bad in [r#"{"resellerId":null}"#, r#"{"version":"1"}"#, "[]"] {
        let r = app.post_json(&path, bad, Some(&sales)).await;
        assert!(r.status().is_client_error(), "{bad}");
    }
    // Ten concurrent changes from the same version: exactly one wins, the rest are told.
    let current = subscriptions(&app, &sales, &c.id).await.remove(0);
    let tries = (0..10).map(|i| {
        let reseller = resellers.items[i % 3].id.clone();
        let (app, sales, path) = (&app, &sales, &path);
        async move {
            app.post_json(path, body(Some(&reseller), current.version), Some(sales))
                .await
                .status()
        }
    });
    // join_all polls them together: every request is sent before any answer is awaited.
    let statuses = futures::future::join_all(tries).await;
    assert_eq!(statuses.iter().filter(|s| **s == StatusCode::OK).count(), 1);
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == StatusCode::CONFLICT)
            .count(),
        9
    );
}

#[tokio::test]
async fn service_requests_by_role_with_field_errors_and_after_roles_are_removed() {
    let app = TestApp::spawn().await;
    let helpdesk = app.sign_in(HELPDESK).await;
    let c = customer(&app, &helpdesk, "coho").await;
    let path = format!("/api/v1/customers/{}/servicerequests", c.id);
    let good = json!({
        "title": "Cannot sign in to Outlook",
        "description": "Since Monday, three users get an error.",
        "severity": "moderate",
        "contactName": "Zsófia Kiss",
        "contactEmail": "zsofia.kiss@example.com",
    });
    let sales = app.sign_in(SALES_AGENT).await;
    let r = app.post_json(&path, good.to_string(), Some(&sales)).await;
    expect_error(r, StatusCode::FORBIDDEN).await;
    let bad = json!({
        "title": " ",
        "description": "x".repeat(4001),
        "severity": "moderate",
        "contactName": "",
        "contactEmail": "not-an-address",
    });
    let e = expect_error(
        app.post_json(&path, bad.to_string(), Some(&helpdesk)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    let fields: Vec<&str> = e.field_errors.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(
        fields,
        ["title", "description", "contactName", "contactEmail"]
    );
    let mut wrong = good.clone();
    wrong["severity"] = json!("urgent");
    let r = app
        .post_json(&path, wrong.to_string(), Some(&helpdesk))
        .await;
    expect_error(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    let before: Page<ServiceRequest> = ok(app.get(&path, Some(&helpdesk)).await).await;

    // The customer removed the partner's admin roles: support goes on.
    sqlx::query("UPDATE customer_relationships SET admin_privileges = 'removedByCustomer' WHERE customer_id = ?")
        .bind(&c.id)
        .execute(&app.sql().await)
        .await
        .unwrap();
    let r = app
        .post_json(&path, good.to_string(), Some(&helpdesk))
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let created: ServiceRequest = r.json().await.unwrap();
    assert_eq!(created.status, ServiceRequestStatus::Open);
    assert_eq!(created.created_by, HELPDESK);
    let after: Page<ServiceRequest> = ok(app.get(&path, Some(&helpdesk)).await).await;
    assert_eq!(after.items.len(), before.items.len() + 1);
    assert_eq!(after.items[0], created);
    let tailspin = app.sign_in(TAILSPIN).await;
    expect_error(app.get(&path, Some(&tailspin)).await, StatusCode::NOT_FOUND).await;
}

#[tokio::test]
async fn removal_needs_a_global_admin_and_no_active_subscription_and_ends_everything() {
    let app = TestApp::spawn().await;
    let admin = app.sign_in(GLOBAL_ADMIN).await;
    let agent = app.sign_in(ADMIN_AGENT).await;

    // Fabrikam accepts an invitation; a second one stays open.
    let invite = |s: String| {
        let app = &app;
        async move {
            let body = json!({"allowDelegatedAccess": true, "language": "en"}).to_string();
            let inv: Invitation = ok(app
                .post_json("/api/v1/customers/relationshiprequests", body, Some(&s))
                .await)
            .await;
            inv.link.unwrap().split_once('#').unwrap().1.to_owned()
        }
    };
    let used = invite(agent.clone()).await;
    let open = invite(agent.clone()).await;
    let fabrikam = app.sign_in(FABRIKAM_ADMIN).await;
    let accept = |token: String| {
        let body = json!({"token": token, "acceptCustomerAgreement": true}).to_string();
        let (app, fabrikam) = (&app, &fabrikam);
        async move {
            app.post_json("/api/v1/invitations/accept", body, Some(fabrikam))
                .await
        }
    };
    assert_eq!(accept(used).await.status(), StatusCode::CREATED);
    let fab = customer(&app, &agent, "fabrikam").await;
    let remove = format!("/api/v1/customers/{}/removerelationship", fab.id);

    for who in [&agent, &app.sign_in(SALES_AGENT).await] {
        let r = app.post_json(&remove, "{}", Some(who)).await;
        expect_error(r, StatusCode::FORBIDDEN).await;
    }
    // A customer with active subscriptions cannot be removed, and nothing changes.
    let busy = customer(&app, &agent, "arvizturo").await;
    let r = app
        .post_json(
            &format!("/api/v1/customers/{}/removerelationship", busy.id),
            "{}",
            Some(&admin),
        )
        .await;
    let e = expect_error(r, StatusCode::CONFLICT).await;
    assert_eq!(e.code, ErrorCode::ActiveSubscriptions);
    customer(&app, &agent, "arvizturo").await;

    let r = app.post_json(&remove, "{}", Some(&admin)).await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    expect_error(
        app.get(&format!("/api/v1/customers/{}", fab.id), Some(&agent))
            .await,
        StatusCode::NOT_FOUND,
    )
    .await;
    expect_error(
        app.post_json(&remove, "{}", Some(&admin)).await,
        StatusCode::NOT_FOUND,
    )
    .await;
    let partners: Vec<PartnerRelationship> = ok(app
        .get("/api/v1/partnerrelationships", Some(&fabrikam))
        .await)
    .await;
    assert!(
        partners.is_empty(),
        "the customer no longer sees the partner"
    );
    // The invitation still open from before cannot bring the customer back.
    let e = expect_error(accept(open).await, StatusCode::GONE).await;
    assert_eq!(e.code, ErrorCode::InvitationRevoked);
    // A new invitation can.
    let fresh = invite(agent.clone()).await;
    assert_eq!(accept(fresh).await.status(), StatusCode::CREATED);

    // The audit log tells the story, newest first.
    let story: Vec<AuditKind> = audit(&app, &admin, &format!("?customerId={}&size=200", fab.id))
        .await
        .iter()
        .map(|r| r.kind)
        .collect();
    assert_eq!(
        story,
        [
            AuditKind::InvitationAccepted,
            AuditKind::InvitationCreated,
            AuditKind::RelationshipRemoved,
            AuditKind::InvitationAccepted,
            AuditKind::InvitationCreated,
        ]
    );
}

#[tokio::test]
async fn the_audit_log_is_for_global_admins_filtered_paged_and_exported() {
    let app = TestApp::spawn().await;
    let agent = app.sign_in(ADMIN_AGENT).await;
    for _ in 0..3 {
        let body = json!({"allowDelegatedAccess": true, "language": "en"}).to_string();
        app.post_json("/api/v1/customers/relationshiprequests", body, Some(&agent))
            .await;
    }
    expect_error(
        app.get("/api/v1/auditrecords", Some(&agent)).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    let admin = app.sign_in(GLOBAL_ADMIN).await;
    let created = audit(&app, &admin, "?kind=invitation.created").await;
    assert_eq!(created.len(), 3);
    assert!(created.iter().all(|r| r.user_email == ADMIN_AGENT));
    let first: Page<AuditRecord> = ok(app
        .get(
            "/api/v1/auditrecords?kind=invitation.created&size=2",
            Some(&admin),
        )
        .await)
    .await;
    assert_eq!(first.items.len(), 2);
    assert_eq!(first.total_count, 3, "the total counts every page");
    let rest: Page<AuditRecord> = ok(app
        .get(
            &format!(
                "/api/v1/auditrecords?kind=invitation.created&size=2&continuationToken={}",
                first.continuation_token.unwrap()
            ),
            Some(&admin),
        )
        .await)
    .await;
    assert_eq!(rest.items, created[2..]);
    for bad in [
        "?kind=everything",
        "?kind=",
        "?size=0",
        "?continuationToken=forged",
    ] {
        expect_error(
            app.get(&format!("/api/v1/auditrecords{bad}"), Some(&admin))
                .await,
            StatusCode::BAD_REQUEST,
        )
        .await;
    }
    let csv = app
        .get(
            "/api/v1/auditrecords/export?kind=invitation.created",
            Some(&admin),
        )
        .await;
    assert_eq!(csv.status(), StatusCode::OK);
    assert!(
        csv.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    assert!(
        csv.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("attachment")
    );
    let text = csv.text().await.unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "date,user,kind,customer id,customer,resource id,details"
    );
    assert_eq!(lines.len(), 4);
    assert!(lines[1..].iter().all(|l| l.contains("invitation.created")));
    // Tailspin's log holds none of Contoso's records.
    let tailspin = app.sign_in(TAILSPIN).await;
    expect_error(
        app.get("/api/v1/auditrecords", Some(&tailspin)).await,
        StatusCode::FORBIDDEN,
    )
    .await;
}
