//! Instances that share nothing but the database, as behind a load balancer: what one instance
//! wrote, decided or counted holds on the other, and killing one loses nothing it acknowledged.
//! Run on each engine the suite runs on (SQLite shares one file between processes).

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use portal_contract::paths;
use reqwest::StatusCode;
use tokio::sync::Mutex;

use crate::helpers::{
    ADMIN_AGENT, FABRIKAM_ADMIN, TestApp, acceptance, cookie, invitation_request, token_of,
};

#[tokio::test]
async fn a_session_made_on_one_instance_works_on_the_other_and_signing_out_ends_it_on_both() {
    let first = TestApp::spawn().await;
    let second = first.spawn_beside().await;
    let session = first.sign_in(ADMIN_AGENT).await;
    let me = second.me(&session).await.ok().await;
    assert_eq!(me.user.email, ADMIN_AGENT);
    // An invitation made through one is read, and its link accepted, through the other.
    let invitation = first.invite(&session, false).await;
    assert_eq!(
        second
            .invitation(&session, &invitation.id)
            .await
            .ok()
            .await
            .id,
        invitation.id
    );
    let (_, partners) = second.fabrikam_accepts(&token_of(&invitation)).await;
    assert!(partners.iter().any(|p| p.partner_name.contains("Contoso")));
    assert_eq!(
        second.sign_out(&session).await.status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        first.get(paths::ME, Some(&session)).await.status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_link_accepted_100_times_over_two_instances_makes_exactly_one_relationship() {
    let first = TestApp::spawn().await;
    let second = first.spawn_beside().await;
    let partner = first.sign_in(ADMIN_AGENT).await;
    let token = token_of(&first.invite(&partner, true).await);
    let fabrikam = second.sign_in(FABRIKAM_ADMIN).await;
    let mut attempts = tokio::task::JoinSet::new();
    for i in 0..100 {
        let base = if i % 2 == 0 {
            &first.base
        } else {
            &second.base
        };
        let url = format!("{base}{}", paths::INVITATION_ACCEPT);
        let body = serde_json::to_string(&acceptance(&token, true)).unwrap();
        let cookie = cookie(&fabrikam);
        attempts.spawn(async move {
            let r = reqwest::Client::new()
                .post(url)
                .header("content-type", "application/json")
                .header("cookie", cookie)
                .body(body)
                .send()
                .await
                .unwrap();
            (r.status(), r.json::<serde_json::Value>().await.unwrap())
        });
    }
    let responses = attempts.join_all().await;
    let created = responses
        .iter()
        .filter(|(s, _)| *s == StatusCode::CREATED)
        .count();
    assert_eq!(created, 1, "responses: {responses:?}");
    for (status, body) in &responses {
        if *status != StatusCode::CREATED {
            assert_eq!(*status, StatusCode::CONFLICT, "{body}");
        }
    }
    for app in [&first, &second] {
        let partners = app.partner_relationships(&fabrikam).await.ok().await;
        assert_eq!(partners.len(), 1);
    }
}

/// A `portal-server` process on `database_url` with the invitation key `key`; its address
/// once it listens.
fn start(database_url: &str, key: &std::path::Path, dist: &std::path::Path) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_portal-server"))
        .args(["--addr", "127.0.0.1:0", "--database-url", database_url])
        .arg("--invitation-key-file")
        .arg(key)
        .arg("--dist")
        .arg(dist)
        .env("PORTAL_LOG_FORMAT", "json")
        .env_remove("RUST_LOG")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the server starts");
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let addr = loop {
        let line = lines
            .next()
            .expect("the server logs until it listens")
            .unwrap();
        let object: serde_json::Value = serde_json::from_str(&line).expect("a JSON line");
        let message = object["fields"]["message"].as_str().unwrap_or("");
        if let Some(addr) = message.strip_prefix("listening on ") {
            break addr.to_owned();
        }
    };
    // Keep reading, so the server never blocks on a full pipe.
    std::thread::spawn(move || lines.for_each(drop));
    (child, addr)
}

/// Creates invitations through `base` until `stop`, recording the instance and id of each one
/// acknowledged (201). Only refused connections may fail, once the instance is gone.
async fn create_until(
    base: String,
    session: String,
    acknowledged: Arc<Mutex<Vec<(String, String)>>>,
    stop: Arc<AtomicBool>,
) {
    let client = reqwest::Client::new();
    let body = serde_json::to_string(&invitation_request(false)).unwrap();
    while !stop.load(Ordering::Relaxed) {
        let sent = client
            .post(format!("{base}{}", paths::RELATIONSHIP_REQUESTS))
            .header("content-type", "application/json")
            .header("cookie", cookie(&session))
            .body(body.clone())
            .send()
            .await;
        let Ok(r) = sent else {
            return;
        };
        let status = r.status();
        let Ok(answer) = r.json::<serde_json::Value>().await else {
            return;
        };
        assert_eq!(status, StatusCode::CREATED, "{answer}");
        let id = answer["id"].as_str().unwrap().to_owned();
        acknowledged.lock().await.push((base.clone(), id));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn killing_one_of_two_instances_during_invitation_creates_loses_no_acknowledged_invitation() {
    let app = TestApp::spawn().await;
    let key = app.dir.path().join("invitation.key");
    let dist = app.dir.path().join("dist");
    let (mut doomed, doomed_base) = start(&app.database_url, &key, &dist);
    let (mut survivor, survivor_base) = start(&app.database_url, &key, &dist);
    let session = app.sign_in(ADMIN_AGENT).await;
    let acknowledged = Arc::new(Mutex::new(Vec::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let writers: Vec<_> = [&doomed_base, &survivor_base]
        .into_iter()
        .flat_map(|base| std::iter::repeat_n(base, 4))
        .map(|base| {
            tokio::spawn(create_until(
                base.clone(),
                session.clone(),
                acknowledged.clone(),
                stop.clone(),
            ))
        })
        .collect();
    while acknowledged.lock().await.len() < 40 {
        tokio::task::yield_now().await;
    }
    doomed.kill().expect("SIGKILL");
    doomed.wait().unwrap();
    // The survivor goes on taking creates after the other is gone.
    let at_kill = acknowledged.lock().await.len();
    while acknowledged.lock().await.len() < at_kill + 20 {
        tokio::task::yield_now().await;
    }
    stop.store(true, Ordering::Relaxed);
    for w in writers {
        w.await.unwrap();
    }
    survivor.kill().unwrap();
    survivor.wait().unwrap();
    let ids = acknowledged.lock().await.clone();
    // Both instances took creates; the survivor also after the kill.
    let by_doomed = ids.iter().filter(|(base, _)| *base == doomed_base).count();
    assert!(
        by_doomed > 0 && by_doomed < ids.len(),
        "{by_doomed} of {}",
        ids.len()
    );
    for (_, id) in &ids {
        let answer = app.invitation(&session, id).await;
        assert_eq!(answer.status(), StatusCode::OK, "invitation {id}");
    }
}
