use portal_contract::paths;
use portal_contract::{
    AuditKind, CreateRelationshipRequest, ErrorCode, Invitation, InvitationStatus, Language, Page,
};
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::*;

/// The kinds of the partner's audit entries about `id`, oldest first, as its Global admin reads
/// them.
async fn story(app: &TestApp, id: &str) -> Vec<AuditKind> {
    let admin = app.sign_in(GLOBAL_ADMIN).await;
    let log = app
        .audit_records(&admin, &Query::new().size(1000))
        .await
        .ok()
        .await;
    log.items
        .iter()
        .rev()
        .filter(|r| r.resource_id == id)
        .map(|r| r.kind)
        .collect()
}

/// How many invitations the partner has, as `session`'s user sees the list.
async fn how_many(app: &TestApp, session: &str) -> u64 {
    let all = app.invitations(session, &Query::new()).await.ok().await;
    all.total_count
}

#[tokio::test]
async fn an_admin_agent_creates_a_pending_invitation_with_a_256_bit_link() {
    let app = TestApp::spawn().await;
    let session = app.sign_in(ADMIN_AGENT).await;
    let request = CreateRelationshipRequest {
        allow_delegated_access: false,
        customer_email: Some("Anna@Fabrikam.example".into()),
        language: Language::Hu,
    };
    let r = app.create_invitation(&session, &request).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let inv = r.ok().await;
    assert_eq!(inv.status, InvitationStatus::Pending);
    assert!(!inv.allow_delegated_access);
    assert_eq!(inv.customer_email.as_deref(), Some("anna@fabrikam.example"));
    assert_eq!(inv.language, Language::Hu);
    assert_eq!(inv.created_by, ADMIN_AGENT);
    let link = inv.link.clone().unwrap();
    let (base, token) = link.split_once("/accept#").unwrap();
    assert!(
        base.ends_with(paths::PORTAL_M365),
        "public cloud → Microsoft 365 admin center: {link}"
    );
    assert_eq!(token.len(), 43, "256 bits, base64url");

    // About what is stored: the token is kept only as a hash, so the database itself is read.
    let stored = app
        .stored()
        .invitation_secrets_contain(token.as_bytes())
        .await
        .unwrap();
    assert!(!stored);
    // The same link is shown again; the audit log has it.
    let again = app.invitation(&session, &inv.id).await.ok().await;
    assert_eq!(again.link.as_deref(), Some(link.as_str()));
    assert_eq!(
        story(&app, &inv.id).await,
        vec![AuditKind::InvitationCreated]
    );
}

#[tokio::test]
async fn only_admin_agents_and_global_admins_create_or_revoke() {
    let app = TestApp::spawn().await;
    let admin = app.sign_in(ADMIN_AGENT).await;
    let request = invitation_request(true);
    let inv = app.create_invitation(&admin, &request).await.ok().await;
    let global = app.sign_in(GLOBAL_ADMIN).await;
    assert_eq!(
        app.create_invitation(&global, &request).await.status(),
        StatusCode::CREATED
    );
    for who in [SALES_AGENT, HELPDESK] {
        let s = app.sign_in(who).await;
        let e = app
            .create_invitation(&s, &request)
            .await
            .error(StatusCode::FORBIDDEN)
            .await;
        assert!(
            e.message.contains("adminAgent"),
            "names the missing role: {}",
            e.message
        );
        app.revoke(&s, &inv.id)
            .await
            .error(StatusCode::FORBIDDEN)
            .await;
        // They see the list, without links.
        let page = app.invitations(&s, &Query::new()).await.ok().await;
        assert_eq!(page.total_count, 2);
        assert!(page.items.iter().all(|i| i.link.is_none()));
    }
    let count = how_many(&app, &admin).await;
    assert_eq!(count, 2, "refused requests wrote nothing");
}

#[tokio::test]
async fn us_government_partners_must_include_admin_privileges() {
    let app = TestApp::spawn().await;
    let s = app.sign_in(TAILSPIN).await;
    let e = app
        .create_invitation(&s, &invitation_request(false))
        .await
        .error(StatusCode::UNPROCESSABLE_ENTITY)
        .await;
    assert_eq!(e.field_errors[0].field, "allowDelegatedAccess");
    let inv = app.invite(&s, true).await;
    assert!(
        inv.link
            .unwrap()
            .contains(&format!("{}/accept#", paths::PORTAL_OFFICE)),
        "US Government → Office admin portal"
    );
}

#[tokio::test]
async fn bad_requests_are_refused_and_change_nothing() {
    let app = TestApp::spawn().await;
    let s = app.sign_in(ADMIN_AGENT).await;
    let long = format!("{}@fabrikam.example", "a".repeat(260));
    // Bad input: raw bodies, most of which no request type could hold.
    for (body, status) in [
        (json!({"language": "en"}), StatusCode::UNPROCESSABLE_ENTITY),
        (
            json!({"allowDelegatedAccess": true}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            json!({"allowDelegatedAccess": "yes", "language": "en"}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            json!({"allowDelegatedAccess": true, "language": "de"}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            json!({"allowDelegatedAccess": true, "language": "en", "expiresInDays": 999}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            json!({"allowDelegatedAccess": true, "language": "en", "customerEmail": "not an address"}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            json!({"allowDelegatedAccess": true, "language": "en", "customerEmail": long}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            json!({"allowDelegatedAccess": true, "language": "en", "customerEmail": "a@b.hu\r\nBcc: x@y.hu"}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    ] {
        let r = app
            .post_json(paths::RELATIONSHIP_REQUESTS, body.to_string(), Some(&s))
            .await;
        let e = expect_error(r, status).await;
        assert_eq!(e.code, ErrorCode::Validation, "{body}");
    }
    let count = how_many(&app, &s).await;
    assert_eq!(count, 0);
}

#[tokio::test]
async fn revoking_makes_the_invitation_revoked_once_and_hides_the_link() {
    let app = TestApp::spawn().await;
    let s = app.sign_in(ADMIN_AGENT).await;
    let inv = app.invite(&s, true).await;
    let r = app.revoke(&s, &inv.id).await;
    assert_eq!(r.status(), StatusCode::OK);
    let revoked = r.ok().await;
    assert_eq!(revoked.status, InvitationStatus::Revoked);
    assert!(revoked.revoked_at.is_some() && revoked.link.is_none());
    let again = app.revoke(&s, &inv.id).await;
    assert_eq!(
        again.error(StatusCode::CONFLICT).await.code,
        ErrorCode::Conflict
    );
    assert_eq!(
        story(&app, &inv.id).await,
        vec![AuditKind::InvitationCreated, AuditKind::InvitationRevoked]
    );
}

#[tokio::test]
async fn another_partners_invitations_answer_404() {
    let app = TestApp::spawn().await;
    let contoso = app.sign_in(ADMIN_AGENT).await;
    let tailspin = app.sign_in(TAILSPIN).await;
    let inv = app.invite(&contoso, true).await;
    app.invitation(&tailspin, &inv.id)
        .await
        .error(StatusCode::NOT_FOUND)
        .await;
    app.revoke(&tailspin, &inv.id)
        .await
        .error(StatusCode::NOT_FOUND)
        .await;
    let page = app.invitations(&tailspin, &Query::new()).await.ok().await;
    assert_eq!(page.total_count, 0);
    let mine = app.invitation(&contoso, &inv.id).await.ok().await;
    assert_eq!(
        mine.status,
        InvitationStatus::Pending,
        "still pending after the other partner's attempt"
    );
}

#[tokio::test]
async fn expired_invitations_show_as_expired_and_the_list_pages_newest_first() {
    let app = TestApp::spawn_with(|s| s.invitation_days = 30).await;
    let s = app.sign_in(ADMIN_AGENT).await;
    let mut ids = Vec::new();
    for _ in 0..5 {
        ids.push(app.invite(&s, true).await.id);
    }
    // Spread creation times; age the first one past its expiry.
    for (i, id) in ids.iter().enumerate() {
        let expires = if i == 0 { 31 * 86_400 } else { 0 };
        app.backdate_invitation(id, (5 - i as i64) * 100, expires)
            .await;
    }
    let mut seen = Vec::new();
    let mut query = Query::new().size(2);
    loop {
        let page = app.invitations(&s, &query).await.ok().await;
        assert_eq!(page.total_count, 5);
        seen.extend(page.items);
        match page.continuation_token {
            Some(t) => query = Query::new().size(2).token(&t),
            None => break,
        }
    }
    let order: Vec<&str> = seen.iter().map(|i| i.id.as_str()).collect();
    let newest_first: Vec<&str> = ids.iter().rev().map(String::as_str).collect();
    assert_eq!(order, newest_first);
    assert_eq!(seen.last().unwrap().status, InvitationStatus::Expired);
    assert!(seen.last().unwrap().link.is_none());
    let bad = app.invitations(&s, &Query::new().token("xyz")).await;
    bad.error(StatusCode::BAD_REQUEST).await;
}

/// Every page of `query` (without a continuation token), walking Next to the end; the ids in
/// order and the last answer.
async fn walk(app: &TestApp, s: &str, query: &Query) -> (Vec<String>, Page<Invitation>) {
    let mut ids = Vec::new();
    let mut next = query.clone();
    loop {
        let r = app.invitations(s, &next).await;
        assert_eq!(r.status(), StatusCode::OK, "{next:?}");
        let page = r.ok().await;
        ids.extend(page.items.iter().map(|i| i.id.clone()));
        match &page.continuation_token {
            Some(t) => next = query.clone().token(t),
            None => return (ids, page),
        }
    }
}

#[tokio::test]
async fn the_list_filters_by_status_and_customer_email_and_pages_both_ways() {
    let app = TestApp::spawn().await;
    let s = app.sign_in(ADMIN_AGENT).await;
    let mut ids = Vec::new();
    for i in 0..7 {
        let email = if i % 2 == 0 {
            format!("Anna{i}@Fabrikam.example")
        } else {
            format!("bela{i}@adatum.example")
        };
        let request = CreateRelationshipRequest {
            customer_email: Some(email),
            ..invitation_request(true)
        };
        let r = app.create_invitation(&s, &request).await;
        assert_eq!(r.status(), StatusCode::CREATED);
        ids.push(r.ok().await.id);
    }
    for (i, id) in ids.iter().enumerate() {
        app.backdate_invitation(id, (10 - i as i64) * 100, 0).await;
    }
    // 0 expired, 1 revoked; the rest pending.
    app.expire_invitation(&ids[0]).await;
    let r = app.revoke(&s, &ids[1]).await;
    assert_eq!(r.status(), StatusCode::OK);

    let newest_first = |wanted: &[usize]| -> Vec<String> {
        wanted.iter().rev().map(|i| ids[*i].clone()).collect()
    };
    let status = |st: InvitationStatus| Query::new().status(st);
    let (pending, last) = walk(&app, &s, &status(InvitationStatus::Pending).size(2)).await;
    assert_eq!(pending, newest_first(&[2, 3, 4, 5, 6]));
    assert_eq!(last.total_count, 5, "the count follows the filter");
    assert_eq!(
        walk(&app, &s, &status(InvitationStatus::Expired)).await.0,
        newest_first(&[0])
    );
    assert_eq!(
        walk(&app, &s, &status(InvitationStatus::Revoked)).await.0,
        newest_first(&[1])
    );
    assert!(
        walk(&app, &s, &status(InvitationStatus::Accepted))
            .await
            .0
            .is_empty()
    );

    // The search ignores case and matches the start of the address only.
    let (anna, page) = walk(&app, &s, &Query::new().size(2).filter("ANNA")).await;
    assert_eq!(anna, newest_first(&[0, 2, 4, 6]));
    assert_eq!(page.total_count, 4);
    assert!(
        walk(&app, &s, &Query::new().filter("fabrikam"))
            .await
            .0
            .is_empty()
    );
    let (both, _) = walk(&app, &s, &status(InvitationStatus::Pending).filter("anna")).await;
    assert_eq!(both, newest_first(&[2, 4, 6]));

    // Next then Previous comes back to the same rows, with the same offsets.
    let three = Query::new().size(3);
    let first = app.invitations(&s, &three).await.ok().await;
    assert_eq!(first.previous_token, None);
    let next = three
        .clone()
        .token(first.continuation_token.as_deref().unwrap());
    let second = app.invitations(&s, &next).await.ok().await;
    assert_eq!(second.offset, Some(3));
    let previous = three
        .clone()
        .token(second.previous_token.as_deref().unwrap());
    let back = app.invitations(&s, &previous).await.ok().await;
    assert_eq!(back.items, first.items);
    assert_eq!(back.offset, Some(0));
    assert!(back.continuation_token.is_some());

    // A token of one list does not open another.
    let token = first.continuation_token.unwrap();
    let other = three.status(InvitationStatus::Pending).token(&token);
    let r = app.invitations(&s, &other).await;
    r.error(StatusCode::BAD_REQUEST).await;
}

#[tokio::test]
async fn a_bad_status_size_or_filter_is_a_field_error() {
    let app = TestApp::spawn().await;
    let s = app.sign_in(SALES_AGENT).await;
    let long = "a".repeat(255);
    // Bad input, so the raw query.
    for (query, field) in [
        ("status=lost", "status"),
        ("status=", "status"),
        ("size=0", "size"),
        ("size=1001", "size"),
        (&format!("filter={long}") as &str, "filter"),
    ] {
        let path = format!("{}?{query}", paths::RELATIONSHIP_REQUESTS);
        let body = expect_error(app.get(&path, Some(&s)).await, StatusCode::BAD_REQUEST).await;
        assert_eq!(body.field_errors[0].field, field, "{query}");
    }
}
