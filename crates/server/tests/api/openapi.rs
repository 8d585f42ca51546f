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
        let r = reqwest::Client::new()
            .delete(format!("{}{concrete}", app.base))
            .header("cookie", cookie(&session))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::METHOD_NOT_ALLOWED, "DELETE {path}");

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
                _ => client
                    .post(url)
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
}

/// A change-detector over everything a POST could touch.
async fn fingerprint(app: &TestApp) -> String {
    sqlx::query_scalar(
        "SELECT (SELECT count(*) FROM audit_log) || '|' ||
                (SELECT count(*) FROM customer_relationships) || '|' ||
                (SELECT count(*) FROM service_requests) || '|' ||
                (SELECT group_concat(id || status || version || ifnull(support_partner_id, ''))
                   FROM subscriptions) || '|' ||
                (SELECT group_concat(id || ifnull(revoked_at, '-') || ifnull(accepted_at, '-')) FROM invitations) || '|' ||
                (SELECT group_concat(partner_id || customer_id || admin_privileges)
                   FROM customer_relationships)",
    )
    .fetch_one(&app.sql().await)
    .await
    .unwrap()
}

#[tokio::test]
async fn no_operation_reaches_another_tenants_data() {
    let app = TestApp::spawn().await;
    let db = app.sql().await;
    // Tailspin's agent gets every partner role, so only tenancy can refuse it.
    for role in ["globalAdmin", "helpdeskAgent"] {
        sqlx::query("INSERT INTO user_roles SELECT id, ? FROM users WHERE email = ?")
            .bind(role)
            .bind(TAILSPIN)
            .execute(&db)
            .await
            .unwrap();
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
    let (customer, subscription): (String, String) = sqlx::query_as(
        "SELECT s.customer_id, s.id FROM subscriptions s
          JOIN organizations p ON p.id = s.partner_id
         WHERE p.name LIKE 'Contoso%' LIMIT 1",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    let partner: String =
        sqlx::query_scalar("SELECT id FROM organizations WHERE name LIKE 'Contoso%'")
            .fetch_one(&db)
            .await
            .unwrap();
    let foreign = Foreign {
        customer,
        subscription,
        invitation,
        partner,
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
            _ => {
                app.post_json(&concrete, body.to_string(), Some(session))
                    .await
            }
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
    // Every operation with an id was walked (13 of them today).
    assert!(
        walked.values().filter(|v| **v == "404").count() >= 13,
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
        _ => return None,
    };
    Some((case.0, case.1, tailspin))
}
