//! The OpenAPI document against the router it describes, and tenant isolation walked over every
//! operation in it: a new route without an isolation case fails here.

use std::collections::BTreeMap;

use portal_contract::auth::EMAIL_MAX_LEN;
use portal_contract::customers::{FILTER_MAX_LEN, MAX_PAGE_SIZE};
use portal_contract::{ErrorCode, paths};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::*;

/// Every operation in the document: (method, path template, operation).
fn operations(doc: &Value) -> Vec<(String, String, Value)> {
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("path item") {
            out.push((method.clone(), path.clone(), op.clone()));
        }
    }
    out
}

async fn document(app: &TestApp) -> Value {
    let r = app.get(paths::OPENAPI, None).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "application/json");
    r.json().await.expect("the document is JSON")
}

#[tokio::test]
async fn the_document_describes_every_route_the_router_serves() {
    let app = TestApp::spawn().await;
    let doc = document(&app).await;
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    let ops = operations(&doc);
    assert!(ops.len() >= 26, "{} operations", ops.len());

    // Every path the app calls (the contract's) is in the document.
    let used_by_the_app = [
        paths::SIGN_IN.to_owned(),
        paths::SIGN_OUT.into(),
        paths::SESSION.into(),
        paths::ME.into(),
        paths::CUSTOMERS.into(),
        paths::customer("{id}"),
        paths::customer_subscriptions("{id}"),
        paths::customer_users("{id}"),
        paths::customer_licenses("{id}"),
        paths::remove_relationship("{id}"),
        paths::subscription_action("{id}", "{subscription_id}", "suspend"),
        paths::subscription_action("{id}", "{subscription_id}", "reactivate"),
        paths::subscription_action("{id}", "{subscription_id}", "supportcontact"),
        paths::customer_service_requests("{id}"),
        paths::INDIRECT_RESELLERS.into(),
        paths::AUDIT_RECORDS.into(),
        paths::AUDIT_RECORDS_CSV.into(),
        paths::RELATIONSHIP_REQUESTS.into(),
        paths::relationship_request("{id}"),
        paths::revoke_relationship_request("{id}"),
        paths::INVITATION_LOOKUP.into(),
        paths::INVITATION_ACCEPT.into(),
        paths::PARTNER_RELATIONSHIPS.into(),
        paths::remove_partner_roles("{partner_id}"),
        paths::ADMIN_RELATIONSHIPS.into(),
        paths::admin_relationship("{id}"),
        paths::admin_relationship_requests("{id}"),
        paths::access_assignments("{id}"),
        paths::access_assignment("{id}", "{assignment_id}"),
        paths::ROLE_DEFINITIONS.into(),
        paths::SECURITY_GROUPS.into(),
        paths::ADMIN_APPROVAL_LOOKUP.into(),
        paths::ADMIN_APPROVAL_APPROVE.into(),
        paths::CUSTOMER_ADMIN_RELATIONSHIPS.into(),
        paths::customer_admin_relationship_terminate("{id}"),
    ];
    for path in &used_by_the_app {
        assert!(doc["paths"].get(path).is_some(), "{path} is not documented");
    }

    // Limits written as literals in the attributes agree with the contract's constants.
    for (_, path, op) in &ops {
        for p in op["parameters"].as_array().into_iter().flatten() {
            match p["name"].as_str() {
                Some("size") => assert_eq!(p["schema"]["maximum"], json!(MAX_PAGE_SIZE)),
                // Invitations are searched by customer e-mail, customers by name or domain.
                Some("filter") if path.as_str() == paths::RELATIONSHIP_REQUESTS => {
                    assert_eq!(p["schema"]["maxLength"], json!(EMAIL_MAX_LEN))
                }
                Some("filter") => assert_eq!(p["schema"]["maxLength"], json!(FILTER_MAX_LEN)),
                _ => {}
            }
        }
    }

    let session = app.sign_in(GLOBAL_ADMIN).await;
    for (method, path, op) in &ops {
        // Each documented path is routed: a method it does not have is 405, not the 404 of an
        // unknown path.
        let concrete = path.replace('{', "x").replace('}', "");
        let methods = doc["paths"][path.as_str()].as_object().unwrap();
        let missing = ["put", "delete", "patch"]
            .into_iter()
            .find(|m| !methods.contains_key(*m))
            .unwrap();
        let r = reqwest::Client::new()
            .request(
                missing.to_uppercase().parse().unwrap(),
                format!("{}{concrete}", app.base),
            )
            .header("cookie", cookie(&session))
            .send()
            .await
            .unwrap();
        assert_eq!(
            r.status(),
            StatusCode::METHOD_NOT_ALLOWED,
            "{missing} {path}"
        );

        // Each operation has a default error answer and a success answer.
        let responses = op["responses"].as_object().expect("responses");
        assert!(responses.contains_key("default"), "{method} {path}");
        assert!(
            responses.keys().any(|k| k.starts_with('2')),
            "{method} {path} has no success answer"
        );
        if op.get("security") != Some(&json!([{}])) {
            // Operations that need the session say so; without one they answer 401.
            let url = format!("{}{concrete}", app.base);
            let client = reqwest::Client::new();
            let r = match method.as_str() {
                "get" => client.get(url),
                other => client
                    .request(other.to_uppercase().parse().unwrap(), url)
                    .header("content-type", "application/json")
                    .body("{}"),
            }
            .send()
            .await
            .unwrap();
            assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "{method} {path}");
        }
    }
    // The document lists nothing the router does not serve.
    let r = app.get("/api/v1/not-a-route", Some(&session)).await;
    assert_eq!(
        expect_error(r, StatusCode::NOT_FOUND).await.code,
        ErrorCode::NotFound
    );
}

/// Contoso's ids that Tailspin must never reach.
struct Foreign {
    customer: String,
    subscription: String,
    invitation: String,
    partner: String,
    /// A Contoso granular admin relationship (active, with an assignment) and the assignment.
    relationship: String,
    assignment: String,
}

/// A change-detector over everything a POST could touch.
async fn fingerprint(app: &TestApp) -> String {
    app.stored().fingerprint().await.unwrap()
}

#[tokio::test]
async fn no_operation_reaches_another_tenants_data() {
    let app = TestApp::spawn().await;
    // Tailspin's agent gets every partner role, so only tenancy can refuse it.
    for role in ["globalAdmin", "helpdeskAgent"] {
        app.stored().grant_role(TAILSPIN, role).await.unwrap();
    }
    let contoso = app.sign_in(ADMIN_AGENT).await;
    let r = app
        .post_json(
            paths::RELATIONSHIP_REQUESTS,
            json!({"allowDelegatedAccess": true, "language": "en"}).to_string(),
            Some(&contoso),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let invitation = r.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    // Contoso's own things, found the way Contoso's agent finds them.
    let (partner, _) = app
        .stored()
        .organization("contoso-partner.example")
        .await
        .unwrap()
        .unwrap();
    let mut owned = None;
    for c in app
        .customers(&contoso, &Query::new())
        .await
        .ok()
        .await
        .items
    {
        let subscriptions = app.subscriptions(&contoso, &c.id).await.ok().await.items;
        if let Some(s) = subscriptions.into_iter().next() {
            owned = Some((c.id, s.id));
            break;
        }
    }
    let (customer, subscription) = owned.expect("a Contoso customer with a subscription");
    let active = Query::new().gdap_status(portal_contract::gdap::AdminRelationshipStatus::Active);
    let mut assigned = None;
    for r in app
        .admin_relationships(&contoso, &active)
        .await
        .ok()
        .await
        .items
    {
        let assignments = app
            .access_assignments(&contoso, &r.id)
            .await
            .ok()
            .await
            .items;
        if let Some(a) = assignments.into_iter().next() {
            assigned = Some((r.id, a.id));
            break;
        }
    }
    let (relationship, assignment) = assigned.expect("an active relationship with an assignment");
    let foreign = Foreign {
        customer,
        subscription,
        invitation,
        partner,
        relationship,
        assignment,
    };

    let tailspin = app.sign_in(TAILSPIN).await;
    // A customer with no relationship to Contoso.
    let adatum = app.sign_in("admin@adatum.example").await;
    let doc = document(&app).await;
    let mut walked = BTreeMap::new();
    for (method, path, _) in operations(&doc) {
        let Some((concrete, body, session)) =
            isolation_case(&method, &path, &foreign, &tailspin, &adatum)
        else {
            assert!(
                !path.contains('{'),
                "{method} {path} takes an id but has no isolation case here"
            );
            // Collections: the other tenant's ids never appear in them.
            if method == "get" && path != paths::OPENAPI {
                let text = app.get(&path, Some(&tailspin)).await.text().await.unwrap();
                for id in [
                    &foreign.customer,
                    &foreign.subscription,
                    &foreign.invitation,
                    &foreign.relationship,
                ] {
                    assert!(!text.contains(id.as_str()), "GET {path} shows {id}");
                }
                walked.insert(format!("GET {path}"), "no foreign ids");
            }
            continue;
        };
        let before = fingerprint(&app).await;
        let r = match method.as_str() {
            "get" => app.get(&concrete, Some(session)).await,
            "post" => {
                app.post_json(&concrete, body.to_string(), Some(session))
                    .await
            }
            // Changes guarded by an ETag carry the owner's current one: only tenancy refuses.
            other => reqwest::Client::new()
                .request(
                    other.to_uppercase().parse().unwrap(),
                    format!("{}{concrete}", app.base),
                )
                .header("cookie", cookie(session))
                .header("if-match", "W/\"1\"")
                .header("content-type", "application/json")
                .body(body.to_string())
                .send()
                .await
                .unwrap(),
        };
        let error = expect_error(r, StatusCode::NOT_FOUND).await;
        assert_eq!(error.code, ErrorCode::NotFound, "{method} {path}");
        assert_eq!(
            before,
            fingerprint(&app).await,
            "{method} {path} changed data"
        );
        walked.insert(format!("{} {path}", method.to_uppercase()), "404");
    }
    // Every operation with an id was walked (20 of them today).
    assert!(
        walked.values().filter(|v| **v == "404").count() >= 20,
        "{walked:#?}"
    );
}

/// How each operation that takes an id is aimed at Contoso's data: the concrete path, a body
/// that would be valid for the owner, and who sends it.
fn isolation_case<'a>(
    method: &str,
    path: &str,
    f: &Foreign,
    tailspin: &'a str,
    adatum: &'a str,
) -> Option<(String, Value, &'a str)> {
    let customer_path = |tail: &str| format!("{}/{}{tail}", paths::CUSTOMERS, f.customer);
    let subscription =
        |action: &str| paths::subscription_action(&f.customer, &f.subscription, action);
    let none = json!({});
    let case = match (method, path) {
        ("get", "/api/v1/customers/{id}") => (customer_path(""), none),
        ("get", "/api/v1/customers/{id}/subscriptions") => (customer_path("/subscriptions"), none),
        ("get", "/api/v1/customers/{id}/users") => (customer_path("/users"), none),
        ("get", "/api/v1/customers/{id}/subscribedskus") => {
            (customer_path("/subscribedskus"), none)
        }
        ("get", "/api/v1/customers/{id}/servicerequests") => {
            (customer_path("/servicerequests"), none)
        }
        ("post", "/api/v1/customers/{id}/servicerequests") => (
            customer_path("/servicerequests"),
            json!({
                "title": "Mailbox full", "description": "The CEO's mailbox is full.",
                "severity": "moderate", "contactName": "Jordan Miller",
                "contactEmail": "jordan@tailspin-federal.example"
            }),
        ),
        ("post", "/api/v1/customers/{id}/removerelationship") => {
            (customer_path("/removerelationship"), none)
        }
        ("post", "/api/v1/customers/{id}/subscriptions/{subscription_id}/suspend") => {
            (subscription("suspend"), none)
        }
        ("post", "/api/v1/customers/{id}/subscriptions/{subscription_id}/reactivate") => {
            (subscription("reactivate"), none)
        }
        ("post", "/api/v1/customers/{id}/subscriptions/{subscription_id}/supportcontact") => (
            subscription("supportcontact"),
            json!({"resellerId": null, "version": 1}),
        ),
        ("get", "/api/v1/customers/relationshiprequests/{id}") => {
            (paths::relationship_request(&f.invitation), none)
        }
        ("post", "/api/v1/customers/relationshiprequests/{id}/revoke") => {
            (paths::revoke_relationship_request(&f.invitation), none)
        }
        ("post", "/api/v1/partnerrelationships/{partner_id}/removeroles") => {
            return Some((paths::remove_partner_roles(&f.partner), none, adatum));
        }
        ("post", "/api/v1/partnerrelationships/adminrelationships/{id}/terminate") => {
            return Some((
                paths::customer_admin_relationship_terminate(&f.relationship),
                none,
                adatum,
            ));
        }
        ("get", "/api/v1/tenantRelationships/delegatedAdminRelationships/{id}")
        | (
            "get",
            "/api/v1/tenantRelationships/delegatedAdminRelationships/{id}/accessAssignments",
        ) => (path.replace("{id}", &f.relationship), none),
        ("post", "/api/v1/tenantRelationships/delegatedAdminRelationships/{id}/requests") => (
            paths::admin_relationship_requests(&f.relationship),
            json!({"action": "terminate"}),
        ),
        (
            "post",
            "/api/v1/tenantRelationships/delegatedAdminRelationships/{id}/accessAssignments",
        ) => (
            paths::access_assignments(&f.relationship),
            json!({"accessContainer": {"accessContainerId": "g", "accessContainerType": "securityGroup"},
                   "accessDetails": {"unifiedRoles": [{"roleDefinitionId": "f2ef992c-3afb-46b9-b7cf-a126ee74c451"}]}}),
        ),
        (
            "patch" | "delete",
            "/api/v1/tenantRelationships/delegatedAdminRelationships/{id}/accessAssignments/{assignment_id}",
        ) => (
            paths::access_assignment(&f.relationship, &f.assignment),
            json!({"accessDetails": {"unifiedRoles": [{"roleDefinitionId": "f2ef992c-3afb-46b9-b7cf-a126ee74c451"}]}}),
        ),
        _ => return None,
    };
    Some((case.0, case.1, tailspin))
}

/// Sends requests and notes, per operation, the status expected and the status answered.
struct Provoker<'a> {
    app: &'a TestApp,
    seen: Vec<(&'static str, u16, u16)>,
}

impl Provoker<'_> {
    async fn get(&mut self, op: &'static str, expect: u16, path: &str, session: &str) {
        let r = self.app.get(path, Some(session)).await;
        self.seen.push((op, expect, r.status().as_u16()));
    }

    async fn post(
        &mut self,
        op: &'static str,
        expect: u16,
        path: &str,
        body: Value,
        session: &str,
    ) {
        let r = self
            .app
            .post_json(path, body.to_string(), Some(session))
            .await;
        self.seen.push((op, expect, r.status().as_u16()));
    }
}

impl Provoker<'_> {
    /// Any method, with `If-Match` when given.
    #[allow(clippy::too_many_arguments)]
    async fn send(
        &mut self,
        op: &'static str,
        expect: u16,
        method: &str,
        path: &str,
        body: Value,
        if_match: Option<&str>,
        session: &str,
    ) {
        let mut r = reqwest::Client::new()
            .request(method.parse().unwrap(), format!("{}{path}", self.app.base))
            .header("cookie", cookie(session))
            .header("content-type", "application/json")
            .body(body.to_string());
        if let Some(tag) = if_match {
            r = r.header("if-match", tag);
        }
        let r = r.send().await.unwrap();
        self.seen.push((op, expect, r.status().as_u16()));
    }
}

/// GETs `path` as JSON.
async fn json_of(app: &TestApp, path: &str, session: &str) -> Value {
    app.get(path, Some(session)).await.json().await.unwrap()
}

/// Every documented answer of the granular admin operations.
#[allow(clippy::too_many_lines)]
async fn provoke_granular_admin(p: &mut Provoker<'_>, app: &TestApp, s: &Sessions<'_>) {
    const READER: &str = "f2ef992c-3afb-46b9-b7cf-a126ee74c451";
    const HELPDESK_ADMIN: &str = "729827e3-9c14-49f7-bb1b-9608f156bbb8";
    let stale = Some("W/\"99\"");
    let none = json!({});
    let gdap = paths::ADMIN_RELATIONSHIPS;
    let new = |name: &str| {
        json!({"displayName": name, "duration": "P30D",
               "accessDetails": {"unifiedRoles": [{"roleDefinitionId": READER}]}})
    };
    p.get("listAdminRelationships", 200, gdap, s.sales).await;
    p.get(
        "listAdminRelationships",
        400,
        &format!("{gdap}?endingWithin=0"),
        s.sales,
    )
    .await;
    p.get("listAdminRelationships", 403, gdap, s.fab).await;
    p.post(
        "createAdminRelationship",
        201,
        gdap,
        new("Drift one"),
        s.agent,
    )
    .await;
    p.post(
        "createAdminRelationship",
        403,
        gdap,
        new("Drift two"),
        s.sales,
    )
    .await;
    p.post(
        "createAdminRelationship",
        422,
        gdap,
        new("drift ONE"),
        s.agent,
    )
    .await;
    let created = async |name: &str| -> (String, String) {
        let v: Value = app
            .post_json(gdap, new(name).to_string(), Some(s.agent))
            .await
            .json()
            .await
            .unwrap();
        (
            v["id"].as_str().unwrap().to_owned(),
            v["@odata.etag"].as_str().unwrap().to_owned(),
        )
    };
    let token_of = |v: &Value| {
        let link = v["approvalLink"].as_str().unwrap();
        link.split_once("#token=").unwrap().1.to_owned()
    };
    let (pending, tag) = created("Drift pending").await;
    let one = paths::admin_relationship(&pending);
    p.get("getAdminRelationship", 200, &one, s.sales).await;
    p.get("getAdminRelationship", 403, &one, s.fab).await;
    p.get(
        "getAdminRelationship",
        404,
        &paths::admin_relationship("missing"),
        s.sales,
    )
    .await;
    let act = paths::admin_relationship_requests(&pending);
    let lock = json!({"action": "lockForApproval"});
    let terminate = json!({"action": "terminate"});
    let op = "actOnAdminRelationship";
    p.send(op, 403, "POST", &act, lock.clone(), Some(&tag), s.sales)
        .await;
    let missing = paths::admin_relationship_requests("missing");
    p.send(op, 404, "POST", &missing, lock.clone(), Some(&tag), s.agent)
        .await;
    p.send(op, 428, "POST", &act, lock.clone(), None, s.agent)
        .await;
    p.send(op, 412, "POST", &act, lock.clone(), stale, s.agent)
        .await;
    p.send(
        op,
        422,
        "POST",
        &act,
        json!({"action": "dance"}),
        Some(&tag),
        s.agent,
    )
    .await;
    p.send(op, 200, "POST", &act, lock.clone(), Some(&tag), s.agent)
        .await;
    let token = token_of(&json_of(app, &one, s.agent).await);

    // The customer's side: any customer, so Fabrikam's Global admin binds it.
    let t = |token: &str| json!({ "token": token });
    let (lookup, approve) = (paths::ADMIN_APPROVAL_LOOKUP, paths::ADMIN_APPROVAL_APPROVE);
    let unknown = "x".repeat(43);
    p.post("lookUpAdminApproval", 200, lookup, t(&token), s.fab)
        .await;
    p.post("lookUpAdminApproval", 403, lookup, t(&token), s.agent)
        .await;
    p.post("lookUpAdminApproval", 404, lookup, t(&unknown), s.fab)
        .await;
    p.post(
        "approveAdminRelationship",
        403,
        approve,
        t(&token),
        s.fab_user,
    )
    .await;
    p.post("approveAdminRelationship", 404, approve, t(&unknown), s.fab)
        .await;
    p.post("approveAdminRelationship", 200, approve, t(&token), s.fab)
        .await;
    p.post("lookUpAdminApproval", 409, lookup, t(&token), s.fab)
        .await;
    p.post("approveAdminRelationship", 409, approve, t(&token), s.fab)
        .await;
    let (withdrawn, tag) = created("Drift withdrawn").await;
    let withdrawn_token =
        token_of(&json_of(app, &paths::admin_relationship(&withdrawn), s.agent).await);
    let act = paths::admin_relationship_requests(&withdrawn);
    app.send::<Value>(
        reqwest::Method::POST,
        &act,
        Some(&terminate),
        Some(&tag),
        s.agent,
    )
    .await
    .ok()
    .await;
    p.post(
        "lookUpAdminApproval",
        410,
        lookup,
        t(&withdrawn_token),
        s.fab,
    )
    .await;
    p.post(
        "approveAdminRelationship",
        410,
        approve,
        t(&withdrawn_token),
        s.fab,
    )
    .await;
    let tag = json_of(app, &paths::admin_relationship(&withdrawn), s.agent).await["@odata.etag"]
        .as_str()
        .unwrap()
        .to_owned();
    p.send(
        op,
        409,
        "POST",
        &act,
        terminate.clone(),
        Some(&tag),
        s.agent,
    )
    .await;

    let mine = paths::CUSTOMER_ADMIN_RELATIONSHIPS;
    p.get("listCustomerAdminRelationships", 200, mine, s.fab)
        .await;
    p.get("listCustomerAdminRelationships", 403, mine, s.agent)
        .await;
    let approved = &json_of(app, mine, s.fab).await[0];
    let tag = approved["@odata.etag"].as_str().unwrap().to_owned();
    let end = paths::customer_admin_relationship_terminate(approved["id"].as_str().unwrap());
    let op = "terminateCustomerAdminRelationship";
    p.send(op, 403, "POST", &end, none.clone(), Some(&tag), s.fab_user)
        .await;
    let missing = paths::customer_admin_relationship_terminate("missing");
    p.send(op, 404, "POST", &missing, none.clone(), Some(&tag), s.fab)
        .await;
    p.send(op, 428, "POST", &end, none.clone(), None, s.fab)
        .await;
    p.send(op, 412, "POST", &end, none.clone(), stale, s.fab)
        .await;
    p.send(op, 200, "POST", &end, none.clone(), Some(&tag), s.fab)
        .await;
    let tag = json_of(app, mine, s.fab).await[0]["@odata.etag"]
        .as_str()
        .unwrap()
        .to_owned();
    p.send(op, 409, "POST", &end, none.clone(), Some(&tag), s.fab)
        .await;

    // Catalogue and groups.
    p.get("listRoleDefinitions", 200, paths::ROLE_DEFINITIONS, s.fab)
        .await;
    p.get(
        "listRoleDefinitions",
        401,
        paths::ROLE_DEFINITIONS,
        "signed-out",
    )
    .await;
    p.get("listSecurityGroups", 200, paths::SECURITY_GROUPS, s.sales)
        .await;
    p.get("listSecurityGroups", 403, paths::SECURITY_GROUPS, s.fab)
        .await;

    // Access assignments, on the demo's active "Helpdesk and licences".
    let found = json_of(app, &format!("{gdap}?filter=helpdesk%20and"), s.agent).await;
    let active = found["items"][0]["id"].as_str().unwrap().to_owned();
    let list = paths::access_assignments(&active);
    p.get("listAccessAssignments", 200, &list, s.sales).await;
    p.get("listAccessAssignments", 403, &list, s.fab).await;
    p.get(
        "listAccessAssignments",
        404,
        &paths::access_assignments("missing"),
        s.sales,
    )
    .await;
    let groups = json_of(app, paths::SECURITY_GROUPS, s.agent).await;
    let secops = groups
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["displayName"] == "Security operations")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let give = |role: &str| {
        json!({"accessContainer": {"accessContainerId": secops, "accessContainerType": "securityGroup"},
               "accessDetails": {"unifiedRoles": [{"roleDefinitionId": role}]}})
    };
    let op = "createAccessAssignment";
    p.post(op, 403, &list, give(HELPDESK_ADMIN), s.sales).await;
    p.post(
        op,
        404,
        &paths::access_assignments("missing"),
        give(HELPDESK_ADMIN),
        s.agent,
    )
    .await;
    p.post(op, 422, &list, give(READER), s.agent).await;
    p.post(op, 201, &list, give(HELPDESK_ADMIN), s.agent).await;
    let ended = paths::access_assignments(approved["id"].as_str().unwrap());
    p.post(op, 409, &ended, give(READER), s.agent).await;
    let assignments = json_of(app, &list, s.agent).await;
    let items = assignments["items"].as_array().unwrap();
    let mine = items
        .iter()
        .find(|a| a["groupName"] == "Security operations")
        .unwrap();
    let other = items
        .iter()
        .find(|a| a["groupName"] != "Security operations")
        .unwrap();
    let one = paths::access_assignment(&active, mine["id"].as_str().unwrap());
    let tag = mine["@odata.etag"].as_str().unwrap().to_owned();
    let roles =
        |role: &str| json!({"accessDetails": {"unifiedRoles": [{"roleDefinitionId": role}]}});
    let missing = paths::access_assignment(&active, "missing");
    let op = "updateAccessAssignment";
    p.send(
        op,
        403,
        "PATCH",
        &one,
        roles(HELPDESK_ADMIN),
        Some(&tag),
        s.sales,
    )
    .await;
    p.send(
        op,
        404,
        "PATCH",
        &missing,
        roles(HELPDESK_ADMIN),
        Some(&tag),
        s.agent,
    )
    .await;
    p.send(op, 428, "PATCH", &one, roles(HELPDESK_ADMIN), None, s.agent)
        .await;
    p.send(
        op,
        412,
        "PATCH",
        &one,
        roles(HELPDESK_ADMIN),
        stale,
        s.agent,
    )
    .await;
    p.send(
        op,
        422,
        "PATCH",
        &one,
        json!({"accessDetails": {"unifiedRoles": []}}),
        Some(&tag),
        s.agent,
    )
    .await;
    p.send(
        op,
        200,
        "PATCH",
        &one,
        roles(HELPDESK_ADMIN),
        Some(&tag),
        s.agent,
    )
    .await;
    let tag = json_of(app, &list, s.agent).await["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["groupName"] == "Security operations")
        .unwrap()["@odata.etag"]
        .as_str()
        .unwrap()
        .to_owned();
    let op = "deleteAccessAssignment";
    p.send(op, 403, "DELETE", &one, none.clone(), Some(&tag), s.sales)
        .await;
    p.send(
        op,
        404,
        "DELETE",
        &missing,
        none.clone(),
        Some(&tag),
        s.agent,
    )
    .await;
    p.send(op, 428, "DELETE", &one, none.clone(), None, s.agent)
        .await;
    p.send(op, 412, "DELETE", &one, none.clone(), stale, s.agent)
        .await;
    p.send(op, 204, "DELETE", &one, none.clone(), Some(&tag), s.agent)
        .await;
    // Once the relationship ends, its assignments cannot change.
    let rtag = json_of(app, &paths::admin_relationship(&active), s.agent).await["@odata.etag"]
        .as_str()
        .unwrap()
        .to_owned();
    app.send::<Value>(
        reqwest::Method::POST,
        &paths::admin_relationship_requests(&active),
        Some(&terminate),
        Some(&rtag),
        s.agent,
    )
    .await
    .ok()
    .await;
    let other_path = paths::access_assignment(&active, other["id"].as_str().unwrap());
    let otag = other["@odata.etag"].as_str().unwrap();
    p.send(
        "updateAccessAssignment",
        409,
        "PATCH",
        &other_path,
        roles(HELPDESK_ADMIN),
        Some(otag),
        s.agent,
    )
    .await;
    p.send(
        "deleteAccessAssignment",
        409,
        "DELETE",
        &other_path,
        none,
        Some(otag),
        s.agent,
    )
    .await;

    // Unknown approval links count towards their own limit until it answers 429.
    for _ in 0..10 {
        app.post_json(lookup, t("z").to_string(), Some(s.fab)).await;
    }
    p.post("lookUpAdminApproval", 429, lookup, t("z"), s.fab)
        .await;
    p.post("approveAdminRelationship", 429, approve, t("z"), s.fab)
        .await;
}

/// The sessions the drift test speaks with.
struct Sessions<'a> {
    agent: &'a str,
    sales: &'a str,
    fab: &'a str,
    fab_user: &'a str,
}

/// The drift test: every status an operation documents (but `default`) is provoked by a case
/// here, and every case is answered with the status it expects, which its operation documents.
/// A status documented without a case, or answered without being documented, fails.
#[tokio::test]
async fn every_documented_answer_is_one_the_server_sends() {
    let app = TestApp::spawn().await;
    let doc = document(&app).await;
    let mut documented: BTreeMap<String, Vec<u16>> = BTreeMap::new();
    for (_, _, op) in operations(&doc) {
        let id = op["operationId"]
            .as_str()
            .expect("an operation id")
            .to_owned();
        let statuses = op["responses"]
            .as_object()
            .unwrap()
            .keys()
            .filter(|k| *k != "default")
            .map(|k| k.parse().unwrap())
            .collect();
        assert!(
            documented.insert(id.clone(), statuses).is_none(),
            "{id} twice"
        );
    }

    let ga = app.sign_in(GLOBAL_ADMIN).await;
    let agent = app.sign_in(ADMIN_AGENT).await;
    let sales = app.sign_in(SALES_AGENT).await;
    let tailspin = app.sign_in(TAILSPIN).await;
    let fab = app.sign_in(FABRIKAM_ADMIN).await;
    let fab_user = app.sign_in("user@fabrikam.example").await;
    let invite = async |session: &str| -> (String, String) {
        let body = json!({"allowDelegatedAccess": true, "language": "en"}).to_string();
        let inv: Value = app
            .post_json(paths::RELATIONSHIP_REQUESTS, body, Some(session))
            .await
            .json()
            .await
            .unwrap();
        let link = inv["link"].as_str().unwrap();
        (
            inv["id"].as_str().unwrap().to_owned(),
            link.split_once('#').unwrap().1.to_owned(),
        )
    };
    let (_, token) = invite(&agent).await;
    let (revoked_id, revoked_token) = invite(&agent).await;
    let (_, far_token) = invite(&tailspin).await;
    let customers: Value = app
        .get("/api/v1/customers?filter=arvizturo", Some(&agent))
        .await
        .json()
        .await
        .unwrap();
    let busy = customers["items"][0]["id"].as_str().unwrap().to_owned();
    let subs: Value = app
        .get(&paths::customer_subscriptions(&busy), Some(&agent))
        .await
        .json()
        .await
        .unwrap();
    let active = subs["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["status"] == "active")
        .expect("an active subscription");
    let sub = active["id"].as_str().unwrap().to_owned();
    let version = active["version"].as_u64().unwrap();
    let action = |what: &str| paths::subscription_action(&busy, &sub, what);
    let missing_sub = paths::subscription_action(&busy, "missing", "suspend");

    let mut p = Provoker {
        app: &app,
        seen: Vec::new(),
    };
    let none = json!({});

    // Auth.
    let wrong = json!({"email": "nobody@example.com", "password": "wrong"});
    p.post(
        "signIn",
        200,
        paths::SIGN_IN,
        json!({"email": GLOBAL_ADMIN, "password": PASSWORD}),
        "",
    )
    .await;
    p.post("signIn", 401, paths::SIGN_IN, wrong.clone(), "")
        .await;
    p.post(
        "signIn",
        422,
        paths::SIGN_IN,
        json!({"email": "a@", "password": "x"}),
        "",
    )
    .await;
    for _ in 0..4 {
        app.post_json(paths::SIGN_IN, wrong.to_string(), None).await;
    }
    p.post("signIn", 429, paths::SIGN_IN, wrong, "").await;
    let leaving = app.sign_in(HELPDESK).await;
    p.post("signOut", 204, paths::SIGN_OUT, none.clone(), &leaving)
        .await;
    p.get("getSession", 200, paths::SESSION, "").await;
    p.get("getMe", 200, paths::ME, &ga).await;
    p.get("getMe", 401, paths::ME, "signed-out").await;

    // The customer's side.
    let t = |token: &str| json!({ "token": token });
    let a = |token: &str| json!({ "token": token, "acceptCustomerAgreement": true });
    let lookup = paths::INVITATION_LOOKUP;
    let accept = paths::INVITATION_ACCEPT;
    app.post_json(
        &paths::revoke_relationship_request(&revoked_id),
        "{}",
        Some(&agent),
    )
    .await;
    p.post("lookUpInvitation", 200, lookup, t(&token), &fab)
        .await;
    p.post("lookUpInvitation", 403, lookup, t(&far_token), &fab)
        .await;
    p.post("lookUpInvitation", 410, lookup, t(&revoked_token), &fab)
        .await;
    p.post("acceptInvitation", 403, accept, a(&token), &fab_user)
        .await;
    p.post(
        "acceptInvitation",
        409,
        accept,
        json!({"token": token, "acceptCustomerAgreement": false}),
        &fab,
    )
    .await;
    p.post("acceptInvitation", 410, accept, a(&revoked_token), &fab)
        .await;
    p.post("acceptInvitation", 201, accept, a(&token), &fab)
        .await;
    p.post("lookUpInvitation", 409, lookup, t(&token), &fab)
        .await;
    p.get(
        "listPartnerRelationships",
        200,
        paths::PARTNER_RELATIONSHIPS,
        &fab,
    )
    .await;
    p.get(
        "listPartnerRelationships",
        403,
        paths::PARTNER_RELATIONSHIPS,
        &agent,
    )
    .await;
    let me: Value = app.get(paths::ME, Some(&agent)).await.json().await.unwrap();
    let contoso = me["organization"]["id"].as_str().unwrap().to_owned();
    let roles = paths::remove_partner_roles(&contoso);
    p.post("removePartnerRoles", 403, &roles, none.clone(), &fab_user)
        .await;
    p.post(
        "removePartnerRoles",
        404,
        &paths::remove_partner_roles("missing"),
        none.clone(),
        &fab,
    )
    .await;
    p.post("removePartnerRoles", 200, &roles, none.clone(), &fab)
        .await;

    // Customers and their pages.
    let customers = paths::CUSTOMERS;
    p.get("listCustomers", 200, customers, &agent).await;
    p.get("listCustomers", 400, &format!("{customers}?size=0"), &agent)
        .await;
    p.get("listCustomers", 403, customers, &fab).await;
    for (op, path) in [
        ("getCustomer", paths::customer as fn(&str) -> String),
        ("listCustomerSubscriptions", paths::customer_subscriptions),
        ("listCustomerLicenses", paths::customer_licenses),
        ("listCustomerUsers", paths::customer_users),
        ("listServiceRequests", paths::customer_service_requests),
    ] {
        p.get(op, 200, &path(&busy), &agent).await;
        p.get(op, 403, &path(&busy), &fab).await;
        p.get(op, 404, &path("missing"), &agent).await;
    }
    p.get(
        "listCustomerUsers",
        400,
        &format!("{}?size=0", paths::customer_users(&busy)),
        &agent,
    )
    .await;
    let fabrikam: Value = app
        .get("/api/v1/customers?filter=fabrikam", Some(&agent))
        .await
        .json()
        .await
        .unwrap();
    let fabrikam = fabrikam["items"][0]["id"].as_str().unwrap().to_owned();
    let remove = paths::remove_relationship;
    p.post(
        "removeCustomerRelationship",
        403,
        &remove(&fabrikam),
        none.clone(),
        &agent,
    )
    .await;
    p.post(
        "removeCustomerRelationship",
        404,
        &remove("missing"),
        none.clone(),
        &ga,
    )
    .await;
    p.post(
        "removeCustomerRelationship",
        409,
        &remove(&busy),
        none.clone(),
        &ga,
    )
    .await;
    p.post(
        "removeCustomerRelationship",
        204,
        &remove(&fabrikam),
        none.clone(),
        &ga,
    )
    .await;

    // Subscriptions.
    for (op, what) in [
        ("suspendSubscription", "suspend"),
        ("reactivateSubscription", "reactivate"),
    ] {
        let missing = missing_sub.replace("suspend", what);
        p.post(op, 403, &action(what), none.clone(), &sales).await;
        p.post(op, 404, &missing, none.clone(), &agent).await;
        p.post(op, 200, &action(what), none.clone(), &agent).await;
        p.post(op, 409, &action(what), none.clone(), &agent).await;
    }
    let support = action("supportcontact");
    let choose =
        |reseller: Option<&str>, version: u64| json!({"resellerId": reseller, "version": version});
    let now = version + 2;
    p.post("setSupportPartner", 403, &support, choose(None, now), &fab)
        .await;
    p.post(
        "setSupportPartner",
        404,
        &missing_sub.replace("suspend", "supportcontact"),
        choose(None, now),
        &sales,
    )
    .await;
    p.post(
        "setSupportPartner",
        422,
        &support,
        choose(Some("missing"), now),
        &sales,
    )
    .await;
    p.post(
        "setSupportPartner",
        409,
        &support,
        choose(None, version),
        &sales,
    )
    .await;
    p.post(
        "setSupportPartner",
        200,
        &support,
        choose(None, now),
        &sales,
    )
    .await;
    p.get(
        "listIndirectResellers",
        200,
        paths::INDIRECT_RESELLERS,
        &sales,
    )
    .await;
    p.get(
        "listIndirectResellers",
        403,
        paths::INDIRECT_RESELLERS,
        &fab,
    )
    .await;

    // Service requests.
    let requests = paths::customer_service_requests(&busy);
    let request = json!({"title": "Mail", "description": "Down", "severity": "critical",
        "contactName": "Anna", "contactEmail": "anna@example.com"});
    p.post(
        "openServiceRequest",
        201,
        &requests,
        request.clone(),
        &agent,
    )
    .await;
    p.post(
        "openServiceRequest",
        403,
        &requests,
        request.clone(),
        &sales,
    )
    .await;
    p.post(
        "openServiceRequest",
        404,
        &paths::customer_service_requests("missing"),
        request.clone(),
        &agent,
    )
    .await;
    let mut bad = request;
    bad["contactEmail"] = json!("a@.com");
    p.post("openServiceRequest", 422, &requests, bad, &agent)
        .await;

    // The audit log.
    for (op, path) in [
        ("listAuditRecords", paths::AUDIT_RECORDS),
        ("exportAuditRecords", paths::AUDIT_RECORDS_CSV),
    ] {
        p.get(op, 200, path, &ga).await;
        p.get(op, 400, &format!("{path}?from=yesterday"), &ga).await;
        p.get(op, 403, path, &agent).await;
    }

    // Invitations.
    let invitations = paths::RELATIONSHIP_REQUESTS;
    let new = json!({"allowDelegatedAccess": true, "language": "en"});
    p.post("createInvitation", 201, invitations, new.clone(), &agent)
        .await;
    p.post("createInvitation", 403, invitations, new, &sales)
        .await;
    p.post(
        "createInvitation",
        422,
        invitations,
        json!({"allowDelegatedAccess": true, "language": "en", "customerEmail": "a@.com"}),
        &agent,
    )
    .await;
    p.get("listInvitations", 200, invitations, &sales).await;
    p.get(
        "listInvitations",
        400,
        &format!("{invitations}?status=lost"),
        &sales,
    )
    .await;
    p.get("listInvitations", 403, invitations, &fab).await;
    let (pending, _) = invite(&agent).await;
    let one = paths::relationship_request;
    p.get("getInvitation", 200, &one(&pending), &sales).await;
    p.get("getInvitation", 403, &one(&pending), &fab).await;
    p.get("getInvitation", 404, &one("missing"), &sales).await;
    let revoke = paths::revoke_relationship_request;
    p.post(
        "revokeInvitation",
        403,
        &revoke(&pending),
        none.clone(),
        &sales,
    )
    .await;
    p.post(
        "revokeInvitation",
        404,
        &revoke("missing"),
        none.clone(),
        &agent,
    )
    .await;
    p.post(
        "revokeInvitation",
        200,
        &revoke(&pending),
        none.clone(),
        &agent,
    )
    .await;
    p.post(
        "revokeInvitation",
        409,
        &revoke(&pending),
        none.clone(),
        &agent,
    )
    .await;

    let sessions = Sessions {
        agent: &agent,
        sales: &sales,
        fab: &fab,
        fab_user: &fab_user,
    };
    provoke_granular_admin(&mut p, &app, &sessions).await;

    // Unknown links last: they count towards the lookup limit until it answers 429.
    p.post(
        "lookUpInvitation",
        404,
        lookup,
        t("x".repeat(43).as_str()),
        &fab,
    )
    .await;
    p.post(
        "acceptInvitation",
        404,
        accept,
        a("y".repeat(43).as_str()),
        &fab,
    )
    .await;
    for _ in 0..10 {
        app.post_json(lookup, t("z").to_string(), Some(&fab)).await;
    }
    p.post("lookUpInvitation", 429, lookup, t("z"), &fab).await;
    p.post("acceptInvitation", 429, accept, a("z"), &fab).await;

    let mut provoked: BTreeMap<&str, Vec<u16>> = BTreeMap::new();
    for (op, expect, got) in &p.seen {
        assert_eq!(expect, got, "{op}: expected {expect}, answered {got}");
        let docs = documented
            .get(*op)
            .unwrap_or_else(|| panic!("{op} is not an operation"));
        assert!(
            docs.contains(got),
            "{op} answered {got}, which it does not document"
        );
        provoked.entry(op).or_default().push(*got);
    }
    for (op, statuses) in &documented {
        for status in statuses {
            assert!(
                provoked
                    .get(op.as_str())
                    .is_some_and(|s| s.contains(status)),
                "{op} documents {status}, but no case provokes it"
            );
        }
    }
}
