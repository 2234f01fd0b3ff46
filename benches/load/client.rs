//! A little HTTP for set-up (std only; loads go through wrk).

use std::io::{Read, Write};
use std::time::Duration;

use serde_json::{json, Value};

/// One HTTP/1.1 request on a fresh connection; returns (status, headers, body).
pub(crate) fn http(
    url: &str,
    method: &str,
    path: &str,
    body: Option<&str>,
) -> Result<(u16, String, String), String> {
    let host = url.trim_start_matches("http://").trim_end_matches('/');
    let mut s = std::net::TcpStream::connect(host).map_err(|e| format!("{host}: {e}"))?;
    s.set_read_timeout(Some(Duration::from_secs(30)))
        .map_err(|e| e.to_string())?;
    let body = body.unwrap_or("");
    let req = format!(
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    s.write_all(req.as_bytes()).map_err(|e| e.to_string())?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).map_err(|e| e.to_string())?;
    let raw = String::from_utf8_lossy(&raw).to_string();
    let (head, rest) = raw.split_once("\r\n\r\n").ok_or("bad HTTP answer")?;
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or("bad status line")?;
    let chunked = head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked");
    let body = if chunked {
        let mut out = String::new();
        let mut rest = rest;
        while let Some((size, tail)) = rest.split_once("\r\n") {
            let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
            if n == 0 || tail.len() < n {
                break;
            }
            out.push_str(&tail[..n]);
            rest = tail[n..].trim_start_matches("\r\n");
        }
        out
    } else {
        rest.to_string()
    };
    Ok((status, head.to_string(), body))
}

pub(crate) fn login(url: &str, user: &str) -> Result<String, String> {
    let body = json!({"username": user, "password": format!("{user}-password")}).to_string();
    let (status, _, body) = http(url, "POST", "/api/auth/login", Some(&body))?;
    if status != 200 {
        return Err(format!("login {user}: {status} {body}"));
    }
    let v: Value = serde_json::from_str(&body).map_err(|e| e.to_string())?;
    v["access_token"]
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| "no access_token".into())
}

/// A realistic counter order from the demo menu: a drink with its required
/// modifiers (and one optional one) twice, and a plain item once.
pub(crate) fn order_body(menu: &Value) -> Result<String, String> {
    let items: Vec<&Value> = menu["categories"]
        .as_array()
        .ok_or("menu has no categories")?
        .iter()
        .flat_map(|c| c["items"].as_array().into_iter().flatten())
        .filter(|i| i["available"].as_bool() == Some(true))
        .collect();
    let pick = |i: &Value| -> Vec<Value> {
        let mut chosen = Vec::new();
        for (n, g) in i["modifier_groups"]
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
        {
            let min = g["min"].as_u64().unwrap_or(0) as usize;
            let want = if n == 0 { min.max(1) } else { min };
            let want = want.min(g["max"].as_u64().unwrap_or(1) as usize);
            for o in g["options"].as_array().into_iter().flatten().take(want) {
                chosen.push(o["id"].clone());
            }
        }
        chosen
    };
    let drink = items
        .iter()
        .find(|i| {
            i["modifier_groups"]
                .as_array()
                .is_some_and(|g| !g.is_empty())
        })
        .ok_or("no item with modifiers")?;
    let other = items
        .iter()
        .find(|i| i["id"] != drink["id"])
        .ok_or("no second item")?;
    Ok(json!({
        "lines": [
            {"item_id": drink["id"], "quantity": 2, "modifier_option_ids": pick(drink)},
            {"item_id": other["id"], "quantity": 1, "modifier_option_ids": pick(other)},
        ],
        "type": "takeaway",
    })
    .to_string())
}

// ---- the run --------------------------------------------------------------------
