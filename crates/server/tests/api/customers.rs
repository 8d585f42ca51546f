use portal_contract::paths;
use portal_contract::{
    AdminPrivileges, Customer, CustomerOrder, CustomerSort, DirectoryRole, ErrorCode, Page,
    SubscriptionStatus,
};
use portal_server::store::OutsideCustomer;
use reqwest::StatusCode;

use crate::helpers::*;

async fn page(app: &TestApp, session: &str, query: &Query) -> Page<Customer> {
    let answer = app.customers(session, query).await;
    assert_eq!(answer.status(), StatusCode::OK, "{query:?}");
    answer.ok().await
}

/// Every page of a query, following continuation tokens; checks offsets on the way.
async fn walk(app: &TestApp, session: &str, query: &Query) -> Vec<Customer> {
    let mut seen: Vec<Customer> = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let q = match &token {
            Some(t) => query.clone().token(t),
            None => query.clone(),
        };
        let p = page(app, session, &q).await;
        assert_eq!(p.offset, Some(seen.len() as u64), "offset of {q:?}");
        seen.extend(p.items);
        match p.continuation_token {
            Some(t) => token = Some(t),
            None => return seen,
        }
    }
}

fn ids(customers: &[Customer]) -> Vec<&str> {
    customers.iter().map(|c| c.id.as_str()).collect()
}

fn names(customers: &[Customer]) -> Vec<&str> {
    customers
        .iter()
        .map(|c| c.company_profile.company_name.as_str())
        .collect()
}

#[tokio::test]
async fn lists_the_partners_customers_in_name_order_across_pages() {
    let app = TestApp::spawn().await;
    let session = app.sign_in(ADMIN_AGENT).await;
    let first = page(&app, &session, &Query::new()).await;
    assert_eq!(first.total_count, 36);
    assert_eq!(first.items.len(), 36, "50 per page by default");
    assert_eq!(first.previous_token, None);
    let seen = walk(&app, &session, &Query::new().size(10)).await;
    assert_eq!(
        ids(&seen),
        ids(&first.items),
        "pages join up to the whole list"
    );
    let names = names(&seen);
    // Accents fold: "Árvíztűrő" sorts among the A's, "Északi" among the E's.
    let pos = |n: &str| names.iter().position(|x| x.starts_with(n)).unwrap();
    assert!(pos("Alpine") < pos("Árvíztűrő") && pos("Árvíztűrő") < pos("Balaton"));
    assert!(pos("Egri") < pos("Északi") && pos("Északi") < pos("First"));
}

#[tokio::test]
async fn previous_walks_back_over_the_same_pages() {
    let app = TestApp::spawn().await;
    let session = app.sign_in(ADMIN_AGENT).await;
    let newest_first = Query::new().size(8).sort(CustomerOrder {
        sort: CustomerSort::CustomerSince,
        descending: true,
    });
    let mut forward = vec![page(&app, &session, &newest_first).await];
    while let Some(t) = forward.last().unwrap().continuation_token.clone() {
        let next = page(&app, &session, &newest_first.clone().token(&t)).await;
        assert!(next.previous_token.is_some());
        forward.push(next);
    }
    assert_eq!(forward.len(), 5);
    // From the last page, Previous gives each earlier page again, down to the first.
    let mut current = forward.pop().unwrap();
    while let Some(expected) = forward.pop() {
        let t = current.previous_token.clone().expect("a previous page");
        current = page(&app, &session, &newest_first.clone().token(&t)).await;
        assert_eq!(ids(&current.items), ids(&expected.items));
        assert_eq!(current.offset, expected.offset);
    }
    assert_eq!(
        current.previous_token, None,
        "the first page has no previous"
    );
}

#[tokio::test]
async fn customers_added_between_pages_cause_no_duplicates_or_gaps() {
    let app = TestApp::spawn().await;
    let session = app.sign_in(ADMIN_AGENT).await;
    let before = page(&app, &session, &Query::new().size(200)).await.items;
    // New customer organisations appear only in the database (no API makes one), so this test
    // writes them there.
    let (partner, _) = app
        .stored()
        .organization("contoso-partner.example")
        .await
        .unwrap()
        .unwrap();
    let mut seen: Vec<Customer> = Vec::new();
    let mut token: Option<String> = None;
    let mut added = 0;
    for round in 0.. {
        let q = match &token {
            Some(t) => Query::new().size(5).token(t),
            None => Query::new().size(5),
        };
        let p = page(&app, &session, &q).await;
        seen.extend(p.items);
        // New customers land before, among and after the rows already served.
        for name in ["Aaa Új Kft.", "Mmm Új Kft.", "Zzz Új Kft."] {
            let id = format!("00000000-0000-4000-8000-{round:012}{}", &name[..1]);
            let domain = format!("{id}.example");
            let customer = OutsideCustomer {
                id: &id,
                name,
                domain: &domain,
            };
            app.stored().add_customer(&partner, customer).await.unwrap();
            added += 1;
        }
        match p.continuation_token {
            Some(t) => token = Some(t),
            None => break,
        }
    }
    let mut seen_ids = ids(&seen);
    for c in &before {
        assert_eq!(
            seen_ids.iter().filter(|id| **id == c.id).count(),
            1,
            "{} exactly once",
            c.company_profile.company_name
        );
    }
    let total = seen_ids.len();
    seen_ids.sort();
    seen_ids.dedup();
    assert_eq!(seen_ids.len(), total, "no customer twice");
    let after = page(&app, &session, &Query::new().size(1)).await;
    assert_eq!(after.total_count, before.len() as u64 + added);
}

#[tokio::test]
async fn search_is_starts_with_on_name_or_domain_ignoring_case_and_accents() {
    let app = TestApp::spawn().await;
    let session = app.sign_in(ADMIN_AGENT).await;
    for (filter, expected) in [
        ("arvizturo", vec!["Árvíztűrő Tükörfúrógép Kft."]),
        ("ÁRVÍZ", vec!["Árvíztűrő Tükörfúrógép Kft."]),
        ("  BALATON", vec!["Balaton Vitorlás Zrt."]),
        ("backerei", vec!["Bäckerei Schönbrunn Kft."]),
        ("muller &", vec!["Müller & Söhne Hungária Kft."]),
        ("es", vec!["Északi Fény Energetika Zrt."]),
        // The primary domain too.
        (
            "balatonvitorlaszrt.onmicrosoft",
            vec!["Balaton Vitorlás Zrt."],
        ),
        // Starts-with, not contains.
        ("vitorlas", vec![]),
        ("zz-no-such-company", vec![]),
    ] {
        let p = page(&app, &session, &Query::new().filter(filter)).await;
        assert_eq!(names(&p.items), expected, "{filter}");
        assert_eq!(p.total_count, expected.len() as u64, "{filter}");
    }
    let d_query = Query::new().filter("d").size(1);
    let d = page(&app, &session, &d_query).await;
    assert_eq!(d.total_count, 2, "Debreceni and Duna");
    let rest = page(
        &app,
        &session,
        &d_query.token(&d.continuation_token.unwrap()),
    )
    .await;
    assert_eq!(
        names(&[d.items, rest.items].concat()),
        ["Debreceni Fémszerkezet Zrt.", "Duna Logisztika Kft."]
    );
}

#[tokio::test]
async fn every_column_sorts_both_ways() {
    let app = TestApp::spawn().await;
    let session = app.sign_in(ADMIN_AGENT).await;
    let rank = |p: AdminPrivileges| match p {
        AdminPrivileges::Granted => 0,
        AdminPrivileges::NotRequested => 1,
        AdminPrivileges::RemovedByCustomer => 2,
    };
    for column in CustomerSort::ALL {
        let order = CustomerOrder {
            sort: column,
            descending: false,
        };
        let sort = column.as_str();
        let asc = walk(&app, &session, &Query::new().size(7).sort(order)).await;
        let desc = walk(&app, &session, &Query::new().size(7).sort(order.reversed())).await;
        assert_eq!(asc.len(), 36, "{sort}");
        let mut reversed = ids(&desc);
        reversed.reverse();
        assert_eq!(ids(&asc), reversed, "{sort}:desc is {sort} reversed");
        let in_order = asc.windows(2).all(|w| {
            let (a, b) = (&w[0], &w[1]);
            match column {
                CustomerSort::MicrosoftId => a.id < b.id,
                CustomerSort::Domain => a.company_profile.domain <= b.company_profile.domain,
                CustomerSort::AdminPrivileges => {
                    rank(a.admin_privileges) <= rank(b.admin_privileges)
                }
                CustomerSort::CustomerSince => a.customer_since <= b.customer_since,
                CustomerSort::Name | CustomerSort::Relationship => true,
            }
        });
        assert!(in_order, "{sort} ascending");
    }
    let by_privileges = Query::new().size(50).sort(CustomerOrder {
        sort: CustomerSort::AdminPrivileges,
        descending: false,
    });
    let by_privileges = walk(&app, &session, &by_privileges).await;
    assert_eq!(by_privileges[0].admin_privileges, AdminPrivileges::Granted);
    assert_eq!(
        by_privileges[35].admin_privileges,
        AdminPrivileges::RemovedByCustomer
    );
    // Within one privileges group, names are in order.
    let granted: Vec<&str> = by_privileges
        .iter()
        .filter(|c| c.admin_privileges == AdminPrivileges::Granted)
        .map(|c| c.company_profile.company_name.as_str())
        .collect();
    assert!(granted.first().unwrap().starts_with("Alpine"));
}

#[tokio::test]
async fn bad_tokens_and_bad_parameters_are_400() {
    let app = TestApp::spawn().await;
    let session = app.sign_in(ADMIN_AGENT).await;
    let token = page(&app, &session, &Query::new().size(5))
        .await
        .continuation_token
        .unwrap();
    let (payload, _) = token.split_once('.').unwrap();
    let long = "a".repeat(101);
    for query in [
        "?continuationToken=not-a-token".to_owned(),
        "?continuationToken=%F0%9F%92%A5".to_owned(),
        // Forged: a payload with a made-up signature.
        format!("?continuationToken={payload}.AAAAAAAAAAAAAAAAAAAAAA"),
        // Stale: issued for another order or search.
        format!("?sort=name:desc&continuationToken={token}"),
        format!("?filter=a&continuationToken={token}"),
        "?size=0".to_owned(),
        "?size=1001".to_owned(),
        "?size=ten".to_owned(),
        "?size=-1".to_owned(),
        "?sort=tags".to_owned(),
        "?sort=name:sideways".to_owned(),
        format!("?filter={long}"),
        "?page=2".to_owned(),
    ] {
        // Bad input, so the raw query as a client might type it.
        let r = app
            .get(&format!("{}{query}", paths::CUSTOMERS), Some(&session))
            .await;
        let body = expect_error(r, StatusCode::BAD_REQUEST).await;
        assert_eq!(body.code, ErrorCode::BadRequest, "{query}");
    }
    // Another partner cannot use Contoso's token.
    let tailspin = app.sign_in(TAILSPIN).await;
    let theirs = Query::new().size(5).token(&token);
    let r = app.customers(&tailspin, &theirs).await;
    r.error(StatusCode::BAD_REQUEST).await;
}

#[tokio::test]
async fn one_partner_never_sees_anothers_customers() {
    let app = TestApp::spawn().await;
    let contoso = app.sign_in(ADMIN_AGENT).await;
    let tailspin = app.sign_in(TAILSPIN).await;
    let contoso_page = page(&app, &contoso, &Query::new()).await;
    let tailspin_page = page(&app, &tailspin, &Query::new()).await;
    assert_eq!(tailspin_page.total_count, 2);
    for c in &contoso_page.items {
        assert!(tailspin_page.items.iter().all(|t| t.id != c.id));
        let answers: [reqwest::Response; 4] = [
            app.customer(&tailspin, &c.id).await.into(),
            app.subscriptions(&tailspin, &c.id).await.into(),
            app.customer_users(&tailspin, &c.id, &Query::new())
                .await
                .into(),
            app.licenses(&tailspin, &c.id).await.into(),
        ];
        for r in answers {
            let body = expect_error(r, StatusCode::NOT_FOUND).await;
            assert_eq!(body.code, ErrorCode::NotFound);
        }
    }
    // Tailspin's search finds none of Contoso's customers.
    let p = page(&app, &tailspin, &Query::new().filter("a")).await;
    assert_eq!(p.total_count, 0);
}

#[tokio::test]
async fn customer_organisations_have_no_customer_list() {
    let app = TestApp::spawn().await;
    let session = app.sign_in(FABRIKAM_ADMIN).await;
    let body = app
        .customers(&session, &Query::new())
        .await
        .error(StatusCode::FORBIDDEN)
        .await;
    assert_eq!(body.code, ErrorCode::Forbidden);
}

#[tokio::test]
async fn a_customer_has_account_subscriptions_users_and_licenses() {
    let app = TestApp::spawn().await;
    let session = app.sign_in(ADMIN_AGENT).await;
    let list = page(&app, &session, &Query::new().filter("arvizturo")).await;
    let row = &list.items[0];
    let detail = app.customer(&session, &row.id).await.ok().await;
    assert_eq!(&detail.customer, row);
    let billing = detail.billing_profile.expect("a billing profile");
    assert_eq!(billing.default_address.country, "HU");
    assert!(billing.email.ends_with(&row.company_profile.domain));

    let users = app
        .customer_users(&session, &row.id, &Query::new())
        .await
        .ok()
        .await;
    assert!((3..=8).contains(&users.total_count));
    assert_eq!(users.items.len() as u64, users.total_count);
    assert_eq!(
        users
            .items
            .iter()
            .filter(|u| u.role == DirectoryRole::GlobalAdmin)
            .count(),
        1
    );
    let small = app
        .customer_users(&session, &row.id, &Query::new().size(2))
        .await
        .ok()
        .await;
    assert_eq!(small.items, users.items[..2]);
    let rest_query = Query::new()
        .size(50)
        .token(&small.continuation_token.unwrap());
    let rest = app
        .customer_users(&session, &row.id, &rest_query)
        .await
        .ok()
        .await;
    assert_eq!(rest.items, users.items[2..]);

    let subscriptions = app.subscriptions(&session, &row.id).await.ok().await;
    let licenses = app.licenses(&session, &row.id).await.ok().await;
    assert!(!subscriptions.items.is_empty());
    for license in &licenses.items {
        let bought: u32 = subscriptions
            .items
            .iter()
            .filter(|s| {
                s.offer_name == license.product_name && s.status == SubscriptionStatus::Active
            })
            .map(|s| s.quantity)
            .sum();
        assert_eq!(license.active_units, bought, "{}", license.product_name);
        let assigned = users
            .items
            .iter()
            .filter(|u| u.licenses.contains(&license.product_name))
            .count() as u32;
        assert_eq!(license.consumed_units, assigned, "{}", license.product_name);
    }
}

#[tokio::test]
async fn some_demo_customers_have_bought_nothing() {
    let app = TestApp::spawn().await;
    let session = app.sign_in(ADMIN_AGENT).await;
    let all = page(&app, &session, &Query::new()).await.items;
    let mut empty = 0;
    for c in &all {
        let subs = app.subscriptions(&session, &c.id).await.ok().await;
        if subs.items.is_empty() {
            empty += 1;
        }
    }
    assert!(
        empty >= 1 && empty < all.len(),
        "{empty} without subscriptions"
    );
}
