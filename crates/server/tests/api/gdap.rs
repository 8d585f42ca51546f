//! Granular admin relationships, the partner's side: request, list, show, the rules of a new
//! request, lockForApproval and terminate with their ETags, and the demo data.

use portal_contract::audit::AuditDetails;
use portal_contract::gdap::{
    AdminRelationshipStatus as Status, GLOBAL_ADMINISTRATOR_ROLE_ID, RelationshipAction,
};
use portal_contract::{AuditKind, ErrorCode, paths};
use portal_server::store::Counted;
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::*;

pub const READER: &str = "f2ef992c-3afb-46b9-b7cf-a126ee74c451";
pub const HELPDESK_ADMIN: &str = "729827e3-9c14-49f7-bb1b-9608f156bbb8";
pub const USER_ADMIN: &str = "fe930be7-5e62-47db-91af-98c3a49a38b1";

#[tokio::test]
async fn a_request_is_created_pending_with_its_link_and_shown_with_its_history() {
    let app = TestApp::spawn().await;
    let agent = app.sign_in(ADMIN_AGENT).await;
    let litware = app.customer_named(&agent, "litware").await;
    let request = gdap_request(
        "Litware helpdesk",
        Some(&litware.id),
        90,
        &[HELPDESK_ADMIN, READER],
    );
    let answer = app.create_admin_relationship(&agent, &request).await;
    assert_eq!(answer.status(), StatusCode::CREATED);
    let tag = answer.etag();
    let created = answer.ok().await;
    assert_eq!(tag.as_deref(), Some(created.etag.as_str()));
    assert_eq!(created.status, Status::ApprovalPending);
    assert_eq!(created.duration, "P90D");
    assert_eq!(created.auto_extend_duration, "PT0S");
    assert_eq!(
        created.customer.as_ref().unwrap().display_name,
        "Litware Kft."
    );
    let link = created.approval_link.as_deref().unwrap();
    assert!(
        link.contains(&format!("/m365-admin/{}#token=", paths::APPROVE_ROLES_PAGE)),
        "{link}"
    );
    assert_eq!(approval_token(&created).len(), 43);

    // The one relationship, with its history and the same ETag.
    let answer = app.admin_relationship(&agent, &created.id).await;
    assert_eq!(answer.etag(), tag);
    let shown = answer.ok().await;
    assert_eq!(shown.history.len(), 1);
    assert_eq!(shown.history[0].status, Status::ApprovalPending);
    assert_eq!(shown.history[0].by.as_deref(), Some(ADMIN_AGENT));
    // Sales agents read it, without the link.
    let sales = app.sign_in(SALES_AGENT).await;
    let seen = app.admin_relationship(&sales, &created.id).await.ok().await;
    assert_eq!(seen.approval_link, None);

    // Listed first (newest), found by its name and by its customer's name, on the customer's tab.
    for query in [
        Query::new(),
        Query::new().filter("LITWARE h"),
        Query::new().filter("litware k"),
        Query::new().customer(&litware.id),
        Query::new().gdap_status(Status::ApprovalPending),
    ] {
        let page = app.admin_relationships(&agent, &query).await.ok().await;
        assert_eq!(page.items[0].id, created.id, "{query:?}");
    }
    let page = app
        .admin_relationships(&agent, &Query::new().gdap_status(Status::Active))
        .await
        .ok()
        .await;
    assert!(page.items.iter().all(|r| r.status == Status::Active));
    assert!(!page.items.iter().any(|r| r.id == created.id));

    let ga = app.sign_in(GLOBAL_ADMIN).await;
    let log = app
        .audit_records(
            &ga,
            &Query::new().kind(AuditKind::AdminRelationshipRequested),
        )
        .await
        .ok()
        .await;
    assert_eq!(log.items[0].resource_id, created.id);
}

#[tokio::test]
async fn every_broken_rule_of_a_request_is_reported_at_once() {
    let app = TestApp::spawn().await;
    let agent = app.sign_in(ADMIN_AGENT).await;
    app.request_roles(&agent, &gdap_request("Night shift", None, 30, &[READER]))
        .await;
    let cases = [
        (
            json!({"displayName": "", "duration": "90", "accessDetails": {"unifiedRoles": []},
                   "autoExtendDuration": "P30D", "customer": {"tenantId": "nobody"}}),
            vec![
                ("displayName", "required"),
                ("duration", "invalid"),
                ("accessDetails.unifiedRoles", "required"),
                ("autoExtendDuration", "invalid"),
                ("customer.tenantId", "unknownValue"),
            ],
        ),
        (
            json!({"displayName": "n".repeat(51), "duration": "P731D",
                   "accessDetails": {"unifiedRoles": [{"roleDefinitionId": "nope"}]}}),
            vec![
                ("displayName", "tooLong"),
                ("duration", "outOfRange"),
                ("accessDetails.unifiedRoles", "unknownValue"),
            ],
        ),
        (
            json!({"displayName": "NIGHT SHIFT", "duration": "P0D",
                   "accessDetails": {"unifiedRoles": [{"roleDefinitionId": READER}, {"roleDefinitionId": READER}]}}),
            vec![
                ("duration", "outOfRange"),
                ("accessDetails.unifiedRoles", "duplicate"),
                ("displayName", "taken"),
            ],
        ),
        (
            json!({"displayName": "Full", "duration": "P1D", "autoExtendDuration": "P180D",
                   "accessDetails": {"unifiedRoles": [{"roleDefinitionId": GLOBAL_ADMINISTRATOR_ROLE_ID}]}}),
            vec![("autoExtendDuration", "notAllowed")],
        ),
    ];
    let before = app.count(Counted::AdminRelationships).await;
    for (body, expected) in cases {
        let r = app
            .post_json(paths::ADMIN_RELATIONSHIPS, body.to_string(), Some(&agent))
            .await;
        let error = expect_error(r, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(field_codes(&error), expected, "{body}");
        assert!(error.field_errors.iter().all(|f| !f.message.is_empty()));
    }
    assert_eq!(before, app.count(Counted::AdminRelationships).await);
    // Another partner's customer is unknown here too.
    let tailspin = app.sign_in(TAILSPIN).await;
    let theirs = app
        .customers(&tailspin, &Query::new())
        .await
        .ok()
        .await
        .items[0]
        .id
        .clone();
    let error = app
        .create_admin_relationship(&agent, &gdap_request("x", Some(&theirs), 5, &[READER]))
        .await
        .error(StatusCode::UNPROCESSABLE_ENTITY)
        .await;
    assert_eq!(field_codes(&error), [("customer.tenantId", "unknownValue")]);
}

#[tokio::test]
async fn roles_that_may_not_act_are_refused_before_the_body_is_read() {
    let app = TestApp::spawn().await;
    let agent = app.sign_in(ADMIN_AGENT).await;
    let created = app
        .request_roles(&agent, &gdap_request("Desk", None, 30, &[READER]))
        .await;
    for email in [SALES_AGENT, HELPDESK] {
        let s = app.sign_in(email).await;
        let r = app
            .post_json(paths::ADMIN_RELATIONSHIPS, "{not json", Some(&s))
            .await;
        assert_eq!(
            expect_error(r, StatusCode::FORBIDDEN).await.code,
            ErrorCode::Forbidden
        );
        let r = app
            .post_json(
                &paths::admin_relationship_requests(&created.id),
                "[]",
                Some(&s),
            )
            .await;
        expect_error(r, StatusCode::FORBIDDEN).await;
        let r = app
            .post_json(&paths::access_assignments(&created.id), "[]", Some(&s))
            .await;
        expect_error(r, StatusCode::FORBIDDEN).await;
        // Reading is for every partner role.
        assert_eq!(
            app.admin_relationship(&s, &created.id).await.status(),
            StatusCode::OK
        );
    }
    // Customers are not partners.
    let fabrikam = app.sign_in(FABRIKAM_ADMIN).await;
    let r = app.get(paths::ADMIN_RELATIONSHIPS, Some(&fabrikam)).await;
    expect_error(r, StatusCode::FORBIDDEN).await;
}

#[tokio::test]
async fn lock_for_approval_replaces_the_link_and_changes_need_the_current_etag() {
    let app = TestApp::spawn().await;
    let agent = app.sign_in(ADMIN_AGENT).await;
    let created = app
        .request_roles(&agent, &gdap_request("Relock", None, 30, &[READER]))
        .await;
    let old_token = approval_token(&created);
    let lock = RelationshipAction::LockForApproval;
    // Without If-Match: 428; with an old or foreign tag: 412; nothing changes.
    let e = app
        .relationship_action(&agent, &created.id, lock, None)
        .await
        .error(StatusCode::PRECONDITION_REQUIRED)
        .await;
    assert_eq!(e.code, ErrorCode::PreconditionRequired);
    for tag in ["W/\"99\"", "*", "garbage"] {
        let e = app
            .relationship_action(&agent, &created.id, lock, Some(tag))
            .await
            .error(StatusCode::PRECONDITION_FAILED)
            .await;
        assert_eq!(e.code, ErrorCode::Stale);
    }
    let answer = app
        .relationship_action(&agent, &created.id, lock, Some(&created.etag))
        .await;
    assert_eq!(answer.status(), StatusCode::OK);
    let relocked = answer.ok().await;
    assert_ne!(relocked.etag, created.etag);
    let new_token = approval_token(&relocked);
    assert_ne!(new_token, old_token);
    // The old link stops working; the new one works.
    let fabrikam = app.sign_in(FABRIKAM_ADMIN).await;
    let e = app
        .look_up_approval(&fabrikam, &old_token)
        .await
        .error(StatusCode::NOT_FOUND)
        .await;
    assert_eq!(e.code, ErrorCode::ApprovalUnknown);
    assert_eq!(
        app.look_up_approval(&fabrikam, &new_token).await.status(),
        StatusCode::OK
    );
    // The old tag is now stale.
    let e = app
        .relationship_action(
            &agent,
            &created.id,
            RelationshipAction::Terminate,
            Some(&created.etag),
        )
        .await
        .error(StatusCode::PRECONDITION_FAILED)
        .await;
    assert_eq!(e.code, ErrorCode::Stale);
    // Terminating a pending request withdraws it: its link says so.
    let ended = app
        .relationship_action(
            &agent,
            &created.id,
            RelationshipAction::Terminate,
            Some(&relocked.etag),
        )
        .await
        .ok()
        .await;
    assert_eq!(ended.status, Status::Terminated);
    assert_eq!(ended.approval_link, None);
    let e = app
        .look_up_approval(&fabrikam, &new_token)
        .await
        .error(StatusCode::GONE)
        .await;
    assert_eq!(e.code, ErrorCode::RelationshipTerminated);
    // Neither action applies any more.
    for action in [
        RelationshipAction::LockForApproval,
        RelationshipAction::Terminate,
    ] {
        let e = app
            .relationship_action(&agent, &created.id, action, Some(&ended.etag))
            .await
            .error(StatusCode::CONFLICT)
            .await;
        assert_eq!(e.code, ErrorCode::RelationshipTerminated);
    }
    let history = app
        .admin_relationship(&agent, &created.id)
        .await
        .ok()
        .await
        .history;
    let statuses: Vec<Status> = history.iter().map(|h| h.status).collect();
    assert_eq!(statuses, [Status::ApprovalPending, Status::Terminated]);
    // The one link that was replaced is in the audit log, by whom and of what; the refused
    // attempts (no If-Match, stale tags, after termination) left nothing there.
    let ga = app.sign_in(GLOBAL_ADMIN).await;
    let log = app
        .audit_records(
            &ga,
            &Query::new().kind(AuditKind::AdminRelationshipLockedForApproval),
        )
        .await
        .ok()
        .await;
    let entries: Vec<_> = log
        .items
        .iter()
        .filter(|r| r.resource_id == created.id)
        .collect();
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(entries[0].user_email, ADMIN_AGENT);
    assert_eq!(
        entries[0].details,
        AuditDetails::AdminRelationshipLockedForApproval {
            display_name: "Relock".into()
        }
    );
}

#[tokio::test]
async fn the_demo_data_has_a_relationship_in_every_status_and_groups_with_members() {
    let app = TestApp::spawn().await;
    let helpdesk = app.sign_in(HELPDESK).await;
    let all = app
        .admin_relationships(&helpdesk, &Query::new())
        .await
        .ok()
        .await;
    for status in Status::ALL {
        assert!(all.items.iter().any(|r| r.status == status), "{status:?}");
    }
    for name in ["fabrikam", "adatum", "woodgrove"] {
        assert!(
            !all.items.iter().any(|r| r
                .customer
                .as_ref()
                .is_some_and(|c| c.display_name.to_lowercase().contains(name))),
            "{name}"
        );
    }
    let soon = app
        .admin_relationships(&helpdesk, &Query::new().ending_within(30))
        .await
        .ok()
        .await;
    assert_eq!(soon.items.len(), 1);
    assert!(soon.items[0].ending_soon);
    assert!(
        all.items
            .iter()
            .any(|r| r.status == Status::Active && r.auto_extend_duration == "P180D")
    );
    let groups = app.security_groups(&helpdesk).await.ok().await;
    let names: Vec<&str> = groups.iter().map(|g| g.display_name.as_str()).collect();
    assert_eq!(
        names,
        ["Helpdesk agents", "Security operations", "Tier 2 support"]
    );
    assert!(groups.iter().all(|g| !g.members.is_empty()));
    let catalogue = app.role_definitions(&helpdesk).await.ok().await;
    assert!(catalogue.len() >= 30);
    // The Customers list shows the active roles at a glance.
    let alpine = app.customer_named(&helpdesk, "alpine").await;
    let summary = alpine.granular_admin.expect("a summary");
    assert_eq!(summary.role_count, 3);
    let detail = app.customer(&helpdesk, &alpine.id).await.ok().await;
    assert_eq!(detail.customer.granular_admin, Some(summary));
    let plain = app.customer_named(&helpdesk, "duna").await;
    assert_eq!(plain.granular_admin, None);
    // Tailspin has none of it.
    let tailspin = app.sign_in(TAILSPIN).await;
    let theirs = app
        .admin_relationships(&tailspin, &Query::new())
        .await
        .ok()
        .await;
    assert_eq!(theirs.total_count, 0);
    assert!(app.security_groups(&tailspin).await.ok().await.is_empty());
}
