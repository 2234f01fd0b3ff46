//! The tables' QR codes as a PDF to print: admins only, six cards to an A4
//! page in the tables' order, each QR code carrying `<base>/t/<code>`.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;

async fn add_table(t: &TestApp, admin: &str, name: &str) -> Value {
    let r = t
        .post(
            "/api/tables",
            Some(admin),
            json!({"name": name, "area": "Terrasse"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    r.json().await.unwrap()
}

/// The QR codes drawn on each page, in drawing order, read back as a phone
/// would: the card's cutting line is a stroked rectangle, the code's dark
/// modules filled ones; each card's modules are put back on a grid,
/// rendered to a grey image and decoded.
fn qr_codes(pdf: &[u8]) -> Vec<Vec<String>> {
    let doc = lopdf::Document::load_mem(pdf).expect("the PDF parses");
    let mut pages = Vec::new();
    for (_, page) in doc.get_pages() {
        let content = doc.get_and_decode_page_content(page).unwrap();
        let mut cards: Vec<Vec<[f32; 4]>> = Vec::new();
        let mut last: Option<[f32; 4]> = None;
        for op in content.operations {
            match op.operator.as_str() {
                "re" => {
                    let v: Vec<f32> = op.operands.iter().map(|o| o.as_float().unwrap()).collect();
                    last = Some([v[0], v[1], v[2], v[3]]);
                }
                "S" if last.take().is_some() => cards.push(Vec::new()),
                "f" => {
                    let r = last.take().expect("a filled rectangle");
                    cards.last_mut().expect("modules inside a card").push(r);
                }
                _ => {}
            }
        }
        pages.push(cards.iter().map(|c| decode(c)).collect());
    }
    pages
}

fn decode(rects: &[[f32; 4]]) -> String {
    let module = rects.iter().map(|r| r[3]).fold(f32::MAX, f32::min);
    let left = rects.iter().map(|r| r[0]).fold(f32::MAX, f32::min);
    let top = rects.iter().map(|r| r[1] + r[3]).fold(f32::MIN, f32::max);
    let right = rects.iter().map(|r| r[0] + r[2]).fold(f32::MIN, f32::max);
    let width = ((right - left) / module).round() as usize;
    let mut dark = vec![false; width * width];
    for r in rects {
        let row = ((top - (r[1] + r[3])) / module).round() as usize;
        let col = ((r[0] - left) / module).round() as usize;
        let len = (r[2] / module).round() as usize;
        for c in col..col + len {
            dark[row * width + c] = true;
        }
    }
    const PX: usize = 4;
    let side = (width + 8) * PX;
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| {
        let (mx, my) = ((x / PX).wrapping_sub(4), (y / PX).wrapping_sub(4));
        if mx < width && my < width && dark[my * width + mx] {
            0
        } else {
            255
        }
    });
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code on a card");
    grids[0].decode().expect("the QR code reads").1
}

#[tokio::test]
async fn an_admin_prints_a_card_for_every_table_in_order() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let mut codes = Vec::new();
    for i in 1..=7 {
        let table = add_table(&t, &admin, &format!("Tisch {i}")).await;
        codes.push(table["code"].as_str().unwrap().to_string());
    }
    let r = t
        .get(
            "/api/tables/sheet.pdf?base=http%3A%2F%2F192.168.1.20%3A8080%2F",
            Some(&admin),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "application/pdf");
    let disposition = r.headers()["content-disposition"].to_str().unwrap();
    assert!(
        disposition.starts_with("attachment; filename=\"") && disposition.ends_with(".pdf\""),
        "{disposition}"
    );
    let pdf = r.bytes().await.unwrap();
    assert!(pdf.starts_with(b"%PDF-"), "not a PDF");
    let pages = qr_codes(&pdf);
    // Six cards to a page: seven tables take two pages.
    assert_eq!(pages.iter().map(Vec::len).collect::<Vec<_>>(), [6, 1]);
    let read: Vec<String> = pages.into_iter().flatten().collect();
    let expected: Vec<String> = codes
        .iter()
        .map(|c| format!("http://192.168.1.20:8080/t/{c}"))
        .collect();
    assert_eq!(read, expected);
}

#[tokio::test]
async fn without_a_base_the_sheet_points_at_the_servers_own_address() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let code = add_table(&t, &admin, "1").await["code"]
        .as_str()
        .unwrap()
        .to_string();
    let r = t.get("/api/tables/sheet.pdf", Some(&admin)).await;
    assert_eq!(r.status(), StatusCode::OK);
    let pdf = r.bytes().await.unwrap();
    // The test server listens on 127.0.0.1 only: that is its one address.
    assert_eq!(qr_codes(&pdf), [[format!("http://{}/t/{code}", t.addr)]]);
}

#[tokio::test]
async fn a_new_code_prints_a_new_qr_code() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let table = add_table(&t, &admin, "1").await;
    let r = t
        .send(
            reqwest::Method::PATCH,
            &format!("/api/tables/{}", table["id"].as_str().unwrap()),
            Some(&admin),
            Some(json!({"new_code": true})),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let code: Value = r.json().await.unwrap();
    let pdf = t
        .get(
            "/api/tables/sheet.pdf?base=https://cafe.example/crema",
            Some(&admin),
        )
        .await
        .bytes()
        .await
        .unwrap();
    assert_eq!(
        qr_codes(&pdf),
        [[format!(
            "https://cafe.example/crema/t/{}",
            code["code"].as_str().unwrap()
        )]]
    );
}

#[tokio::test]
async fn only_admins_print_the_sheet() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    add_table(&t, &admin, "1").await;
    for who in [CASHIER, KITCHEN] {
        let token = t.login(who).await;
        let r = t.get("/api/tables/sheet.pdf", Some(&token)).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        assert_eq!(error_code(r).await, "forbidden");
        // Refused before its base is looked at.
        let r = t
            .get("/api/tables/sheet.pdf?base=nonsense", Some(&token))
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
    }
    let r = t.get("/api/tables/sheet.pdf", None).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_base_a_phone_cannot_open_is_refused() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    add_table(&t, &admin, "1").await;
    for base in [
        "nonsense",
        "192.168.1.20%3A8080",
        "ftp%3A%2F%2Fcafe.example",
        "http%3A%2F%2Fcafe.example%2F%3Fa%3D1",
        "http%3A%2F%2Fcafe.example%2F%23top",
        "",
    ] {
        let r = t
            .get(&format!("/api/tables/sheet.pdf?base={base}"), Some(&admin))
            .await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{base}");
        assert_eq!(error_code(r).await, "invalid_base_url", "{base}");
    }
}

#[tokio::test]
async fn a_shop_without_tables_has_no_sheet() {
    let t = spawn_app().await;
    let admin = t.login(ADMIN).await;
    let r = t.get("/api/tables/sheet.pdf", Some(&admin)).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert_eq!(error_code(r).await, "no_tables");
}
