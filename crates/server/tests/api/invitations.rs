use portal_contract::{ErrorCode, Invitation, InvitationStatus, Language, Page};
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::*;

const PATH: &str = "/api/v1/customers/relationshiprequests";

async fn create(app: &TestApp, session: &str, body: serde_json::Value) -> reqwest::Response {
    app.post_json(PATH, body.to_string(), Some(session)).await
}

/// A new invitation with admin privileges, as the partner user signed in with `session`.
async fn pending(app: &TestApp, session: &str) -> Invitation {
    let body = json!({"allowDelegatedAccess": true, "language": "en"});
    let r = create(app, session, body).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    r.json().await.unwrap()
}

#[tokio::test]
async fn an_admin_agent_creates_a_pending_invitation_with_a_256_bit_link() {
    let app = TestApp::spawn().await;
    let session = app.sign_in(ADMIN_AGENT).await;
    let r = create(
        &app,
        &session,
        json!({"allowDelegatedAccess": false, "customerEmail": "Anna@Fabrikam.example", "language": "hu"}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let inv: Invitation = r.json().await.unwrap();
    assert_eq!(inv.status, InvitationStatus::Pending);
    assert!(!inv.allow_delegated_access);
    assert_eq!(inv.customer_email.as_deref(), Some("anna@fabrikam.example"));
    assert_eq!(inv.language, Language::Hu);
    assert_eq!(inv.created_by, ADMIN_AGENT);
    let link = inv.link.clone().unwrap();
    let (base, token) = link.split_once("/accept#").unwrap();
    assert!(
        base.ends_with("/m365-admin"),
        "public cloud → Microsoft 365 admin center: {link}"
    );
    assert_eq!(token.len(), 43, "256 bits, base64url");

    // Stored only as a hash; the same link is shown again; the audit log has it.
    let db = app.sql().await;
    let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM invitations WHERE instr(token_hash, ?) > 0 OR instr(token_seed, ?) > 0")
        .bind(token.as_bytes())
        .bind(token.as_bytes())
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(stored, 0);
    let again: Invitation = app
        .get(&format!("{PATH}/{}", inv.id), Some(&session))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(again.link.as_deref(), Some(link.as_str()));
    let audit: Vec<String> = sqlx::query_scalar("SELECT action FROM audit_log WHERE target_id = ?")
        .bind(&inv.id)
        .fetch_all(&db)
        .await
        .unwrap();
    assert_eq!(audit, vec!["invitation.created"]);
}

#[tokio::test]
async fn only_admin_agents_and_global_admins_create_or_revoke() {
    let app = TestApp::spawn().await;
    let admin = app.sign_in(ADMIN_AGENT).await;
    let body = json!({"allowDelegatedAccess": true, "language": "en"});
    let inv: Invitation = create(&app, &admin, body.clone())
        .await
        .json()
        .await
        .unwrap();
    let global = app.sign_in("globaladmin@contoso-partner.example").await;
    assert_eq!(
        create(&app, &global, body.clone()).await.status(),
        StatusCode::CREATED
    );
    for who in [
        "salesagent@contoso-partner.example",
        "helpdesk@contoso-partner.example",
    ] {
        let s = app.sign_in(who).await;
        let e = expect_error(create(&app, &s, body.clone()).await, StatusCode::FORBIDDEN).await;
        assert!(
            e.message.contains("adminAgent"),
            "names the missing role: {}",
            e.message
        );
        let r = app
            .post_json(&format!("{PATH}/{}/revoke", inv.id), "", Some(&s))
            .await;
        expect_error(r, StatusCode::FORBIDDEN).await;
        // They see the list, without links.
        let page: Page<Invitation> = app.get(PATH, Some(&s)).await.json().await.unwrap();
        assert_eq!(page.total_count, 2);
        assert!(page.items.iter().all(|i| i.link.is_none()));
    }
    let count = app.count("SELECT count(*) FROM invitations").await;
    assert_eq!(count, 2, "refused requests wrote nothing");
}

#[tokio::test]
async fn us_government_partners_must_include_admin_privileges() {
    let app = TestApp::spawn().await;
    let s = app.sign_in(TAILSPIN).await;
    let e = expect_error(
        create(
            &app,
            &s,
            json!({"allowDelegatedAccess": false, "language": "en"}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(e.field_errors[0].field, "allowDelegatedAccess");
    let inv: Invitation = pending(&app, &s).await;
    assert!(
        inv.link.unwrap().contains("/office-admin/accept#"),
        "US Government → Office admin portal"
    );
}

#[tokio::test]
async fn bad_requests_are_refused_and_change_nothing() {
    let app = TestApp::spawn().await;
    let s = app.sign_in(ADMIN_AGENT).await;
    let long = format!("{}@fabrikam.example", "a".repeat(260));
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
        let e = expect_error(create(&app, &s, body.clone()).await, status).await;
        assert_eq!(e.code, ErrorCode::Validation, "{body}");
    }
    let count = app.count("SELECT count(*) FROM invitations").await;
    assert_eq!(count, 0);
}

#[tokio::test]
async fn revoking_makes_the_invitation_revoked_once_and_hides_the_link() {
    let app = TestApp::spawn().await;
    let s = app.sign_in(ADMIN_AGENT).await;
    let inv: Invitation = pending(&app, &s).await;
    let r = app
        .post_json(&format!("{PATH}/{}/revoke", inv.id), "", Some(&s))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let revoked: Invitation = r.json().await.unwrap();
    assert_eq!(revoked.status, InvitationStatus::Revoked);
    assert!(revoked.revoked_at.is_some() && revoked.link.is_none());
    let again = app
        .post_json(&format!("{PATH}/{}/revoke", inv.id), "", Some(&s))
        .await;
    assert_eq!(
        expect_error(again, StatusCode::CONFLICT).await.code,
        ErrorCode::Conflict
    );
    let actions: Vec<String> =
        sqlx::query_scalar("SELECT action FROM audit_log WHERE target_id = ? ORDER BY id")
            .bind(&inv.id)
            .fetch_all(&app.sql().await)
            .await
            .unwrap();
    assert_eq!(actions, vec!["invitation.created", "invitation.revoked"]);
}

#[tokio::test]
async fn another_partners_invitations_answer_404() {
    let app = TestApp::spawn().await;
    let contoso = app.sign_in(ADMIN_AGENT).await;
    let tailspin = app.sign_in(TAILSPIN).await;
    let inv: Invitation = pending(&app, &contoso).await;
    expect_error(
        app.get(&format!("{PATH}/{}", inv.id), Some(&tailspin))
            .await,
        StatusCode::NOT_FOUND,
    )
    .await;
    let r = app
        .post_json(&format!("{PATH}/{}/revoke", inv.id), "", Some(&tailspin))
        .await;
    expect_error(r, StatusCode::NOT_FOUND).await;
    let page: Page<Invitation> = app.get(PATH, Some(&tailspin)).await.json().await.unwrap();
    assert_eq!(page.total_count, 0);
    let mine: Invitation = app
        .get(&format!("{PATH}/{}", inv.id), Some(&contoso))
        .await
        .json()
        .await
        .unwrap();
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
        let inv: Invitation = pending(&app, &s).await;
        ids.push(inv.id);
    }
    let db = app.sql().await;
    // Spread creation times; age the first one past its expiry.
    for (i, id) in ids.iter().enumerate() {
        sqlx::query("UPDATE invitations SET created_at = created_at - ?, expires_at = expires_at - ? WHERE id = ?")
            .bind((5 - i as i64) * 100)
            .bind(if i == 0 { 31 * 86_400 } else { 0 })
            .bind(id)
            .execute(&db)
            .await
            .unwrap();
    }
    let mut seen = Vec::new();
    let mut query = format!("{PATH}?size=2");
    loop {
        let page: Page<Invitation> = app.get(&query, Some(&s)).await.json().await.unwrap();
        assert_eq!(page.total_count, 5);
        seen.extend(page.items);
        match page.continuation_token {
            Some(t) => query = format!("{PATH}?size=2&continuationToken={t}"),
            None => break,
        }
    }
    let order: Vec<&str> = seen.iter().map(|i| i.id.as_str()).collect();
    let newest_first: Vec<&str> = ids.iter().rev().map(String::as_str).collect();
    assert_eq!(order, newest_first);
    assert_eq!(seen.last().unwrap().status, InvitationStatus::Expired);
    assert!(seen.last().unwrap().link.is_none());
    let bad = app
        .get(&format!("{PATH}?continuationToken=xyz"), Some(&s))
        .await;
    expect_error(bad, StatusCode::BAD_REQUEST).await;
}

/// Every page of `query` (without a continuation token), walking Next to the end; the ids in
/// order and the last answer.
async fn walk(app: &TestApp, s: &str, query: &str) -> (Vec<String>, Page<Invitation>) {
    let mut ids = Vec::new();
    let mut url = format!("{PATH}?{query}");
    loop {
        let r = app.get(&url, Some(s)).await;
        assert_eq!(r.status(), StatusCode::OK, "{url}");
        let page: Page<Invitation> = r.json().await.unwrap();
        ids.extend(page.items.iter().map(|i| i.id.clone()));
        match &page.continuation_token {
            Some(t) => url = format!("{PATH}?{query}&continuationToken={t}"),
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
        let body = json!({"allowDelegatedAccess": true, "customerEmail": email, "language": "en"});
        let r = create(&app, &s, body).await;
        assert_eq!(r.status(), StatusCode::CREATED);
        ids.push(r.json::<Invitation>().await.unwrap().id);
    }
    let db = app.sql().await;
    for (i, id) in ids.iter().enumerate() {
        sqlx::query("UPDATE invitations SET created_at = created_at - ? WHERE id = ?")
            .bind((10 - i as i64) * 100)
            .bind(id)
            .execute(&db)
            .await
            .unwrap();
    }
    // 0 expired, 1 revoked; the rest pending.
    sqlx::query("UPDATE invitations SET expires_at = created_at + 1 WHERE id = ?")
        .bind(&ids[0])
        .execute(&db)
        .await
        .unwrap();
    let r = app
        .post_json(&format!("{PATH}/{}/revoke", ids[1]), "", Some(&s))
        .await;
    assert_eq!(r.status(), StatusCode::OK);

    let newest_first = |wanted: &[usize]| -> Vec<String> {
        wanted.iter().rev().map(|i| ids[*i].clone()).collect()
    };
    let (pending, last) = walk(&app, &s, "size=2&status=pending").await;
    assert_eq!(pending, newest_first(&[2, 3, 4, 5, 6]));
    assert_eq!(last.total_count, 5, "the count follows the filter");
    assert_eq!(walk(&app, &s, "status=expired").await.0, newest_first(&[0]));
    assert_eq!(walk(&app, &s, "status=revoked").await.0, newest_first(&[1]));
    assert!(walk(&app, &s, "status=accepted").await.0.is_empty());

    // The search ignores case and matches the start of the address only.
    let (anna, page) = walk(&app, &s, "size=2&filter=ANNA").await;
    assert_eq!(anna, newest_first(&[0, 2, 4, 6]));
    assert_eq!(page.total_count, 4);
    assert!(walk(&app, &s, "filter=fabrikam").await.0.is_empty());
    let (both, _) = walk(&app, &s, "status=pending&filter=anna").await;
    assert_eq!(both, newest_first(&[2, 4, 6]));

    // Next then Previous comes back to the same rows, with the same offsets.
    let first: Page<Invitation> = app
        .get(&format!("{PATH}?size=3"), Some(&s))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(first.previous_token, None);
    let second: Page<Invitation> = app
        .get(
            &format!(
                "{PATH}?size=3&continuationToken={}",
                first.continuation_token.clone().unwrap()
            ),
            Some(&s),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(second.offset, Some(3));
    let back: Page<Invitation> = app
        .get(
            &format!(
                "{PATH}?size=3&continuationToken={}",
                second.previous_token.clone().unwrap()
            ),
            Some(&s),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(back.items, first.items);
    assert_eq!(back.offset, Some(0));
    assert!(back.continuation_token.is_some());

    // A token of one list does not open another.
    let token = first.continuation_token.unwrap();
    let r = app
        .get(
            &format!("{PATH}?size=3&status=pending&continuationToken={token}"),
            Some(&s),
        )
        .await;
    expect_error(r, StatusCode::BAD_REQUEST).await;
}

#[tokio::test]
async fn a_bad_status_size_or_filter_is_a_field_error() {
    let app = TestApp::spawn().await;
    let s = app.sign_in(SALES_AGENT).await;
    let long = "a".repeat(255);
    for (query, field) in [
        ("status=lost", "status"),
        ("status=", "status"),
        ("size=0", "size"),
        ("size=1001", "size"),
        (&format!("filter={long}") as &str, "filter"),
    ] {
        let body = expect_error(
            app.get(&format!("{PATH}?{query}"), Some(&s)).await,
            StatusCode::BAD_REQUEST,
        )
        .await;
        assert_eq!(body.field_errors[0].field, field, "{query}");
    }
}
