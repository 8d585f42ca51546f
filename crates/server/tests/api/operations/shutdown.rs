//! A shutdown (SIGTERM) lets requests under way finish, refuses new connections, and is bounded
//! by the drain time. The slow request is a sign-in whose body arrives in two parts; the server's
//! `100 Continue` shows that the handler is already reading it when the signal comes.

use std::time::Duration;

use portal_contract::{SignInRequest, paths};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::helpers::{ADMIN_AGENT, PASSWORD, TestApp};

/// A sign-in whose head and first half of the body are sent; returns the stream and the rest.
async fn half_sent_sign_in(app: &TestApp) -> (TcpStream, Vec<u8>) {
    let body = serde_json::to_vec(&SignInRequest {
        email: ADMIN_AGENT.into(),
        password: PASSWORD.into(),
    })
    .unwrap();
    let mut stream = TcpStream::connect(app.addr()).await.unwrap();
    let head = format!(
        "POST {} HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nExpect: 100-continue\r\n\r\n",
        paths::SIGN_IN,
        app.addr(),
        body.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut buf = [0u8; 64];
    let n = stream.read(&mut buf).await.unwrap();
    assert!(
        String::from_utf8_lossy(&buf[..n]).starts_with("HTTP/1.1 100 Continue"),
        "the handler reads the body"
    );
    let (first, rest) = body.split_at(body.len() / 2);
    stream.write_all(first).await.unwrap();
    (stream, rest.to_vec())
}

/// Waits until nobody can connect any more (the listener is closed), at most five seconds.
async fn until_connections_are_refused(addr: &str) {
    let refused = async {
        while TcpStream::connect(addr).await.is_ok() {
            tokio::task::yield_now().await;
        }
    };
    tokio::time::timeout(Duration::from_secs(5), refused)
        .await
        .expect("new connections are refused after the signal");
}

#[tokio::test]
async fn a_request_under_way_finishes_after_the_signal_and_new_connections_are_refused() {
    let mut app = TestApp::spawn().await;
    let (mut stream, rest) = half_sent_sign_in(&app).await;

    app.begin_shutdown();
    until_connections_are_refused(app.addr()).await;

    stream.write_all(&rest).await.unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.unwrap();
    assert!(answer.starts_with("HTTP/1.1 200 OK"), "{answer}");
    assert!(answer.contains(paths::SESSION_COOKIE), "signed in");
    app.stopped_within(Duration::from_secs(10)).await;
}

#[tokio::test]
async fn the_drain_time_bounds_a_request_that_never_ends() {
    let mut app = TestApp::spawn_with(|s| s.shutdown_drain_secs = 1).await;
    let (_stalled, _never_sent) = half_sent_sign_in(&app).await;
    let signalled = std::time::Instant::now();
    app.begin_shutdown();
    app.stopped_within(Duration::from_secs(5)).await;
    assert!(
        signalled.elapsed() >= Duration::from_secs(1),
        "the request under way got its drain time"
    );
}
