use portal_contract::{
    AdminPrivileges, Customer, DelegatedRole, ErrorCode, Invitation, InvitationStatus, Page,
};
use portal_server::store::Counted;
use reqwest::StatusCode;

use crate::helpers::*;

/// Creates an invitation as `partner` and returns it with its token.
async fn invite(app: &TestApp, partner: &str, admin: bool) -> (Invitation, String) {
    let s = app.sign_in(partner).await;
    let inv = app.invite(&s, admin).await;
    let token = token_of(&inv);
    (inv, token)
}

/// The partner's first 200 customers, as `session`'s user sees them.
async fn customers(app: &TestApp, session: &str) -> Page<Customer> {
    let query = Query::new().size(200);
    app.customers(session, &query).await.ok().await
}

#[tokio::test]
async fn a_global_admin_accepts_the_agreement_and_the_partner_and_the_partner_sees_the_customer() {
    let app = TestApp::spawn().await;
    let (inv, token) = invite(&app, ADMIN_AGENT, true).await;
    let fabrikam = app.sign_in(FABRIKAM_ADMIN).await;

    let preview = app.lookup(&fabrikam, &token).await.ok().await;
    assert_eq!(preview.partner_name, "Contoso Partner Kft.");
    assert_eq!(preview.partner_country, "HU");
    assert!(
        preview.allow_delegated_access
            && preview.agreement_required
            && preview.viewer_is_global_admin
    );

    let e = app
        .accept(&fabrikam, &acceptance(&token, false))
        .await
        .error(StatusCode::CONFLICT)
        .await;
    assert_eq!(e.code, ErrorCode::AgreementRequired);
    let r = app.accept(&fabrikam, &acceptance(&token, true)).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let partners = r.ok().await;
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
    let page = customers(&app, &contoso).await;
    assert_eq!(page.total_count, 37);
    let f = page
        .items
        .iter()
        .find(|c| c.company_profile.company_name == "Fabrikam Kft.")
        .unwrap();
    assert_eq!(f.admin_privileges, AdminPrivileges::Granted);
    let after = app.invitation(&contoso, &inv.id).await.ok().await;
    assert_eq!(after.status, InvitationStatus::Accepted);
    assert_eq!(after.accepted_by.as_deref(), Some("Fabrikam Kft."));
    assert!(after.link.is_none());

    // About what is stored: who accepted the agreement, and the entries of both organisations'
    // logs (the customer's log has no API), read from the database.
    let by = app
        .stored()
        .agreement_accepted_by("fabrikam.example")
        .await
        .unwrap();
    assert_eq!(by.as_deref(), Some(FABRIKAM_ADMIN));
    let actions = app.stored().audit_actions().await.unwrap();
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
    let again = app.lookup(&fabrikam, &token).await;
    let e = again.error(StatusCode::CONFLICT).await;
    assert_eq!(e.code, ErrorCode::InvitationUsed);
}

#[tokio::test]
async fn only_a_global_admin_can_accept() {
    let app = TestApp::spawn().await;
    let (inv, token) = invite(&app, ADMIN_AGENT, true).await;
    let user = app.sign_in(FABRIKAM_USER).await;
    let preview = app.lookup(&user, &token).await.ok().await;
    assert!(!preview.viewer_is_global_admin);
    let e = app
        .accept(&user, &acceptance(&token, true))
        .await
        .error(StatusCode::FORBIDDEN)
        .await;
    assert_eq!(e.code, ErrorCode::NotGlobalAdmin);
    let contoso = app.sign_in(ADMIN_AGENT).await;
    let still = app.invitation(&contoso, &inv.id).await.ok().await;
    assert!(still.accepted_at.is_none(), "not accepted");
}

#[tokio::test]
async fn each_unusable_case_has_its_own_code() {
    let app = TestApp::spawn().await;
    let fabrikam = app.sign_in(FABRIKAM_ADMIN).await;

    let e = app
        .lookup(&fabrikam, "no-such-token")
        .await
        .error(StatusCode::NOT_FOUND)
        .await;
    assert_eq!(e.code, ErrorCode::InvitationUnknown);

    let (revoked, token) = invite(&app, ADMIN_AGENT, true).await;
    let contoso = app.sign_in(ADMIN_AGENT).await;
    app.revoke(&contoso, &revoked.id).await;
    let e = app
        .lookup(&fabrikam, &token)
        .await
        .error(StatusCode::GONE)
        .await;
    assert_eq!(e.code, ErrorCode::InvitationRevoked);

    let (expired, token) = invite(&app, ADMIN_AGENT, true).await;
    app.expire_invitation(&expired.id).await;
    let e = app
        .accept(&fabrikam, &acceptance(&token, true))
        .await
        .error(StatusCode::GONE)
        .await;
    assert_eq!(e.code, ErrorCode::InvitationExpired);

    let (_, token) = invite(&app, ADMIN_AGENT, true).await;
    let woodgrove = app.sign_in(WOODGROVE_ADMIN).await;
    let e = app
        .accept(&woodgrove, &acceptance(&token, true))
        .await
        .error(StatusCode::FORBIDDEN)
        .await;
    assert_eq!(e.code, ErrorCode::OutsideRegion);

    let e = app
        .lookup(&contoso, &token)
        .await
        .error(StatusCode::FORBIDDEN)
        .await;
    assert_eq!(e.code, ErrorCode::NotCustomerAccount);
}

#[tokio::test]
async fn an_organisation_that_already_has_the_partner_is_told_so() {
    let app = TestApp::spawn().await;
    let adatum = app.sign_in(ADATUM_ADMIN).await;
    let (_, first) = invite(&app, ADMIN_AGENT, false).await;
    let preview = app.lookup(&adatum, &first).await.ok().await;
    assert!(
        !preview.agreement_required,
        "Adatum accepted the agreement before"
    );
    assert_eq!(
        app.accept(&adatum, &acceptance(&first, false))
            .await
            .status(),
        StatusCode::CREATED
    );
    let (_, second) = invite(&app, ADMIN_AGENT, true).await;
    let e = app
        .accept(&adatum, &acceptance(&second, false))
        .await
        .error(StatusCode::CONFLICT)
        .await;
    assert_eq!(e.code, ErrorCode::AlreadyCustomer);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_link_accepted_100_times_at_once_makes_exactly_one_relationship() {
    let app = TestApp::spawn().await;
    let (_, token) = invite(&app, ADMIN_AGENT, true).await;
    let fabrikam = app.sign_in(FABRIKAM_ADMIN).await;
    let responses = accept_at_once(&[&app.base], &token, &fabrikam, 100).await;
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
    let partners = app.partner_relationships(&fabrikam).await.ok().await;
    assert_eq!(partners.len(), 1);
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
        app.lookup(&fabrikam, &format!("guess-{i}"))
            .await
            .error(StatusCode::NOT_FOUND)
            .await;
    }
    let e = app
        .lookup(&fabrikam, "guess-4")
        .await
        .error(StatusCode::TOO_MANY_REQUESTS)
        .await;
    assert_eq!(e.code, ErrorCode::TooManyRequests);
    // A real link is refused too while the limit holds, and works once the window has passed.
    let (_, token) = invite(&app, ADMIN_AGENT, true).await;
    app.lookup(&fabrikam, &token)
        .await
        .error(StatusCode::TOO_MANY_REQUESTS)
        .await;
    tokio::time::sleep(std::time::Duration::from_millis(1_100)).await;
    assert_eq!(app.lookup(&fabrikam, &token).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn the_customer_removes_the_partners_roles_and_the_relationship_stays() {
    let app = TestApp::spawn().await;
    let (_, token) = invite(&app, ADMIN_AGENT, true).await;
    let (fabrikam, partners) = app.fabrikam_accepts(&token).await;
    let contoso_id = partners[0].partner_id.clone();

    let user = app.sign_in(FABRIKAM_USER).await;
    let e = app
        .remove_partner_roles(&user, &contoso_id)
        .await
        .error(StatusCode::FORBIDDEN)
        .await;
    assert_eq!(e.code, ErrorCode::NotGlobalAdmin);
    app.remove_partner_roles(&fabrikam, "not-a-partner")
        .await
        .error(StatusCode::NOT_FOUND)
        .await;

    let r = app.remove_partner_roles(&fabrikam, &contoso_id).await;
    assert_eq!(r.status(), StatusCode::OK);
    let partners = r.ok().await;
    assert!(partners[0].admin_roles.is_empty());

    let contoso = app.sign_in(ADMIN_AGENT).await;
    let page = customers(&app, &contoso).await;
    let f = page
        .items
        .iter()
        .find(|c| c.company_profile.company_name == "Fabrikam Kft.")
        .unwrap();
    assert_eq!(f.admin_privileges, AdminPrivileges::RemovedByCustomer);
    assert!(!f.allow_delegated_access);
    let listed = app.partner_relationships(&user).await.ok().await;
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
        let accepting = acceptance(&token, true);
        let (a, r) = tokio::join!(
            app.accept(&fabrikam, &accepting),
            app.revoke(&agent, &inv.id),
        );
        let (a_status, r_status) = (a.status(), r.status());
        let after = app.invitation(&agent, &inv.id).await.ok().await;
        // About what is stored: the entries of both organisations' logs (the customer's log has
        // no API), counted in the database.
        let audit = |kind: &'static str| {
            let id = inv.id.clone();
            let app = &app;
            async move {
                app.count(Counted::AuditEntries {
                    action: kind,
                    target_id: Some(&id),
                })
                .await
            }
        };
        let fabrikam_is_customer = app.partner_relationships(&fabrikam).await.ok().await.len();
        if a_status == StatusCode::CREATED {
            accepted += 1;
            assert_eq!(
                r.error(StatusCode::CONFLICT).await.code,
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
            let customer = app.customer_named(&agent, "fabrikam").await;
            let removed = app.remove_relationship(&global_admin, &customer.id).await;
            assert_eq!(removed.status(), StatusCode::NO_CONTENT);
        } else {
            revoked += 1;
            assert_eq!(r_status, StatusCode::OK, "neither won");
            assert_eq!(
                a.error(StatusCode::GONE).await.code,
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
