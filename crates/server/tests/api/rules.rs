//! Who may act is decided before the request body is read, and paging refuses a bad `size` the
//! same way on every list.

use portal_contract::ErrorCode;
use reqwest::StatusCode;

use crate::helpers::*;

const MALFORMED: &str = r#"{"unexpected": true}"#;

#[tokio::test]
async fn a_role_that_may_not_act_gets_403_before_its_body_is_checked() {
    let app = TestApp::spawn().await;
    let sales = app.sign_in(SALES_AGENT).await;
    let agent = app.sign_in(ADMIN_AGENT).await;
    let customer = &app.customer_named(&agent, "arvizturo").await.id;

    // The same malformed body is a 422 for someone allowed to act…
    for (path, allowed) in [
        ("/api/v1/customers/relationshiprequests".to_owned(), &agent),
        (
            format!("/api/v1/customers/{customer}/servicerequests"),
            &agent,
        ),
    ] {
        let r = app.post_json(&path, MALFORMED, Some(allowed)).await;
        expect_error(r, StatusCode::UNPROCESSABLE_ENTITY).await;
        // …and a 403 for a role that may not.
        let r = app.post_json(&path, MALFORMED, Some(&sales)).await;
        let e = expect_error(r, StatusCode::FORBIDDEN).await;
        assert_eq!(e.code, ErrorCode::Forbidden, "{path}");
    }

    // A customer's user who is not its Global admin: refused by name, whatever the body.
    let user = app.sign_in("user@fabrikam.example").await;
    for path in [
        "/api/v1/invitations/accept".to_owned(),
        "/api/v1/partnerrelationships/any/removeroles".to_owned(),
    ] {
        let r = app.post_json(&path, MALFORMED, Some(&user)).await;
        let e = expect_error(r, StatusCode::FORBIDDEN).await;
        assert_eq!(e.code, ErrorCode::NotGlobalAdmin, "{path}");
    }

    // A customer's people are not partner staff, before their body is read too.
    let fabrikam = app.sign_in(FABRIKAM_ADMIN).await;
    let path = format!("/api/v1/customers/{customer}/subscriptions/any/supportcontact");
    let r = app.post_json(&path, MALFORMED, Some(&fabrikam)).await;
    expect_error(r, StatusCode::FORBIDDEN).await;
}

#[tokio::test]
async fn a_bad_size_is_the_same_field_error_on_every_list() {
    let app = TestApp::spawn().await;
    let admin = app.sign_in(GLOBAL_ADMIN).await;
    let customer = app.customer_named(&admin, "").await;
    let users = format!("/api/v1/customers/{}/users", customer.id);
    for list in [
        "/api/v1/customers",
        users.as_str(),
        "/api/v1/customers/relationshiprequests",
        "/api/v1/auditrecords",
    ] {
        for size in ["0", "1001", "ten", "-1", ""] {
            let r = app.get(&format!("{list}?size={size}"), Some(&admin)).await;
            let e = expect_error(r, StatusCode::BAD_REQUEST).await;
            assert_eq!(e.code, ErrorCode::BadRequest);
            assert_eq!(field_codes(&e), [("size", "invalid")], "{list}?size={size}");
        }
    }
}
