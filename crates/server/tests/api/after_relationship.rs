//! After the relationship: removal, suspend/reactivate, support partners, service requests and
//! the audit log, each rule per role.

use portal_contract::paths;
use portal_contract::{
    AuditKind, AuditRecord, ErrorCode, Language, NewServiceRequest, ServiceRequestStatus,
    SetSupportPartner, Severity, Subscription, SubscriptionStatus,
};
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::*;

/// The audit log's first page for `query`, as `session`'s user reads it.
async fn audit(app: &TestApp, session: &str, query: &Query) -> Vec<AuditRecord> {
    app.audit_records(session, query).await.ok().await.items
}

/// The customer's first subscription, by offer name.
async fn first_subscription(app: &TestApp, session: &str, customer: &str) -> Subscription {
    app.subscriptions(session, customer)
        .await
        .ok()
        .await
        .items
        .remove(0)
}

#[tokio::test]
async fn suspend_and_reactivate_by_role_with_their_audit_entries() {
    let app = TestApp::spawn().await;
    let agent = app.sign_in(ADMIN_AGENT).await;
    let c = app.customer_named(&agent, "arvizturo").await;
    let sub = first_subscription(&app, &agent, &c.id).await;
    assert_eq!(sub.status, SubscriptionStatus::Active);
    for who in [SALES_AGENT, HELPDESK] {
        let s = app.sign_in(who).await;
        let r = app.suspend(&s, &c.id, &sub.id).await;
        assert_eq!(
            r.error(StatusCode::FORBIDDEN).await.code,
            ErrorCode::Forbidden
        );
    }
    let suspended = app.suspend(&agent, &c.id, &sub.id).await.ok().await;
    assert_eq!(suspended.status, SubscriptionStatus::Suspended);
    assert_eq!(suspended.version, sub.version + 1);
    let again = app.suspend(&agent, &c.id, &sub.id).await;
    again.error(StatusCode::CONFLICT).await;
    let active = app.reactivate(&agent, &c.id, &sub.id).await.ok().await;
    assert_eq!(active.status, SubscriptionStatus::Active);
    // Another partner's admin agent cannot reach it.
    let tailspin = app.sign_in(TAILSPIN).await;
    let r = app.suspend(&tailspin, &c.id, &sub.id).await;
    r.error(StatusCode::NOT_FOUND).await;
    let admin = app.sign_in(GLOBAL_ADMIN).await;
    let kinds: Vec<AuditKind> = audit(&app, &admin, &Query::new().customer(&c.id))
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
    let resellers = app.indirect_resellers(&sales).await.ok().await;
    assert_eq!(resellers.items.len(), 3);
    let c = app.customer_named(&sales, "balaton").await;
    let subscriptions = app.subscriptions(&sales, &c.id).await.ok().await;
    let sub = subscriptions.items[0].clone();
    assert_eq!(sub.support_partner, None, "the partner itself by default");
    let change = |reseller: Option<&str>, version: u32| SetSupportPartner {
        reseller_id: reseller.map(str::to_owned),
        version,
    };
    let chosen = &resellers.items[1];
    let changed = app
        .set_support_partner(
            &sales,
            &c.id,
            &sub.id,
            &change(Some(&chosen.id), sub.version),
        )
        .await
        .ok()
        .await;
    assert_eq!(changed.support_partner.as_ref(), Some(chosen));
    // The same old version again: someone else's change would be lost, so 409.
    let stale = app
        .set_support_partner(&sales, &c.id, &sub.id, &change(None, sub.version))
        .await;
    assert_eq!(
        stale.error(StatusCode::CONFLICT).await.code,
        ErrorCode::Stale
    );
    let now = app.subscriptions(&sales, &c.id).await.ok().await;
    assert_eq!(now.items[0].support_partner.as_ref(), Some(chosen));
    let unknown = app
        .set_support_partner(
            &sales,
            &c.id,
            &sub.id,
            &change(Some("not-a-reseller"), changed.version),
        )
        .await;
    unknown.error(StatusCode::UNPROCESSABLE_ENTITY).await;
    // Bad input: raw bodies.
    let path = support_contact(&c.id, &sub.id);
    for bad in [r#"{"resellerId":null}"#, r#"{"version":"1"}"#, "[]"] {
        let r = app.post_json(&path, bad, Some(&sales)).await;
        assert!(r.status().is_client_error(), "{bad}");
    }
    // Ten concurrent changes from the same version: exactly one wins, the rest are told.
    let current = first_subscription(&app, &sales, &c.id).await;
    let tries = (0..10).map(|i| {
        let request = change(Some(&resellers.items[i % 3].id), current.version);
        let (app, sales, c, sub) = (&app, &sales, &c, &sub);
        async move {
            app.set_support_partner(sales, &c.id, &sub.id, &request)
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
    // Fabrikam becomes a customer with admin privileges, which it removes later.
    let agent = app.sign_in(ADMIN_AGENT).await;
    let token = token_of(&app.invite(&agent, true).await);
    let (fabrikam, partners) = app.fabrikam_accepts(&token).await;
    let helpdesk = app.sign_in(HELPDESK).await;
    let c = app.customer_named(&helpdesk, "fabrikam").await;
    let path = paths::customer_service_requests(&c.id);
    let good = NewServiceRequest {
        title: "Cannot sign in to Outlook".into(),
        description: "Since Monday, three users get an error.".into(),
        severity: Severity::Moderate,
        contact_name: "Zsófia Kiss".into(),
        contact_email: "zsofia.kiss@example.com".into(),
    };
    let sales = app.sign_in(SALES_AGENT).await;
    let r = app.open_service_request(&sales, &c.id, &good).await;
    r.error(StatusCode::FORBIDDEN).await;
    let bad = NewServiceRequest {
        title: " ".into(),
        description: "x".repeat(4001),
        severity: Severity::Moderate,
        contact_name: "".into(),
        contact_email: "not-an-address".into(),
    };
    let e = app
        .open_service_request(&helpdesk, &c.id, &bad)
        .await
        .error(StatusCode::UNPROCESSABLE_ENTITY)
        .await;
    let fields: Vec<&str> = e.field_errors.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(
        fields,
        ["title", "description", "contactName", "contactEmail"]
    );
    // Bad input: a severity no request type can hold, as a raw body.
    let mut wrong = serde_json::to_value(&good).unwrap();
    wrong["severity"] = json!("urgent");
    let r = app
        .post_json(&path, wrong.to_string(), Some(&helpdesk))
        .await;
    expect_error(r, StatusCode::UNPROCESSABLE_ENTITY).await;
    let before = app.service_requests(&helpdesk, &c.id).await.ok().await;

    // The customer removed the partner's admin roles: support goes on.
    let removed = app
        .remove_partner_roles(&fabrikam, &partners[0].partner_id)
        .await;
    assert_eq!(removed.status(), StatusCode::OK);
    let r = app.open_service_request(&helpdesk, &c.id, &good).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let created = r.ok().await;
    assert_eq!(created.status, ServiceRequestStatus::Open);
    assert_eq!(created.created_by, HELPDESK);
    let after = app.service_requests(&helpdesk, &c.id).await.ok().await;
    assert_eq!(after.items.len(), before.items.len() + 1);
    assert_eq!(after.items[0], created);
    let tailspin = app.sign_in(TAILSPIN).await;
    let theirs = app.service_requests(&tailspin, &c.id).await;
    theirs.error(StatusCode::NOT_FOUND).await;
}

#[tokio::test]
async fn removal_needs_a_global_admin_and_no_active_subscription_and_ends_everything() {
    let app = TestApp::spawn().await;
    let admin = app.sign_in(GLOBAL_ADMIN).await;
    let agent = app.sign_in(ADMIN_AGENT).await;

    // Fabrikam accepts an invitation; a second one stays open.
    let used = token_of(&app.invite(&agent, true).await);
    let open = token_of(&app.invite(&agent, true).await);
    let fabrikam = app.sign_in(FABRIKAM_ADMIN).await;
    let accept = |token: String| {
        let (app, fabrikam) = (&app, &fabrikam);
        async move { app.accept(fabrikam, &acceptance(&token, true)).await }
    };
    assert_eq!(accept(used).await.status(), StatusCode::CREATED);
    let fab = app.customer_named(&agent, "fabrikam").await;

    for who in [&agent, &app.sign_in(SALES_AGENT).await] {
        let r = app.remove_relationship(who, &fab.id).await;
        r.error(StatusCode::FORBIDDEN).await;
    }
    // A customer with active subscriptions cannot be removed, and nothing changes.
    let busy = app.customer_named(&agent, "arvizturo").await;
    let r = app.remove_relationship(&admin, &busy.id).await;
    let e = r.error(StatusCode::CONFLICT).await;
    assert_eq!(e.code, ErrorCode::ActiveSubscriptions);
    app.customer_named(&agent, "arvizturo").await;

    let r = app.remove_relationship(&admin, &fab.id).await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    app.customer(&agent, &fab.id)
        .await
        .error(StatusCode::NOT_FOUND)
        .await;
    app.remove_relationship(&admin, &fab.id)
        .await
        .error(StatusCode::NOT_FOUND)
        .await;
    let partners = app.partner_relationships(&fabrikam).await.ok().await;
    assert!(
        partners.is_empty(),
        "the customer no longer sees the partner"
    );
    // The invitation still open from before cannot bring the customer back.
    let e = accept(open).await.error(StatusCode::GONE).await;
    assert_eq!(e.code, ErrorCode::InvitationRevoked);
    // A new invitation can.
    let fresh = token_of(&app.invite(&agent, true).await);
    assert_eq!(accept(fresh).await.status(), StatusCode::CREATED);

    // The audit log tells the story, newest first.
    let story: Vec<AuditKind> = audit(&app, &admin, &Query::new().customer(&fab.id).size(200))
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
        app.invite(&agent, true).await;
    }
    app.audit_records(&agent, &Query::new())
        .await
        .error(StatusCode::FORBIDDEN)
        .await;
    let admin = app.sign_in(GLOBAL_ADMIN).await;
    let creations = Query::new().kind(AuditKind::InvitationCreated);
    let created = audit(&app, &admin, &creations).await;
    assert_eq!(created.len(), 3);
    assert!(created.iter().all(|r| r.user_email == ADMIN_AGENT));
    let two = creations.clone().size(2);
    let first = app.audit_records(&admin, &two).await.ok().await;
    assert_eq!(first.items.len(), 2);
    assert_eq!(first.total_count, 3, "the total counts every page");
    let next = two.token(&first.continuation_token.unwrap());
    let rest = app.audit_records(&admin, &next).await.ok().await;
    assert_eq!(rest.items, created[2..]);
    // Bad input, so the raw query.
    for bad in [
        "?kind=everything",
        "?kind=",
        "?size=0",
        "?continuationToken=forged",
    ] {
        let path = format!("{}{bad}", paths::AUDIT_RECORDS);
        expect_error(app.get(&path, Some(&admin)).await, StatusCode::BAD_REQUEST).await;
    }
    let csv = app.audit_export(&admin, &creations).await;
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
    app.audit_records(&tailspin, &Query::new())
        .await
        .error(StatusCode::FORBIDDEN)
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
        let request = portal_contract::CreateRelationshipRequest {
            customer_email: Some(email.into()),
            ..invitation_request(true)
        };
        let r = app.create_invitation(session, &request).await;
        assert_eq!(r.status(), StatusCode::CREATED);
    }
    // An entry of the shape written before the details were typed: Unix seconds, no kind. Only
    // an older server wrote these, so this part is about the database itself.
    app.stored()
        .add_old_audit_entry(
            "old-one",
            r#"{"allowDelegatedAccess":false,"customerEmail":null,"expiresAt":1798761600}"#,
            40,
        )
        .await
        .unwrap();

    // The raw page: details tagged by kind, typed, with RFC 3339 times and no nulls.
    let creations = Query::new().kind(AuditKind::InvitationCreated);
    let raw: serde_json::Value = app
        .get(&creations.on(paths::AUDIT_RECORDS), Some(&admin))
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
        &Query::new().user_email(&GLOBAL_ADMIN.to_uppercase()),
    )
    .await;
    assert!(!mine.is_empty());
    assert!(mine.iter().all(|r| r.user_email == GLOBAL_ADMIN));
    let agents = audit(&app, &admin, &Query::new().user_email(ADMIN_AGENT)).await;
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
        &creations.clone().from(&day(today)).to(&day(today)),
    )
    .await;
    assert_eq!(todays.len(), 2);
    let earlier = today - time::Duration::days(40);
    let old_ones = audit(
        &app,
        &admin,
        &creations.clone().from(&day(earlier)).to(&day(earlier)),
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
    let bad_days = Query::new().from("2026-02-30").to("yesterday");
    let body = app
        .audit_records(&admin, &bad_days)
        .await
        .error(StatusCode::BAD_REQUEST)
        .await;
    assert_eq!(
        field_codes(&body),
        [("from", "invalidDate"), ("to", "invalidDate")]
    );
    let body = app
        .audit_records(&admin, &Query::new().to(""))
        .await
        .error(StatusCode::BAD_REQUEST)
        .await;
    assert_eq!(body.field_errors[0].field, "to", "empty is not a day");
    let backwards = Query::new().from("2026-12-02").to("2026-12-01");
    let body = app
        .audit_records(&admin, &backwards)
        .await
        .error(StatusCode::BAD_REQUEST)
        .await;
    assert_eq!(body.field_errors[0].field, "to");
    assert_eq!(body.field_errors[0].code, "beforeFrom");

    // The export: streamed, with the details as columns and the sentence in the language asked.
    let agents_in_hungarian = creations.user_email(ADMIN_AGENT).language(Language::Hu);
    let csv = app.audit_export(&admin, &agents_in_hungarian).await;
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
    let german = format!("{}?language=de", paths::AUDIT_RECORDS_CSV);
    expect_error(
        app.get(&german, Some(&admin)).await,
        StatusCode::BAD_REQUEST,
    )
    .await;
}

#[tokio::test]
async fn a_long_export_arrives_in_many_chunks_and_whole() {
    let app = TestApp::spawn().await;
    let admin = app.sign_in(GLOBAL_ADMIN).await;
    // 2,000 entries: four export steps of 500. Written straight into the store: the test is
    // about reading many stored rows, and 4,000 requests would only make it slow.
    app.stored()
        .add_audit_entries(GLOBAL_ADMIN, "invitation.revoked", 2000, 1796169600)
        .await
        .unwrap();
    let revocations = Query::new().kind(AuditKind::InvitationRevoked);
    let mut r = app.audit_export(&admin, &revocations).await;
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
                "{}{}",
                app.base,
                revocations.on(paths::AUDIT_RECORDS_CSV)
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
