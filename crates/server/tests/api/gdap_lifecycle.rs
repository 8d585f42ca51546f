//! Granular admin relationships over time: the customer's approval (who may, which customer,
//! 50 at once), expiry and auto-extension with the clock moved, access assignments, the
//! customer's termination, paging, and another partner's ids.

use portal_contract::gdap::{
    AccessContainer, AdminRelationship, AdminRelationshipStatus as Status, CreateAccessAssignment,
    RelationshipAction,
};
use portal_contract::{AuditKind, ErrorCode};
use portal_server::store::Counted;
use reqwest::StatusCode;

use crate::gdap::{HELPDESK_ADMIN, READER, USER_ADMIN};
use crate::helpers::*;

/// A request for any customer, approved by Fabrikam's Global admin: the agent's and Fabrikam's
/// sessions and the active relationship.
async fn approved(
    app: &TestApp,
    name: &str,
    auto_extend: bool,
) -> (String, String, AdminRelationship) {
    let agent = app.sign_in(ADMIN_AGENT).await;
    let mut request = gdap_request(name, None, 60, &[HELPDESK_ADMIN, USER_ADMIN]);
    if auto_extend {
        request.auto_extend_duration = Some("P180D".into());
    }
    let pending = app.request_roles(&agent, &request).await;
    let fabrikam = app.sign_in(FABRIKAM_ADMIN).await;
    let active = app
        .approve_roles(&fabrikam, &approval_token(&pending))
        .await
        .ok()
        .await;
    (agent, fabrikam, active)
}

async fn audit_kinds(app: &TestApp, id: &str) -> Vec<String> {
    let ga = app.sign_in(GLOBAL_ADMIN).await;
    let page = app
        .audit_records(&ga, &Query::new().size(200))
        .await
        .ok()
        .await;
    let mut kinds: Vec<String> = page
        .items
        .iter()
        .filter(|r| r.resource_id == id)
        .map(|r| r.kind.as_str().to_owned())
        .collect();
    kinds.reverse();
    kinds
}

#[tokio::test]
async fn only_a_global_admin_of_the_right_customer_approves() {
    let app = TestApp::spawn().await;
    let agent = app.sign_in(ADMIN_AGENT).await;
    let alpine = app.customer_named(&agent, "alpine").await;
    let named = app
        .request_roles(
            &agent,
            &gdap_request("Named", Some(&alpine.id), 30, &[READER]),
        )
        .await;
    let fabrikam = app.sign_in(FABRIKAM_ADMIN).await;
    let answers: [reqwest::Response; 2] = [
        app.look_up_approval(&fabrikam, &approval_token(&named))
            .await
            .into(),
        app.approve_roles(&fabrikam, &approval_token(&named))
            .await
            .into(),
    ];
    for answer in answers {
        let e = expect_error(answer, StatusCode::FORBIDDEN).await;
        assert_eq!(e.code, ErrorCode::WrongCustomer);
    }

    let any = app
        .request_roles(
            &agent,
            &gdap_request("Onboarding", None, 30, &[READER, HELPDESK_ADMIN]),
        )
        .await;
    let token = approval_token(&any);
    // A user who is not a Global admin sees the request but may not approve it.
    let user = app.sign_in(FABRIKAM_USER).await;
    let preview = app.look_up_approval(&user, &token).await.ok().await;
    assert!(!preview.viewer_is_global_admin);
    assert_eq!(preview.display_name, "Onboarding");
    assert_eq!(preview.roles.len(), 2);
    assert!(preview.roles.iter().all(|r| !r.description.hu.is_empty()));
    assert_eq!(preview.customer_name, "Fabrikam Kft.");
    let e = app
        .approve_roles(&user, &token)
        .await
        .error(StatusCode::FORBIDDEN)
        .await;
    assert_eq!(e.code, ErrorCode::NotGlobalAdmin);
    // A partner's account is not a customer's.
    let e = app
        .look_up_approval(&agent, &token)
        .await
        .error(StatusCode::FORBIDDEN)
        .await;
    assert_eq!(e.code, ErrorCode::NotCustomerAccount);
    // Nonsense is unknown.
    let e = app
        .look_up_approval(&fabrikam, "short")
        .await
        .error(StatusCode::NOT_FOUND)
        .await;
    assert_eq!(e.code, ErrorCode::ApprovalUnknown);

    assert!(
        app.look_up_approval(&fabrikam, &token)
            .await
            .ok()
            .await
            .viewer_is_global_admin
    );
    let active = app.approve_roles(&fabrikam, &token).await.ok().await;
    assert_eq!(active.status, Status::Active);
    assert_eq!(
        active.customer.as_ref().unwrap().display_name,
        "Fabrikam Kft."
    );
    assert_eq!(active.approval_link, None);
    let activated = time::OffsetDateTime::parse(
        active.activated_date_time.as_deref().unwrap(),
        &time::format_description::well_known::Rfc3339,
    )
    .unwrap();
    let end = time::OffsetDateTime::parse(
        active.end_date_time.as_deref().unwrap(),
        &time::format_description::well_known::Rfc3339,
    )
    .unwrap();
    assert_eq!(end - activated, time::Duration::days(30));
    // Approved once: the link now says so, to anyone.
    let e = app
        .approve_roles(&fabrikam, &token)
        .await
        .error(StatusCode::CONFLICT)
        .await;
    assert_eq!(e.code, ErrorCode::AlreadyApproved);
    let adatum = app.sign_in(ADATUM_ADMIN).await;
    let e = app
        .look_up_approval(&adatum, &token)
        .await
        .error(StatusCode::CONFLICT)
        .await;
    assert_eq!(e.code, ErrorCode::AlreadyApproved);

    // Both sides see it; the partner's view is bound to Fabrikam now.
    let mine = app.customer_admin_relationships(&fabrikam).await.ok().await;
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].id, any.id);
    assert!(
        app.customer_admin_relationships(&adatum)
            .await
            .ok()
            .await
            .is_empty()
    );
    let seen = app.admin_relationship(&agent, &any.id).await.ok().await;
    assert_eq!(
        seen.history.last().unwrap().by.as_deref(),
        Some(FABRIKAM_ADMIN)
    );
    assert_eq!(
        audit_kinds(&app, &any.id).await,
        ["adminRelationship.requested", "adminRelationship.approved"]
    );
}

#[tokio::test]
async fn fifty_approvals_at_once_make_one_active_relationship() {
    let app = TestApp::spawn().await;
    let agent = app.sign_in(ADMIN_AGENT).await;
    let pending = app
        .request_roles(&agent, &gdap_request("Race", None, 30, &[READER]))
        .await;
    let token = approval_token(&pending);
    let fabrikam = app.sign_in(FABRIKAM_ADMIN).await;
    let answers =
        futures::future::join_all((0..50).map(|_| app.approve_roles(&fabrikam, &token))).await;
    let statuses: Vec<StatusCode> = answers.iter().map(|a| a.status()).collect();
    assert_eq!(
        statuses.iter().filter(|s| **s == StatusCode::OK).count(),
        1,
        "{statuses:?}"
    );
    assert!(
        statuses
            .iter()
            .all(|s| *s == StatusCode::OK || *s == StatusCode::CONFLICT)
    );
    let history = app
        .admin_relationship(&agent, &pending.id)
        .await
        .ok()
        .await
        .history;
    assert_eq!(
        history
            .iter()
            .filter(|h| h.status == Status::Active)
            .count(),
        1
    );
    assert_eq!(
        audit_kinds(&app, &pending.id).await,
        ["adminRelationship.requested", "adminRelationship.approved"]
    );
}

#[tokio::test]
async fn requests_expire_unapproved_after_90_days_once_in_the_log() {
    let app = TestApp::spawn().await;
    let agent = app.sign_in(ADMIN_AGENT).await;
    let pending = app
        .request_roles(&agent, &gdap_request("Slow", None, 30, &[READER]))
        .await;
    app.age_admin_relationship(&pending.id, 89).await;
    assert_eq!(
        app.admin_relationship(&agent, &pending.id)
            .await
            .ok()
            .await
            .status,
        Status::ApprovalPending
    );
    app.age_admin_relationship(&pending.id, 2).await;
    for _ in 0..3 {
        let seen = app.admin_relationship(&agent, &pending.id).await.ok().await;
        assert_eq!(seen.status, Status::Expired);
        assert_eq!(seen.approval_link, None);
        let last = seen.history.last().unwrap();
        assert_eq!((last.status, last.by.as_deref()), (Status::Expired, None));
    }
    assert_eq!(
        audit_kinds(&app, &pending.id).await,
        ["adminRelationship.requested", "adminRelationship.expired"]
    );
    let fabrikam = app.sign_in(FABRIKAM_ADMIN).await;
    let e = app
        .approve_roles(&fabrikam, &approval_token(&pending))
        .await
        .error(StatusCode::GONE)
        .await;
    assert_eq!(e.code, ErrorCode::ApprovalExpired);
    let e = app
        .relationship_action(
            &agent,
            &pending.id,
            RelationshipAction::Terminate,
            Some("W/\"2\""),
        )
        .await
        .error(StatusCode::CONFLICT)
        .await;
    assert_eq!(e.code, ErrorCode::RelationshipNotActive);
    let expired = app
        .admin_relationships(&agent, &Query::new().gdap_status(Status::Expired))
        .await
        .ok()
        .await;
    assert!(expired.items.iter().any(|r| r.id == pending.id));
}

#[tokio::test]
async fn active_relationships_expire_at_their_end_or_move_on_by_180_days() {
    let app = TestApp::spawn().await;
    let (agent, fabrikam, plain) = approved(&app, "Plain", false).await;
    app.age_admin_relationship(&plain.id, 61).await;
    let seen = app.admin_relationship(&agent, &plain.id).await.ok().await;
    assert_eq!(seen.status, Status::Expired);
    assert_eq!(
        audit_kinds(&app, &plain.id).await,
        [
            "adminRelationship.requested",
            "adminRelationship.approved",
            "adminRelationship.expired"
        ]
    );
    // The customer's page shows it ended, and it grants nothing more.
    let theirs = app.customer_admin_relationships(&fabrikam).await.ok().await;
    assert_eq!(theirs[0].status, Status::Expired);

    let agent2 = app.sign_in(ADMIN_AGENT).await;
    let mut request = gdap_request("Rolling", None, 60, &[READER]);
    request.auto_extend_duration = Some("P180D".into());
    let pending = app.request_roles(&agent2, &request).await;
    let rolling = app
        .approve_roles(&fabrikam, &approval_token(&pending))
        .await
        .ok()
        .await;
    let first_end = rolling.end_date_time.clone().unwrap();
    // 60 days to the end, then two periods of 180 days started: extended twice.
    app.age_admin_relationship(&rolling.id, 60 + 200).await;
    for _ in 0..2 {
        let seen = app.admin_relationship(&agent, &rolling.id).await.ok().await;
        assert_eq!(seen.status, Status::Active);
        assert_eq!(seen.history.iter().filter(|h| h.extended).count(), 2);
    }
    let seen = app.admin_relationship(&agent, &rolling.id).await.ok().await;
    assert_ne!(seen.end_date_time.unwrap(), first_end);
    assert_eq!(
        audit_kinds(&app, &rolling.id).await,
        [
            "adminRelationship.requested",
            "adminRelationship.approved",
            "adminRelationship.extended",
            "adminRelationship.extended"
        ]
    );
}

#[tokio::test]
async fn access_assignments_follow_the_rules_and_need_the_current_etag() {
    let app = TestApp::spawn().await;
    let (agent, _, active) = approved(&app, "Assignments", false).await;
    let groups = app.security_groups(&agent).await.ok().await;
    let group = |name: &str| {
        groups
            .iter()
            .find(|g| g.display_name == name)
            .unwrap()
            .id
            .clone()
    };
    let assign = |group: &str, roles: &[&str]| CreateAccessAssignment {
        access_container: AccessContainer {
            access_container_id: group.into(),
            access_container_type: "securityGroup".into(),
        },
        access_details: access_details(roles),
    };
    let helpdesk = group("Helpdesk agents");
    for (request, expected) in [
        (
            assign("nope", &[]),
            vec![
                ("accessContainer.accessContainerId", "unknownValue"),
                ("accessDetails.unifiedRoles", "required"),
            ],
        ),
        (
            assign(&helpdesk, &[READER]),
            vec![("accessDetails.unifiedRoles", "notAllowed")],
        ),
        (
            assign(&helpdesk, &["x"]),
            vec![("accessDetails.unifiedRoles", "unknownValue")],
        ),
        (
            assign(&helpdesk, &[USER_ADMIN, USER_ADMIN]),
            vec![("accessDetails.unifiedRoles", "duplicate")],
        ),
    ] {
        let e = app
            .create_access_assignment(&agent, &active.id, &request)
            .await
            .error(StatusCode::UNPROCESSABLE_ENTITY)
            .await;
        assert_eq!(field_codes(&e), expected);
    }
    let answer = app
        .create_access_assignment(&agent, &active.id, &assign(&helpdesk, &[HELPDESK_ADMIN]))
        .await;
    assert_eq!(answer.status(), StatusCode::CREATED);
    let created = answer.ok().await;
    assert_eq!(created.group_name, "Helpdesk agents");
    // One assignment per group.
    let e = app
        .create_access_assignment(&agent, &active.id, &assign(&helpdesk, &[USER_ADMIN]))
        .await
        .error(StatusCode::UNPROCESSABLE_ENTITY)
        .await;
    assert_eq!(
        field_codes(&e),
        [("accessContainer.accessContainerId", "taken")]
    );

    let roles = [HELPDESK_ADMIN, USER_ADMIN];
    let e = app
        .update_access_assignment(&agent, &active.id, &created.id, &roles, None)
        .await
        .error(StatusCode::PRECONDITION_REQUIRED)
        .await;
    assert_eq!(e.code, ErrorCode::PreconditionRequired);
    let changed = app
        .update_access_assignment(&agent, &active.id, &created.id, &roles, Some(&created.etag))
        .await
        .ok()
        .await;
    assert_eq!(changed.access_details.unified_roles.len(), 2);
    // The first tag is stale now: no lost update.
    let e = app
        .update_access_assignment(
            &agent,
            &active.id,
            &created.id,
            &[HELPDESK_ADMIN],
            Some(&created.etag),
        )
        .await
        .error(StatusCode::PRECONDITION_FAILED)
        .await;
    assert_eq!(e.code, ErrorCode::Stale);
    let e = app
        .delete_access_assignment(&agent, &active.id, &created.id, Some(&created.etag))
        .await
        .error(StatusCode::PRECONDITION_FAILED)
        .await;
    assert_eq!(e.code, ErrorCode::Stale);
    let listed = app.access_assignments(&agent, &active.id).await.ok().await;
    assert_eq!(listed.items.len(), 1);
    let answer = app
        .delete_access_assignment(&agent, &active.id, &created.id, Some(&changed.etag))
        .await;
    assert_eq!(answer.status(), StatusCode::NO_CONTENT);
    assert!(
        app.access_assignments(&agent, &active.id)
            .await
            .ok()
            .await
            .items
            .is_empty()
    );
    assert_eq!(
        audit_kinds(&app, &active.id).await[2..],
        [
            "accessAssignment.created",
            "accessAssignment.changed",
            "accessAssignment.removed"
        ]
    );

    // A pending relationship grants nothing, so it takes no assignments.
    let pending = app
        .request_roles(&agent, &gdap_request("Not yet", None, 30, &[READER]))
        .await;
    let e = app
        .create_access_assignment(&agent, &pending.id, &assign(&helpdesk, &[READER]))
        .await
        .error(StatusCode::CONFLICT)
        .await;
    assert_eq!(e.code, ErrorCode::RelationshipNotActive);
}

#[tokio::test]
async fn the_customer_terminates_with_the_current_etag() {
    let app = TestApp::spawn().await;
    let (agent, fabrikam, active) = approved(&app, "Ends", false).await;
    let e = app
        .customer_terminate(&fabrikam, &active.id, None)
        .await
        .error(StatusCode::PRECONDITION_REQUIRED)
        .await;
    assert_eq!(e.code, ErrorCode::PreconditionRequired);
    let e = app
        .customer_terminate(&fabrikam, &active.id, Some("W/\"1\""))
        .await
        .error(StatusCode::PRECONDITION_FAILED)
        .await;
    assert_eq!(e.code, ErrorCode::Stale);
    // Another customer, and a customer's user, cannot.
    let adatum = app.sign_in(ADATUM_ADMIN).await;
    app.customer_terminate(&adatum, &active.id, Some(&active.etag))
        .await
        .error(StatusCode::NOT_FOUND)
        .await;
    let user = app.sign_in(FABRIKAM_USER).await;
    let e = app
        .customer_terminate(&user, &active.id, Some(&active.etag))
        .await
        .error(StatusCode::FORBIDDEN)
        .await;
    assert_eq!(e.code, ErrorCode::NotGlobalAdmin);
    let ended = app
        .customer_terminate(&fabrikam, &active.id, Some(&active.etag))
        .await
        .ok()
        .await;
    assert_eq!(ended.status, Status::Terminated);
    let e = app
        .customer_terminate(&fabrikam, &active.id, Some(&ended.etag))
        .await
        .error(StatusCode::CONFLICT)
        .await;
    assert_eq!(e.code, ErrorCode::RelationshipTerminated);
    let seen = app.admin_relationship(&agent, &active.id).await.ok().await;
    assert_eq!(seen.status, Status::Terminated);
    assert_eq!(
        seen.history.last().unwrap().by.as_deref(),
        Some(FABRIKAM_ADMIN)
    );
    let ga = app.sign_in(GLOBAL_ADMIN).await;
    let log = app
        .audit_records(
            &ga,
            &Query::new().kind(AuditKind::AdminRelationshipTerminated),
        )
        .await
        .ok()
        .await;
    assert_eq!(log.items.len(), 1);
    assert_eq!(log.items[0].customer_name.as_deref(), Some("Fabrikam Kft."));
}

#[tokio::test]
async fn another_partners_relationships_are_not_found_on_any_path() {
    let app = TestApp::spawn().await;
    let (_, _, active) = approved(&app, "Private", false).await;
    let tailspin = app.sign_in(TAILSPIN).await;
    let answers: [reqwest::Response; 4] = [
        app.admin_relationship(&tailspin, &active.id).await.into(),
        app.access_assignments(&tailspin, &active.id).await.into(),
        app.relationship_action(
            &tailspin,
            &active.id,
            RelationshipAction::Terminate,
            Some(&active.etag),
        )
        .await
        .into(),
        app.delete_access_assignment(&tailspin, &active.id, "a", Some("W/\"1\""))
            .await
            .into(),
    ];
    for answer in answers {
        let e = expect_error(answer, StatusCode::NOT_FOUND).await;
        assert_eq!(e.code, ErrorCode::NotFound);
    }
    let theirs = app
        .admin_relationships(&tailspin, &Query::new())
        .await
        .ok()
        .await;
    assert!(theirs.items.is_empty());
}

#[tokio::test]
async fn the_list_pages_newest_first_and_the_ending_view_soonest_first() {
    let app = TestApp::spawn().await;
    let agent = app.sign_in(ADMIN_AGENT).await;
    let mut made = Vec::new();
    for i in 0..5 {
        let r = app
            .request_roles(
                &agent,
                &gdap_request(&format!("Paged {i}"), None, 30, &[READER]),
            )
            .await;
        // Made a second apart, the first oldest.
        app.stored()
            .backdate_admin_relationship_request(&r.id, 100 - i)
            .await
            .unwrap();
        made.push(r.id);
    }
    let mut seen = Vec::new();
    let mut query = Query::new().filter("paged").size(2);
    loop {
        let page = app.admin_relationships(&agent, &query).await.ok().await;
        assert_eq!(page.total_count, 5);
        seen.extend(page.items.into_iter().map(|r| r.id));
        match page.continuation_token {
            Some(token) => query = Query::new().filter("paged").size(2).token(&token),
            None => break,
        }
    }
    made.reverse();
    assert_eq!(seen, made);
    // A token of one list does not open another.
    let page = app
        .admin_relationships(&agent, &Query::new().filter("paged").size(2))
        .await
        .ok()
        .await;
    let token = page.continuation_token.unwrap();
    app.admin_relationships(&agent, &Query::new().size(2).token(&token))
        .await
        .error(StatusCode::BAD_REQUEST)
        .await;

    let soon = app
        .admin_relationships(&agent, &Query::new().ending_within(365))
        .await
        .ok()
        .await;
    let ends: Vec<String> = soon
        .items
        .iter()
        .map(|r| r.end_date_time.clone().unwrap())
        .collect();
    let mut sorted = ends.clone();
    sorted.sort();
    assert_eq!(ends, sorted);
    assert!(soon.items.iter().all(|r| r.status == Status::Active));
    for bad in [
        Query::new().ending_within(0),
        Query::new().gdap_status(Status::Expired).ending_within(30),
    ] {
        app.admin_relationships(&agent, &bad)
            .await
            .error(StatusCode::BAD_REQUEST)
            .await;
    }
}

#[tokio::test]
async fn instances_settling_at_once_record_each_transition_once() {
    let app = TestApp::spawn().await;
    let agent = app.sign_in(ADMIN_AGENT).await;
    let mut ids = Vec::new();
    for i in 0..10 {
        let r = app
            .request_roles(
                &agent,
                &gdap_request(&format!("Due {i}"), None, 30, &[READER]),
            )
            .await;
        app.age_admin_relationship(&r.id, 91).await;
        ids.push(r.id);
    }
    // Two more server instances on the same database settle while this one reads.
    let others = [
        portal_server::open_store(&app.database_url).await.unwrap(),
        portal_server::open_store(&app.database_url).await.unwrap(),
    ];
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let due = Query::new().filter("due");
    let (a, b, page) = tokio::join!(
        others[0].settle_admin_relationships(now),
        others[1].settle_admin_relationships(now),
        app.admin_relationships(&agent, &due),
    );
    assert!(a.unwrap() + b.unwrap() <= 10);
    assert_eq!(page.status(), StatusCode::OK);
    let expired = app
        .count(Counted::AuditEntries {
            action: "adminRelationship.expired",
            target_id: None,
        })
        .await;
    assert_eq!(expired, 10);
    // The totals kept by triggers follow every transition.
    for status in Status::ALL {
        let page = app
            .admin_relationships(&agent, &Query::new().gdap_status(status).size(1000))
            .await
            .ok()
            .await;
        assert_eq!(page.total_count, page.items.len() as u64, "{status:?}");
    }
    let all = app
        .admin_relationships(&agent, &Query::new().size(1000))
        .await
        .ok()
        .await;
    assert_eq!(all.total_count, all.items.len() as u64);
    for id in &ids {
        let seen = app.admin_relationship(&agent, id).await.ok().await;
        assert_eq!(seen.status, Status::Expired);
        assert_eq!(
            seen.history
                .iter()
                .filter(|h| h.status == Status::Expired)
                .count(),
            1
        );
    }
}

#[tokio::test]
async fn a_customer_with_several_active_relationships_is_one_row_of_the_customer_list() {
    let app = TestApp::spawn().await;
    let agent = app.sign_in(ADMIN_AGENT).await;
    // Fabrikam becomes a customer, then approves two requests.
    let (fabrikam, _) = app
        .fabrikam_accepts(&token_of(&app.invite(&agent, true).await))
        .await;
    let mut ends = Vec::new();
    for (name, days, roles) in [
        ("Helpdesk", 60, &[HELPDESK_ADMIN][..]),
        ("Users", 30, &[USER_ADMIN, HELPDESK_ADMIN][..]),
    ] {
        let pending = app
            .request_roles(&agent, &gdap_request(name, None, days, roles))
            .await;
        let active = app
            .approve_roles(&fabrikam, &approval_token(&pending))
            .await
            .ok()
            .await;
        ends.push(active.end_date_time.unwrap());
    }
    // A page of one customer at a time, forwards to the end and back to the start: each
    // customer once, whatever number of relationships it has.
    let mut forwards = Vec::new();
    let mut token: Option<String> = None;
    let mut last = loop {
        let query = Query::new().size(1);
        let query = match &token {
            Some(t) => query.token(t),
            None => query,
        };
        let page = app.customers(&agent, &query).await.ok().await;
        assert_eq!(page.items.len(), 1);
        forwards.push(page.items[0].clone());
        match page.continuation_token {
            Some(next) => token = Some(next),
            None => break page,
        }
    };
    assert_eq!(forwards.len() as u64, last.total_count);
    let mut ids: Vec<&str> = forwards.iter().map(|c| c.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), forwards.len());
    let mut backwards = vec![last.items[0].clone()];
    while let Some(previous) = last.previous_token.take() {
        last = app
            .customers(&agent, &Query::new().size(1).token(&previous))
            .await
            .ok()
            .await;
        assert_eq!(last.items.len(), 1);
        backwards.push(last.items[0].clone());
    }
    backwards.reverse();
    assert_eq!(backwards, forwards);
    // Its summary: the distinct roles of both, and the earlier end.
    let summary = forwards
        .iter()
        .find(|c| c.company_profile.domain == "fabrikam.example")
        .and_then(|c| c.granular_admin.clone())
        .expect("Fabrikam's summary");
    assert_eq!(summary.role_count, 2);
    assert_eq!(summary.ends, ends[1]);
}

#[tokio::test]
async fn the_customer_list_shows_what_holds_now_whatever_came_first() {
    let app = TestApp::spawn().await;
    // Fabrikam approves granular roles before it is a reseller customer, then becomes one.
    let (agent, fabrikam, active) = approved(&app, "Before", false).await;
    app.fabrikam_accepts(&token_of(&app.invite(&agent, true).await))
        .await;
    let listed = app.customer_named(&agent, "fabrikam").await;
    let summary = listed.granular_admin.expect("the roles approved before");
    assert_eq!(summary.role_count, 2);
    assert_eq!(Some(summary.ends), active.end_date_time);
    // Ended by the customer: the row no longer shows roles.
    app.customer_terminate(&fabrikam, &active.id, Some(&active.etag))
        .await
        .ok()
        .await;
    let listed = app.customer_named(&agent, "fabrikam").await;
    assert_eq!(listed.granular_admin, None);
    // The organisation renamed: the list and the customer's page show the new name.
    app.stored()
        .rename_organization("fabrikam.example", "Fabrikam Renamed Zrt.")
        .await
        .unwrap();
    let listed = app.customer_named(&agent, "fabrikam").await;
    assert_eq!(listed.company_profile.company_name, "Fabrikam Renamed Zrt.");
    let detail = app.customer(&agent, &listed.id).await.ok().await;
    assert_eq!(
        detail.customer.company_profile.company_name,
        "Fabrikam Renamed Zrt."
    );
    // The database's own checks find nothing out of step.
    let check = portal_server(&["--check-database"], &app.database_url);
    assert_eq!(String::from_utf8_lossy(&check.stdout).trim(), "database ok");
    assert!(check.status.success());
}

#[tokio::test]
async fn becoming_a_customer_while_approving_roles_loses_neither() {
    let app = TestApp::spawn().await;
    let agent = app.sign_in(ADMIN_AGENT).await;
    let invitation = token_of(&app.invite(&agent, true).await);
    let pending = app
        .request_roles(
            &agent,
            &gdap_request("At once", None, 60, &[HELPDESK_ADMIN]),
        )
        .await;
    let fabrikam = app.sign_in(FABRIKAM_ADMIN).await;
    // The reseller invitation and the granular request, accepted in the same moment.
    let (accepted, approved) = tokio::join!(
        async {
            app.accept(&fabrikam, &acceptance(&invitation, true))
                .await
                .ok()
                .await
        },
        async {
            app.approve_roles(&fabrikam, &approval_token(&pending))
                .await
                .ok()
                .await
        },
    );
    assert!(!accepted.is_empty());
    assert_eq!(approved.status, Status::Active);
    let listed = app.customer_named(&agent, "fabrikam").await;
    assert_eq!(listed.granular_admin.expect("the roles").role_count, 1);
}
