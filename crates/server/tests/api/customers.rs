use portal_contract::{Customer, ErrorCode, Page};
use reqwest::StatusCode;

use crate::helpers::*;

async fn page(app: &TestApp, session: &str, query: &str) -> Page<Customer> {
    let r = app
        .get(&format!("/api/v1/customers{query}"), Some(session))
        .await;
    assert_eq!(r.status(), StatusCode::OK, "{query}");
    r.json().await.unwrap()
}

#[tokio::test]
async fn lists_the_partners_customers_in_name_order_across_pages() {
    let app = TestApp::spawn().await;
    let session = app.sign_in(ADMIN_AGENT).await;
    let mut seen: Vec<Customer> = Vec::new();
    let mut query = "?size=10".to_owned();
    loop {
        let p = page(&app, &session, &query).await;
        assert_eq!(p.total_count, 36);
        assert!(p.items.len() <= 10);
        seen.extend(p.items);
        match p.continuation_token {
            Some(t) => query = format!("?size=10&continuationToken={t}"),
            None => break,
        }
    }
    assert_eq!(seen.len(), 36);
    let mut ids: Vec<&str> = seen.iter().map(|c| c.id.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 36, "no customer twice");
    let names: Vec<&str> = seen
        .iter()
        .map(|c| c.company_profile.company_name.as_str())
        .collect();
    // Accents fold: "Árvíztűrő" sorts among the A's, "Északi" among the E's.
    let pos = |n: &str| names.iter().position(|x| x.starts_with(n)).unwrap();
    assert!(pos("Alpine") < pos("Árvíztűrő") && pos("Árvíztűrő") < pos("Balaton"));
    assert!(pos("Egri") < pos("Északi") && pos("Északi") < pos("First"));
    assert!(
        seen.iter()
            .all(|c| c.company_profile.domain.ends_with(".onmicrosoft.com"))
    );
}

#[tokio::test]
async fn one_partner_never_sees_anothers_customers() {
    let app = TestApp::spawn().await;
    let contoso = app.sign_in(ADMIN_AGENT).await;
    let tailspin = app.sign_in(TAILSPIN).await;
    let contoso_page = page(&app, &contoso, "").await;
    let tailspin_page = page(&app, &tailspin, "").await;
    assert_eq!(tailspin_page.total_count, 2);
    for c in &contoso_page.items {
        assert!(tailspin_page.items.iter().all(|t| t.id != c.id));
        let r = app
            .get(&format!("/api/v1/customers/{}", c.id), Some(&tailspin))
            .await;
        let body = expect_error(r, StatusCode::NOT_FOUND).await;
        assert_eq!(body.code, ErrorCode::NotFound);
    }
    let own = &contoso_page.items[0];
    let r = app
        .get(&format!("/api/v1/customers/{}", own.id), Some(&contoso))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(&r.json::<Customer>().await.unwrap(), own);
    // A continuation token does not carry one partner into another's list.
    let token = page(&app, &contoso, "?size=1")
        .await
        .continuation_token
        .unwrap();
    let p = page(&app, &tailspin, &format!("?continuationToken={token}")).await;
    assert!(
        p.items
            .iter()
            .all(|t| contoso_page.items.iter().all(|c| c.id != t.id))
    );
}

#[tokio::test]
async fn customer_organisations_have_no_customer_list() {
    let app = TestApp::spawn().await;
    let session = app.sign_in(FABRIKAM_ADMIN).await;
    let body = expect_error(
        app.get("/api/v1/customers", Some(&session)).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert_eq!(body.code, ErrorCode::Forbidden);
}

#[tokio::test]
async fn bad_paging_parameters_are_400() {
    let app = TestApp::spawn().await;
    let session = app.sign_in(ADMIN_AGENT).await;
    for query in [
        "?continuationToken=not-a-token",
        "?continuationToken=%F0%9F%92%A5",
        "?size=0",
        "?size=201",
        "?size=ten",
        "?size=-1",
        "?page=2",
    ] {
        let r = app
            .get(&format!("/api/v1/customers{query}"), Some(&session))
            .await;
        let body = expect_error(r, StatusCode::BAD_REQUEST).await;
        assert_eq!(body.code, ErrorCode::BadRequest, "{query}");
    }
}
