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
        "time,kind,userEmail,customerId,customer,resourceId,allowDelegatedAccess,customerEmail,\
         expiresAt,adminPrivileges,offerName,supportPartner,serviceRequestTitle,text"
    );
    assert_eq!(lines.len(), 4);
    assert!(
        lines[1..]
            .iter()
            .all(|l| l.contains(",invitation.created,"))
    );
    // Tailspin's log holds none of Contoso's records.
    let tailspin = app.sign_in(TAILSPIN).await;
    expect_error(
        app.get("/api/v1/auditrecords", Some(&tailspin)).await,
        StatusCode::FORBIDDEN,
    )
    .await;
}

#[tokio::test]
async fn audit_entries_are_typed_readable_and_filtered_by_user_and_day() {
    let app = TestApp::spawn().await;
    let agent = app.sign_in(ADMIN_AGENT).await;
    let admin = app.sign_in(GLOBAL_ADMIN).await;
    for (session, email) in [
        (&agent, "anna@fabrikam.example"),
        (&admin, "bela@adatum.example"),
    ] {
        let body = json!({"allowDelegatedAccess": true, "customerEmail": email, "language": "en"})
            .to_string();
        let r = app
            .post_json(
                "/api/v1/customers/relationshiprequests",
                body,
                Some(session),
            )
            .await;
        assert_eq!(r.status(), StatusCode::CREATED);
    }
    // An entry of the shape written before the details were typed: Unix seconds, no kind.
    let db = app.sql().await;
    sqlx::query(
        "INSERT INTO audit_log (organization_id, actor_id, actor_email, action, target_id, details, at)
         SELECT organization_id, actor_id, actor_email, action, 'old-one',
                '{\"allowDelegatedAccess\":false,\"customerEmail\":null,\"expiresAt\":1798761600}',
                at - 40 * 86400
         FROM audit_log WHERE action = 'invitation.created' LIMIT 1",
    )
    .execute(&db)
    .await
    .unwrap();

    // The raw page: details tagged by kind, typed, with RFC 3339 times and no nulls.
    let raw: serde_json::Value = app
        .get("/api/v1/auditrecords?kind=invitation.created", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    let items = raw["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    let new = items.iter().find(|i| i["resourceId"] != "old-one").unwrap();
    assert_eq!(new["details"]["kind"], "invitation.created");
    assert_eq!(new["details"]["allowDelegatedAccess"], true);
    assert!(new["details"]["expiresAt"].as_str().unwrap().ends_with('Z'));
    let old = items.iter().find(|i| i["resourceId"] == "old-one").unwrap();
    assert_eq!(old["details"]["expiresAt"], "2027-01-01T00:00:00Z");
    assert!(
        old["details"].get("customerEmail").is_none(),
        "nothing shown as null"
    );

    // By the user who acted, whatever the case typed.
    let mine = audit(
        &app,
        &admin,
        &format!("?userEmail={}", GLOBAL_ADMIN.to_uppercase()),
    )
    .await;
    assert!(!mine.is_empty());
    assert!(mine.iter().all(|r| r.user_email == GLOBAL_ADMIN));
    let agents = audit(&app, &admin, &format!("?userEmail={ADMIN_AGENT}")).await;
    assert!(agents.iter().all(|r| r.user_email == ADMIN_AGENT));
    assert!(agents.iter().any(|r| matches!(
        &r.details,
        portal_contract::AuditDetails::InvitationCreated { customer_email: Some(e), .. } if e == "anna@fabrikam.example"
    )));

    // By day: today holds the new ones, 40 days ago the old one.
    let today = time::OffsetDateTime::now_utc().date();
    let day = |d: time::Date| format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day());
    let todays = audit(
        &app,
        &admin,
        &format!("?kind=invitation.created&from={0}&to={0}", day(today)),
    )
    .await;
    assert_eq!(todays.len(), 2);
    let earlier = today - time::Duration::days(40);
    let old_ones = audit(
        &app,
        &admin,
        &format!(
            "?kind=invitation.created&from={}&to={}",
            day(earlier),
            day(earlier)
        ),
    )
    .await;
    assert_eq!(
        old_ones
            .iter()
            .map(|r| r.resource_id.as_str())
            .collect::<Vec<_>>(),
        ["old-one"]
    );

    // Bad days are field errors, all at once, and change nothing.
    let body = expect_error(
        app.get(
            "/api/v1/auditrecords?from=2026-02-30&to=yesterday",
            Some(&admin),
        )
        .await,
        StatusCode::BAD_REQUEST,
    )
    .await;
    let fields: Vec<(&str, &str)> = body
        .field_errors
        .iter()
        .map(|f| (f.field.as_str(), f.code.as_str()))
        .collect();
    assert_eq!(fields, [("from", "invalidDate"), ("to", "invalidDate")]);
    let body = expect_error(
        app.get("/api/v1/auditrecords?to=", Some(&admin)).await,
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(body.field_errors[0].field, "to", "empty is not a day");
    let body = expect_error(
        app.get(
            "/api/v1/auditrecords?from=2026-12-02&to=2026-12-01",
            Some(&admin),
        )
        .await,
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(body.field_errors[0].field, "to");
    assert_eq!(body.field_errors[0].code, "beforeFrom");

    // The export: streamed, with the details as columns and the sentence in the language asked.
    let csv = app
        .get(
            &format!("/api/v1/auditrecords/export?kind=invitation.created&userEmail={ADMIN_AGENT}&language=hu"),
            Some(&admin),
        )
        .await;
    assert_eq!(csv.status(), StatusCode::OK);
    assert!(
        csv.headers().get("content-length").is_none(),
        "streamed, not buffered"
    );
    let text = csv.text().await.unwrap();
    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(
        lines.len(),
        3,
        "the header, the new entry and the old one: {text}"
    );
    let anna = lines.iter().find(|l| l.contains("anna@")).unwrap();
    let cells: Vec<&str> = anna.splitn(14, ',').collect();
    assert!(
        cells[0].ends_with('Z') && cells[0].contains('T'),
        "ISO 8601 UTC: {}",
        cells[0]
    );
    assert_eq!(cells[1], "invitation.created");
    assert_eq!(cells[2], ADMIN_AGENT);
    assert_eq!(cells[6], "true");
    assert_eq!(cells[7], "anna@fabrikam.example");
    assert!(cells[8].ends_with('Z'));
    assert!(cells[13].contains("Meghívás létrehozva rendszergazdai jogosultságok kérésével, címzett: anna@fabrikam.example"), "{}", cells[13]);
    expect_error(
        app.get("/api/v1/auditrecords/export?language=de", Some(&admin))
            .await,
        StatusCode::BAD_REQUEST,
    )
    .await;
}

#[tokio::test]
async fn a_long_export_arrives_in_many_chunks_and_whole() {
    let app = TestApp::spawn().await;
    let admin = app.sign_in(GLOBAL_ADMIN).await;
    let db = app.sql().await;
    // 2,000 entries: four export steps of 500.
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
         INSERT INTO audit_log (organization_id, actor_id, actor_email, action, target_id, details, at)
         SELECT u.organization_id, u.id, u.email, 'invitation.revoked', 'inv-' || i, '{}', 1796169600 + i
         FROM n, users u WHERE u.email = ?",
    )
    .bind(GLOBAL_ADMIN)
    .execute(&db)
    .await
    .unwrap();
    let mut r = app
        .get(
            "/api/v1/auditrecords/export?kind=invitation.revoked",
            Some(&admin),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let (mut chunks, mut body) = (0, Vec::new());
    while let Some(chunk) = r.chunk().await.unwrap() {
        chunks += 1;
        body.extend_from_slice(&chunk);
    }
    assert!(chunks >= 4, "{chunks} chunks");
    let text = String::from_utf8(body).unwrap();
    assert_eq!(
        text.matches("\r\n").count(),
        2001,
        "the header and every entry"
    );
    assert!(text.contains("Invitation revoked; its link no longer works."));

    // Compressed, as a browser asks for it: the stream still ends cleanly.
    for encoding in ["br", "gzip"] {
        let r = reqwest::Client::new()
            .get(format!(
                "{}/api/v1/auditrecords/export?kind=invitation.revoked",
                app.base
            ))
            .header("cookie", cookie(&admin))
            .header("accept-encoding", encoding)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.headers()["content-encoding"], encoding);
        let body = r.bytes().await.expect("the whole compressed file");
        assert!(body.len() > 1000, "{encoding}: {} bytes", body.len());
    }
}
