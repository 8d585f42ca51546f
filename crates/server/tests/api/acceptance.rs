use portal_contract::{
    AdminPrivileges, Customer, DelegatedRole, ErrorCode, Invitation, InvitationPreview,
    InvitationStatus, Page, PartnerRelationship,
};
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::*;
use portal_contract::paths;

const INVITATIONS: &str = "/api/v1/customers/relationshiprequests";
const LOOKUP: &str = "/api/v1/invitations/lookup";
const ACCEPT: &str = "/api/v1/invitations/accept";

/// Creates an invitation as `partner` and returns it with its token.
async fn invite(app: &TestApp, partner: &str, admin: bool) -> (Invitation, String) {
    let s = app.sign_in(partner).await;
    let body = json!({"allowDelegatedAccess": admin, "language": "en"}).to_string();
    let inv: Invitation = app
        .post_json(INVITATIONS, body, Some(&s))
        .await
        .json()
        .await
        .unwrap();
    let token = inv
        .link
        .clone()
        .unwrap()
        .split_once('#')
        .unwrap()
        .1
        .to_owned();
    (inv, token)
}

async fn accept(app: &TestApp, session: &str, token: &str, agreement: bool) -> reqwest::Response {
    let body = json!({"token": token, "acceptCustomerAgreement": agreement}).to_string();
    app.post_json(ACCEPT, body, Some(session)).await
}

async fn lookup(app: &TestApp, session: &str, token: &str) -> reqwest::Response {
    app.post_json(LOOKUP, json!({ "token": token }).to_string(), Some(session))
        .await
}

#[tokio::test]
async fn a_global_admin_accepts_the_agreement_and_the_partner_and_the_partner_sees_the_customer() {
    let app = TestApp::spawn().await;
    let (inv, token) = invite(&app, ADMIN_AGENT, true).await;
    let fabrikam = app.sign_in(FABRIKAM_ADMIN).await;

    let preview: InvitationPreview = lookup(&app, &fabrikam, &token).await.json().await.unwrap();
    assert_eq!(preview.partner_name, "Contoso Partner Kft.");
    assert_eq!(preview.partner_country, "HU");
    assert!(
        preview.allow_delegated_access
            && preview.agreement_required
            && preview.viewer_is_global_admin
    );

    let e = expect_error(
        accept(&app, &fabrikam, &token, false).await,
        StatusCode::CONFLICT,
    )
    .await;
    assert_eq!(e.code, ErrorCode::AgreementRequired);
    let r = accept(&app, &fabrikam, &token, true).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let partners: Vec<PartnerRelationship> = r.json().await.unwrap();
    assert_eq!(partners.len(), 1);
    assert_eq!(partners[0].partner_name, "Contoso Partner Kft.");
    assert_eq!(
        partners[0].admin_roles,
        vec![
            DelegatedRole::GlobalAdministrator,
            DelegatedRole::HelpdeskAdministrator
        ]
    );

    let contoso = app.sign_in(ADMIN_AGENT).await;
    let page: Page<Customer> = app
        .get("/api/v1/customers?size=200", Some(&contoso))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page.total_count, 37);
    let f = page
        .items
        .iter()
        .find(|c| c.company_profile.company_name == "Fabrikam Kft.")
        .unwrap();
    assert_eq!(f.admin_privileges, AdminPrivileges::Granted);
    let after: Invitation = app
        .get(&format!("{INVITATIONS}/{}", inv.id), Some(&contoso))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(after.status, InvitationStatus::Accepted);
    assert_eq!(after.accepted_by.as_deref(), Some("Fabrikam Kft."));
    assert!(after.link.is_none());

    let db = app.sql().await;
    let by: String = sqlx::query_scalar(
        "SELECT agreement_accepted_by FROM organizations WHERE name = 'Fabrikam Kft.'",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(by, FABRIKAM_ADMIN);
    let actions: Vec<String> = sqlx::query_scalar("SELECT action FROM audit_log ORDER BY id")
        .fetch_all(&db)
        .await
        .unwrap();
    assert_eq!(
        actions,
        vec![
            "invitation.created",
            "agreement.accepted",
            "invitation.accepted",
            "invitation.accepted"
        ]
    );

    // The link works once.
    let e = expect_error(lookup(&app, &fabrikam, &token).await, StatusCode::CONFLICT).await;
    assert_eq!(e.code, ErrorCode::InvitationUsed);
}

#[tokio::test]
async fn only_a_global_admin_can_accept() {
    let app = TestApp::spawn().await;
    let (_, token) = invite(&app, ADMIN_AGENT, true).await;
    let user = app.sign_in("user@fabrikam.example").await;
    let preview: InvitationPreview = lookup(&app, &user, &token).await.json().await.unwrap();
    assert!(!preview.viewer_is_global_admin);
    let e = expect_error(
        accept(&app, &user, &token, true).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert_eq!(e.code, ErrorCode::NotGlobalAdmin);
    let n = app
        .count("SELECT count(*) FROM invitations WHERE accepted_at IS NOT NULL")
        .await;
    assert_eq!(n, 0);
}

#[tokio::test]
async fn each_unusable_case_has_its_own_code() {
    let app = TestApp::spawn().await;
    let fabrikam = app.sign_in(FABRIKAM_ADMIN).await;

    let e = expect_error(
        lookup(&app, &fabrikam, "no-such-token").await,
        StatusCode::NOT_FOUND,
    )
    .await;
    assert_eq!(e.code, ErrorCode::InvitationUnknown);

    let (revoked, token) = invite(&app, ADMIN_AGENT, true).await;
    let contoso = app.sign_in(ADMIN_AGENT).await;
    app.post_json(
        &format!("{INVITATIONS}/{}/revoke", revoked.id),
        "",
        Some(&contoso),
    )
    .await;
    let e = expect_error(lookup(&app, &fabrikam, &token).await, StatusCode::GONE).await;
    assert_eq!(e.code, ErrorCode::InvitationRevoked);

    let (expired, token) = invite(&app, ADMIN_AGENT, true).await;
    sqlx::query("UPDATE invitations SET expires_at = 0 WHERE id = ?")
        .bind(&expired.id)
        .execute(&app.sql().await)
        .await
        .unwrap();
    let e = expect_error(
        accept(&app, &fabrikam, &token, true).await,
        StatusCode::GONE,
    )
    .await;
    assert_eq!(e.code, ErrorCode::InvitationExpired);

    let (_, token) = invite(&app, ADMIN_AGENT, true).await;
    let woodgrove = app.sign_in("admin@woodgrove.example").await;
    let e = expect_error(
        accept(&app, &woodgrove, &token, true).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert_eq!(e.code, ErrorCode::OutsideRegion);

    let e = expect_error(lookup(&app, &contoso, &token).await, StatusCode::FORBIDDEN).await;
    assert_eq!(e.code, ErrorCode::NotCustomerAccount);
}

#[tokio::test]
async fn an_organisation_that_already_has_the_partner_is_told_so() {
    let app = TestApp::spawn().await;
    let adatum = app.sign_in("admin@adatum.example").await;
    let (_, first) = invite(&app, ADMIN_AGENT, false).await;
    let preview: InvitationPreview = lookup(&app, &adatum, &first).await.json().await.unwrap();
    assert!(
        !preview.agreement_required,
        "Adatum accepted the agreement before"
    );
    assert_eq!(
        accept(&app, &adatum, &first, false).await.status(),
        StatusCode::CREATED
    );
    let (_, second) = invite(&app, ADMIN_AGENT, true).await;
    let e = expect_error(
        accept(&app, &adatum, &second, false).await,
        StatusCode::CONFLICT,
    )
    .await;
    assert_eq!(e.code, ErrorCode::AlreadyCustomer);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_link_accepted_100_times_at_once_makes_exactly_one_relationship() {
    let app = TestApp::spawn().await;
    let (_, token) = invite(&app, ADMIN_AGENT, true).await;
    let fabrikam = app.sign_in(FABRIKAM_ADMIN).await;
    let mut attempts = tokio::task::JoinSet::new();
    for _ in 0..100 {
        let url = format!("{}{ACCEPT}", app.base);
        let body = json!({"token": token, "acceptCustomerAgreement": true}).to_string();
        let cookie = cookie(&fabrikam);
        attempts.spawn(async move {
            let r = reqwest::Client::new()
                .post(url)
                .header("content-type", "application/json")
                .header("cookie", cookie)
                .body(body)
                .send()
                .await
                .unwrap();
            (r.status(), r.json::<serde_json::Value>().await.unwrap())
        });
    }
    let responses = attempts.join_all().await;
    let created = responses
        .iter()
        .filter(|(s, _)| *s == StatusCode::CREATED)
        .count();
    assert_eq!(created, 1, "responses: {responses:?}");
    for (status, body) in &responses {
        if *status != StatusCode::CREATED {
            assert_eq!(*status, StatusCode::CONFLICT, "{body}");
            assert!(
                ["invitationUsed", "alreadyCustomer"].contains(&body["code"].as_str().unwrap()),
                "{body}"
            );
        }
    }
    let n: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM customer_relationships r JOIN organizations o ON o.id = r.customer_id WHERE o.name = 'Fabrikam Kft.'",
    )
    .fetch_one(&app.sql().await)
    .await
    .unwrap();
    assert_eq!(n, 1);
}

#[tokio::test]
async fn guessing_links_is_rate_limited_until_the_window_passes() {
    let app = TestApp::spawn_with(|s| {
        s.token_max_misses = 3;
        s.token_window_secs = 1;
    })
    .await;
    let fabrikam = app.sign_in(FABRIKAM_ADMIN).await;
    for i in 0..3 {
        expect_error(
            lookup(&app, &fabrikam, &format!("guess-{i}")).await,
            StatusCode::NOT_FOUND,
        )
        .await;
    }
    let e = expect_error(
        lookup(&app, &fabrikam, "guess-4").await,
        StatusCode::TOO_MANY_REQUESTS,
    )
    .await;
    assert_eq!(e.code, ErrorCode::TooManyRequests);
    // A real link is refused too while the limit holds, and works once the window has passed.
    let (_, token) = invite(&app, ADMIN_AGENT, true).await;
    expect_error(
        lookup(&app, &fabrikam, &token).await,
        StatusCode::TOO_MANY_REQUESTS,
    )
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(1_100)).await;
    assert_eq!(
        lookup(&app, &fabrikam, &token).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn the_customer_removes_the_partners_roles_and_the_relationship_stays() {
    let app = TestApp::spawn().await;
    let (_, token) = invite(&app, ADMIN_AGENT, true).await;
    let fabrikam = app.sign_in(FABRIKAM_ADMIN).await;
    let partners: Vec<PartnerRelationship> = accept(&app, &fabrikam, &token, true)
        .await
        .json()
        .await
        .unwrap();
    let contoso_id = partners[0].partner_id.clone();
    let path = format!("/api/v1/partnerrelationships/{contoso_id}/removeroles");

    let user = app.sign_in("user@fabrikam.example").await;
    let e = expect_error(
        app.post_json(&path, "", Some(&user)).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert_eq!(e.code, ErrorCode::NotGlobalAdmin);
    let other = "/api/v1/partnerrelationships/not-a-partner/removeroles";
    expect_error(
        app.post_json(other, "", Some(&fabrikam)).await,
        StatusCode::NOT_FOUND,
    )
    .await;

    let r = app.post_json(&path, "", Some(&fabrikam)).await;
    assert_eq!(r.status(), StatusCode::OK);
    let partners: Vec<PartnerRelationship> = r.json().await.unwrap();
    assert!(partners[0].admin_roles.is_empty());

    let contoso = app.sign_in(ADMIN_AGENT).await;
    let page: Page<Customer> = app
        .get("/api/v1/customers?size=200", Some(&contoso))
        .await
        .json()
        .await
        .unwrap();
    let f = page
        .items
        .iter()
        .find(|c| c.company_profile.company_name == "Fabrikam Kft.")
        .unwrap();
    assert_eq!(f.admin_privileges, AdminPrivileges::RemovedByCustomer);
    assert!(!f.allow_delegated_access);
    let listed: Vec<PartnerRelationship> = app
        .get("/api/v1/partnerrelationships", Some(&user))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(listed.len(), 1, "the reseller relationship stays");
}

/// Accepting and revoking the same invitation at the same moment: exactly one wins, the other
/// is told why, and the invitation, the relationship and the audit log all tell the same story.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn accept_racing_revoke_has_one_clear_winner() {
    let app = TestApp::spawn().await;
    let agent = app.sign_in(ADMIN_AGENT).await;
    let global_admin = app.sign_in(GLOBAL_ADMIN).await;
    let fabrikam = app.sign_in(FABRIKAM_ADMIN).await;
    let (mut accepted, mut revoked) = (0, 0);
    for _ in 0..20 {
        let (inv, token) = invite(&app, ADMIN_AGENT, true).await;
        let revoke = paths::revoke_relationship_request(&inv.id);
        let (a, r) = tokio::join!(
            accept(&app, &fabrikam, &token, true),
            app.post_json(&revoke, "{}", Some(&agent)),
        );
        let (a_status, r_status) = (a.status(), r.status());
        let after: Invitation = app
            .get(&paths::relationship_request(&inv.id), Some(&agent))
            .await
            .json()
            .await
            .unwrap();
        let audit = |kind: &'static str| {
            let id = inv.id.clone();
            let app = &app;
            async move {
                app.count(&format!(
                    "SELECT count(*) FROM audit_log WHERE action = '{kind}' AND target_id = '{id}'"
                ))
                .await
            }
        };
        let fabrikam_is_customer = app
            .count(
                "SELECT count(*) FROM customer_relationships r JOIN organizations o
                   ON o.id = r.customer_id WHERE o.name = 'Fabrikam Kft.'",
            )
            .await;
        if a_status == StatusCode::CREATED {
            accepted += 1;
            assert_eq!(
                expect_error(r, StatusCode::CONFLICT).await.code,
                ErrorCode::Conflict
            );
            assert_eq!(after.status, InvitationStatus::Accepted);
            assert_eq!(fabrikam_is_customer, 1);
            // One entry in each organisation's log.
            assert_eq!(
                (
                    audit("invitation.accepted").await,
                    audit("invitation.revoked").await
                ),
                (2, 0)
            );
            // Back to no relationship for the next round, the way a Global admin would.
            let customer: String =
                sqlx::query_scalar("SELECT id FROM organizations WHERE name = 'Fabrikam Kft.'")
                    .fetch_one(&app.sql().await)
                    .await
                    .unwrap();
            let removed = app
                .post_json(
                    &paths::remove_relationship(&customer),
                    "{}",
                    Some(&global_admin),
                )
                .await;
            assert_eq!(removed.status(), StatusCode::NO_CONTENT);
        } else {
            revoked += 1;
            assert_eq!(r_status, StatusCode::OK, "neither won");
            assert_eq!(
                expect_error(a, StatusCode::GONE).await.code,
                ErrorCode::InvitationRevoked
            );
            assert_eq!(after.status, InvitationStatus::Revoked);
            assert_eq!(fabrikam_is_customer, 0);
            assert_eq!(
                (
                    audit("invitation.accepted").await,
                    audit("invitation.revoked").await
                ),
                (0, 1)
            );
        }
    }
    assert_eq!(accepted + revoked, 20);
}
