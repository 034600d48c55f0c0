//! What `confirmspec mock` serves besides the vendors' flows (`mock.rs`): each documented status
//! through `Prefer: code=`, a delay, bad requests and missing credentials, another spec served
//! statelessly, a long randomised run whose recording validates with no violation, the example
//! programs and the command itself.

use std::time::{Duration, Instant};

use confirmspec::clients::{Error, FullResponse, Retry};
use confirmspec::{invoicebox, via, yandex_market};
use confirmspec_validator::{Options, Spec, Validator};
use serde_json::{Value, json};

use crate::mock::{
    ORDER, code, code_request, eac, invoicebox_client, market, pay_request, payment, preferring,
    start, verify, via_client,
};

/// A status an operation documents, as a number: itself, or one its range or `default` covers.
pub(crate) fn sample(status: &str) -> u16 {
    match status {
        "default" => 503,
        range if range.ends_with("XX") || range.ends_with("xx") => {
            range[..1].parse::<u16>().unwrap() * 100 + 18
        }
        exact => exact.parse().unwrap(),
    }
}

/// A call's status: `Ok` for a success, `Err` with the status an error carries.
pub(crate) fn outcome<T, E>(result: Result<FullResponse<T>, Error<E>>) -> Result<u16, Option<u16>> {
    result
        .map(|r| r.status().as_u16())
        .map_err(|e| e.status().map(|s| s.as_u16()))
}

#[tokio::test]
async fn prefer_code_answers_each_documented_status_of_each_operation() {
    let server = start().await;
    let validator = Validator::new(confirmspec::bundled_specs(), Options::default()).unwrap();
    let order = ORDER.parse().unwrap();
    let mut seen = 0;
    for operation in validator.operations() {
        for status in operation.statuses {
            let status = sample(status);
            let http = preferring(&format!("code={status}"));
            let invoicebox = invoicebox::Client::builder(confirmspec::invoicebox::sandbox::TOKEN)
                .base_url(server.url())
                .http_client(http.clone())
                .retry(Retry::off())
                .build()
                .unwrap();
            let key =
                yandex_market::Auth::ApiKey(confirmspec::yandex_market::sandbox::API_KEY.into());
            let market = yandex_market::Client::builder(key)
                .base_url(server.url())
                .http_client(http.clone())
                .retry(Retry::off())
                .build()
                .unwrap();
            let via = via::Client::builder(
                confirmspec::via::sandbox::CLIENT_ID,
                confirmspec::via::sandbox::CLIENT_SECRET,
            )
            .base_url(server.url())
            .http_client(http)
            .retry(Retry::off())
            .build()
            .unwrap();
            let request = || invoicebox::types::ValidateRequest(code_request());
            let result = match operation.id {
                "validate" => outcome(invoicebox.validate_full(order, request()).await),
                "sendCode" => outcome(invoicebox.send_code_full(order, code_request()).await),
                "pay" => outcome(invoicebox.pay_full(order, pay_request("a", "b")).await),
                "verifyOrderEac" => {
                    outcome(market.verify_order_eac_full(1, 2, eac(Some("1"))).await)
                }
                "confirmPay" => {
                    outcome(via.confirm_pay_full(payment(&format!("p-{status}"))).await)
                }
                "confirmPayVerify" => {
                    outcome(via.confirm_pay_verify_full(verify("trx_x", "1")).await)
                }
                other => panic!("an operation this test does not know: {other}"),
            };
            match result {
                Ok(got) => assert_eq!(got, status, "{} {status}", operation.id),
                Err(got) => assert_eq!(got, Some(status), "{} {status}", operation.id),
            }
            assert_eq!(
                (200..300).contains(&status),
                result.is_ok(),
                "{} {status}: {result:?}",
                operation.id
            );
            seen += 1;
        }
    }
    assert!(seen >= 30, "{seen} statuses");

    // A delay is waited first.
    let http = preferring("delay=300");
    let client = yandex_market::Client::builder(yandex_market::Auth::ApiKey(
        confirmspec::yandex_market::sandbox::API_KEY.into(),
    ))
    .base_url(server.url())
    .http_client(http)
    .build()
    .unwrap();
    let started = Instant::now();
    client.verify_order_eac(1, 2, eac(Some("1"))).await.unwrap();
    assert!(
        started.elapsed() >= Duration::from_millis(300),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(server.replaced_answers(), 0);
}

#[tokio::test]
async fn a_request_that_breaks_its_spec_is_answered_as_the_vendor_documents_bad_requests() {
    let server = start().await;
    let http = reqwest::Client::new();
    let url = format!("{}/campaigns/1/orders/2/verifyEac", server.url());
    let response = http
        .put(&url)
        .header("api-key", confirmspec::yandex_market::sandbox::API_KEY)
        .json(&json!({"code": 5}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 400);
    let violation = response.headers()["x-confirmspec-violation"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(violation.contains("request.body /code"), "{violation}");
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["errors"][0]["code"], "BAD_REQUEST");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("/code"),
        "{body}"
    );

    // No credentials at all: each vendor's documented 401, in its own shape.
    for (method, path, shape) in [
        (
            "POST",
            format!("/v3/billing/api/order/{ORDER}/payment-method-action/validate"),
            "/error/code",
        ),
        (
            "PUT",
            "/campaigns/1/orders/2/verifyEac".to_owned(),
            "/errors/0/code",
        ),
        (
            "POST",
            "/partner/merchant/confirm/pay".to_owned(),
            "/status/code",
        ),
    ] {
        let url = format!("{}{path}", server.url());
        let response = http
            .request(method.parse().unwrap(), &url)
            .json(&json!({}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), 401, "{path}");
        let body: Value = response.json().await.unwrap();
        assert!(
            body.pointer(shape).is_some_and(Value::is_string),
            "{path}: {body}"
        );
    }

    // Nothing documents the path: the mock's own 404, as problem details.
    let response = http
        .get(format!("{}/nowhere", server.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 404);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );

    // Reset forgets every code.
    let (before, _) = code(&server, "yandex-market", "9").await;
    let reset = http
        .post(format!("{}/__mock/reset", server.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(reset.status().as_u16(), 204);
    let response = http
        .get(format!("{}/__mock/codes/via/trx_none", server.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 404);
    // The same seed gives the same first code again.
    assert_eq!(code(&server, "yandex-market", "9").await.0, before);
}

#[tokio::test]
async fn another_spec_is_served_statelessly_from_its_examples_and_schemas() {
    let petstore = Spec::load(std::path::Path::new(
        "../shared/corpus/petstore/petstore1.oas3.0.1.json",
    ))
    .unwrap();
    let server = confirmspec::mock::sandbox()
        .spec(petstore.clone())
        .start("127.0.0.1:0".parse().unwrap())
        .await
        .unwrap();
    let validator = Validator::new(vec![petstore], Options::default()).unwrap();
    let http = reqwest::Client::new();
    let mut checked = 0;
    for path in [
        "/v2/pet/7",
        "/v2/store/inventory",
        "/v2/user/alice",
        "/v2/pet/findByStatus?status=sold",
    ] {
        let url = format!("{}{path}", server.url());
        let response = http
            .get(&url)
            .header("api_key", "k")
            .header("authorization", "Bearer t")
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        let body = response.bytes().await.unwrap();
        let exchange = confirmspec_validator::Exchange {
            request: confirmspec_validator::Request {
                method: "GET".into(),
                url,
                headers: vec![
                    ("api_key".into(), "k".into()),
                    ("authorization".into(), "Bearer t".into()),
                ],
                body: None,
                unrecorded: None,
            },
            response: Some(confirmspec_validator::Response {
                status,
                headers: vec![("content-type".into(), "application/json".into())],
                body: Some(body.to_vec()),
                unrecorded: None,
            }),
        };
        let report = validator.validate(&exchange);
        assert!(
            report.violations.iter().all(|v| !v.location.in_response()),
            "{path}: {:?}",
            report.violations
        );
        assert!((200..300).contains(&status), "{path}: {status}");
        checked += 1;
    }
    assert_eq!(checked, 4);
    assert_eq!(server.replaced_answers(), 0);
}

#[tokio::test]
async fn a_long_randomised_run_records_only_conforming_exchanges() {
    let dir = std::env::temp_dir().join(format!("confirmspec-mock-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let har = dir.join("run.har");
    let server = confirmspec::mock::sandbox()
        .seed(3)
        .record(&har)
        .start("127.0.0.1:0".parse().unwrap())
        .await
        .unwrap();
    let invoicebox = invoicebox_client(&server, confirmspec::invoicebox::sandbox::TOKEN);
    let market = market(
        &server,
        yandex_market::Auth::ApiKey(confirmspec::yandex_market::sandbox::API_KEY.into()),
    );
    let via = via_client(&server, confirmspec::via::sandbox::CLIENT_SECRET);
    let mut rng = fastrand::Rng::with_seed(20261126);
    let orders: Vec<uuid::Uuid> = (0..5)
        .map(|i| {
            format!("01771534-1a57-f184-dee3-ebeb91dded7{i}")
                .parse()
                .unwrap()
        })
        .collect();
    let mut verify_ids: Vec<String> = Vec::new();
    let mut public_codes: std::collections::HashMap<uuid::Uuid, String> = Default::default();
    let mut calls = 0;
    for step in 0..400 {
        let order = orders[rng.usize(..orders.len())];
        let wrong = rng.bool();
        match rng.u8(..6) {
            0 => {
                let _ = invoicebox
                    .validate(order, invoicebox::types::ValidateRequest(code_request()))
                    .await;
            }
            1 => {
                if let Ok(sent) = invoicebox.send_code(order, code_request()).await {
                    public_codes.insert(order, sent.data.result_data.public_code);
                }
            }
            2 => {
                let (code, _) =
                    match reqwest::get(format!("{}/__mock/codes/invoicebox/{order}", server.url()))
                        .await
                        .unwrap()
                        .json::<Value>()
                        .await
                    {
                        Ok(view) if view["code"].is_string() => {
                            (view["code"].as_str().unwrap().to_owned(), 0)
                        }
                        _ => ("none".to_owned(), 0),
                    };
                let code = if wrong { "wrong".to_owned() } else { code };
                let public = public_codes.get(&order).map_or("none", String::as_str);
                let _ = invoicebox.pay(order, pay_request(public, &code)).await;
            }
            3 => {
                let id = rng.i64(1..6);
                let (code, _) = code(&server, "yandex-market", &id.to_string()).await;
                let code = if wrong { "wrong".to_owned() } else { code };
                let _ = market
                    .verify_order_eac(rng.u64(0..3), id, eac(Some(&code)))
                    .await;
            }
            4 => {
                if let Ok(started) = via
                    .confirm_pay(payment(&format!("run-{step}-{}", rng.u8(..2))))
                    .await
                {
                    verify_ids.push(started.verify_id.unwrap());
                }
            }
            _ => {
                let id = if verify_ids.is_empty() || rng.u8(..10) == 0 {
                    "trx_unknown".to_owned()
                } else {
                    verify_ids[rng.usize(..verify_ids.len())].clone()
                };
                let right = reqwest::get(format!("{}/__mock/codes/via/{id}", server.url()))
                    .await
                    .unwrap()
                    .json::<Value>()
                    .await
                    .ok()
                    .and_then(|v| v["code"].as_str().map(str::to_owned));
                let code = if wrong {
                    "wrong".to_owned()
                } else {
                    right.unwrap_or_else(|| "none".into())
                };
                let _ = via.confirm_pay_verify(verify(&id, &code)).await;
            }
        }
        calls += 1;
    }
    assert_eq!(server.replaced_answers(), 0);
    server.stop().await.unwrap();

    let validator = Validator::new(confirmspec::bundled_specs(), Options::default()).unwrap();
    let capture = std::fs::read(&har).unwrap();
    let mut exchanges = 0;
    let mut statuses = std::collections::BTreeSet::new();
    confirmspec_validator::read("run.har", &capture, |index, entry| {
        let exchange = entry.unwrap_or_else(|e| panic!("entry {index}: {e}"));
        statuses.insert(exchange.response.as_ref().unwrap().status);
        let report = validator.validate(&exchange);
        assert!(
            report.violations.is_empty(),
            "{} {}: {:?}",
            exchange.request.method,
            exchange.request.url,
            report.violations
        );
        exchanges += 1;
    });
    assert_eq!(
        exchanges, calls,
        "every call is recorded, the mock's own endpoints are not"
    );
    assert!(
        statuses.contains(&200) && statuses.contains(&404) && statuses.contains(&400),
        "{statuses:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
