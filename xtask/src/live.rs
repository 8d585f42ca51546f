//! A release server started for a task (bench, generated requests, stress) on a port of its
//! own, and the few plain HTTP/1.1 requests such a task sends it.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::Result;

/// The demo data's password for every account.
pub const PASSWORD: &str = "Demo-Passw0rd!";

/// The release server, stopped when dropped.
pub struct Server {
    child: Child,
}

impl Server {
    /// Starts `target/release/portal-server` on `addr` with its database, key and log in `dir`.
    pub fn start(root: &Path, addr: &'static str, dir: &Path) -> Result<Server> {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(dir.join("server.log"))
            .map_err(|e| format!("cannot open the server log: {e}"))?;
        let child = Command::new(root.join("target/release/portal-server"))
            .current_dir(root)
            .env("PORTAL_ADDR", addr)
            .env("PORTAL_DATABASE_URL", database_url(dir))
            .env("PORTAL_DIST", root.join("dist"))
            .env("PORTAL_PUBLIC_URL", format!("http://{addr}"))
            .env("PORTAL_INVITATION_KEY_FILE", dir.join("invitation.key"))
            .env("RUST_LOG", "portal_server=warn")
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .map_err(|e| format!("cannot start the server: {e}"))?;
        let server = Server { child };
        for _ in 0..100 {
            if http(addr, &Request::get("/api/v1/auth/session")).is_ok() {
                return Ok(server);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Err("the server did not answer within 10 s".into())
    }

    /// SIGKILL: no shutdown code runs, as in a power cut of the process.
    pub fn kill(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// The process id (to read its memory from `/proc`).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Whether the process is still running (it has not crashed).
    pub fn running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }
}

/// The database a task's server uses in `dir`.
pub fn database_url(dir: &Path) -> String {
    format!("sqlite://{}/portal.db", dir.display())
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A minimal HTTP/1.1 request over loopback (tasks need a handful, not a client library).
pub struct Request {
    pub method: &'static str,
    pub path: String,
    pub cookie: Option<String>,
    pub body: Option<String>,
}

impl Request {
    pub fn get(path: &str) -> Request {
        Request {
            method: "GET",
            path: path.to_owned(),
            cookie: None,
            body: None,
        }
    }
}

/// Status, headers and body of the response.
pub fn http(addr: &str, r: &Request) -> Result<(u16, String, String)> {
    let mut stream = TcpStream::connect(addr).map_err(|e| e.to_string())?;
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .map_err(|e| e.to_string())?;
    let mut head = format!(
        "{} {} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n",
        r.method, r.path
    );
    if let Some(c) = &r.cookie {
        head.push_str(&format!("Cookie: {c}\r\n"));
    }
    if let Some(b) = &r.body {
        head.push_str(&format!(
            "Content-Type: application/json\r\nContent-Length: {}\r\n",
            b.len()
        ));
    }
    head.push_str("\r\n");
    head.push_str(r.body.as_deref().unwrap_or(""));
    stream
        .write_all(head.as_bytes())
        .map_err(|e| e.to_string())?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).map_err(|e| e.to_string())?;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (headers, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = headers
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = if headers
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        dechunk(body)
    } else {
        body.to_owned()
    };
    Ok((status, headers.to_owned(), body))
}

pub fn dechunk(mut body: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let Ok(n) = usize::from_str_radix(size.trim(), 16) else {
            break;
        };
        if n == 0 || rest.len() < n {
            break;
        }
        out.push_str(&rest[..n]);
        body = rest[n..].trim_start_matches("\r\n");
    }
    out
}

/// The body of one page of a paged collection (`path` already has its query), signed in with
/// `cookie`, continuing from `token`; anything but 200 is an error.
pub fn page(addr: &str, cookie: &str, path: &str, token: Option<&str>) -> Result<String> {
    let path = match token {
        Some(t) => format!("{path}&continuationToken={t}"),
        None => path.to_owned(),
    };
    let (status, _, body) = http(
        addr,
        &Request {
            cookie: Some(cookie.to_owned()),
            ..Request::get(&path)
        },
    )?;
    if status == 200 {
        Ok(body)
    } else {
        Err(format!("{path} answered {status}"))
    }
}

/// Signs `email` in (demo password) and returns the `Cookie` header value.
pub fn sign_in(addr: &str, email: &str) -> Result<String> {
    let (status, headers, _) = http(
        addr,
        &Request {
            method: "POST",
            path: "/api/v1/auth/signin".into(),
            cookie: None,
            body: Some(format!(r#"{{"email":"{email}","password":"{PASSWORD}"}}"#)),
        },
    )?;
    if status != 200 {
        return Err(format!("sign-in answered {status}"));
    }
    headers
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .starts_with("set-cookie:")
                .then(|| l[11..].trim().split(';').next().unwrap_or("").to_owned())
        })
        .ok_or_else(|| "no session cookie".into())
}

/// The string value of `"key":"…"` in a JSON text (tokens are base64url: no escapes).
pub fn json_string(json: &str, key: &str) -> Option<String> {
    let start = json.find(&format!("\"{key}\":\""))? + key.len() + 4;
    let end = json[start..].find('"')?;
    Some(json[start..start + end].to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_tokens_in_json() {
        assert_eq!(
            json_string(
                r#"{"totalCount":3,"continuationToken":"abc.def","items":[]}"#,
                "continuationToken"
            ),
            Some("abc.def".into())
        );
        assert_eq!(json_string("{}", "continuationToken"), None);
    }

    #[test]
    fn joins_chunks() {
        assert_eq!(dechunk("3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"), "abcde");
    }
}
