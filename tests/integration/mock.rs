//! `confirmspec mock` started in-process on 127.0.0.1, used through the generated clients as a
//! service's tests would: each vendor's flow (right code, wrong codes down to the limit,
//! repeats, unknown orders, missing and wrong credentials), each documented status through
//! `Prefer: code=`, a delay, another spec served statelessly, and a long randomised run whose
//! recording validates with no violation.

use std::time::{Duration, Instant};

use confirmspec::clients::{Error, FullResponse, Retry};
use confirmspec::mock::{self, Mock, MockServer};
use confirmspec::{Options, Spec, Validator, invoicebox, via, yandex_market};
use serde_json::{Value, json};

const ORDER: &str = "01771534-1a57-f184-dee3-ebeb91dded75";

async fn start() -> MockServer {
    Mock::new()
        .seed(11)
        .start("127.0.0.1:0".parse().unwrap())
        .await
        .unwrap()
}

/// What `GET /__mock/codes/{vendor}/{key}` says: the code and the attempts left.
async fn code(server: &MockServer, vendor: &str, key: &str) -> (String, u64) {
    let url = format!("{}/__mock/codes/{vendor}/{key}", server.url());
    let view: Value = reqwest::get(&url).await.unwrap().json().await.unwrap();
    (
        view["code"].as_str().unwrap().to_owned(),
        view["attemptsLeft"].as_u64().unwrap(),
    )
}

/// A `reqwest::Client` that sends `Prefer` on every request.
fn preferring(prefer: &str) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("prefer", prefer.parse().unwrap());
    reqwest::Client::builder()
        .default_headers(headers)
        .build()
        .unwrap()
}

fn invoicebox_client(server: &MockServer, token: &str) -> invoicebox::Client {
    invoicebox::Client::builder(token)
        .base_url(server.url())
        .user_agent("MockTest/1.0")
        .retry(Retry::off())
        .rate_limit(None)
        .build()
        .unwrap()
}

fn customer() -> invoicebox::types::Customer {
    invoicebox::types::Customer::builder()
        .phone(Some("79611234567".parse().unwrap()))
        .try_into()
        .unwrap()
}

fn code_request() -> invoicebox::types::CodeRequest {
    invoicebox::types::CodeRequest::builder()
        .payment_method_id("39363265")
        .customer(customer())
        .try_into()
        .unwrap()
}

fn pay_request(public_code: &str, code: &str) -> invoicebox::types::PayRequest {
    invoicebox::types::PayRequest::builder()
        .payment_method_id("39363265")
        .customer(customer())
        .customer_payment_data(invoicebox::types::CustomerPaymentData {
            public_code: public_code.into(),
            code: code.into(),
        })
        .try_into()
        .unwrap()
}

fn pay_result(response: invoicebox::types::PayResponse) -> invoicebox::types::PayResultStatus {
    match response.data {
        invoicebox::types::PayResult::None(none) => none.result,
        invoicebox::types::PayResult::Message(message) => message.result,
    }
}

#[tokio::test]
async fn invoicebox_validate_send_code_and_pay_down_to_the_limit() {
    use invoicebox::types::{CodeResultResult, PayResultStatus, ValidateResultResult};
    let server = start().await;
    let client = invoicebox_client(&server, mock::INVOICEBOX_TOKEN);
    let order = ORDER.parse().unwrap();

    let valid = client
        .validate(order, invoicebox::types::ValidateRequest(code_request()))
        .await
        .unwrap();
    assert_eq!(valid.data.result, ValidateResultResult::Available);

    // Paying before any code was sent: the order is unknown.
    let error = client.pay(order, pay_request("x", "1")).await.unwrap_err();
    assert!(
        matches!(&error, Error::Api { status, .. } if status.as_u16() == 404),
        "{error:?}"
    );

    let sent = client.send_code(order, code_request()).await.unwrap();
    assert_eq!(sent.data.result, CodeResultResult::Success);
    assert_eq!(
        sent.data.result_data.left_attempt,
        i64::from(mock::rules::INVOICEBOX_SENDS - 1)
    );
    let public = sent.data.result_data.public_code.clone();
    let (right, left) = code(&server, "invoicebox", ORDER).await;
    assert_eq!(left, u64::from(mock::rules::INVOICEBOX_ATTEMPTS));

    // Wrong codes: one attempt fewer each, then the limit, which even the right code meets.
    for expected_left in (0..mock::rules::INVOICEBOX_ATTEMPTS).rev() {
        let result = pay_result(
            client
                .pay(order, pay_request(&public, "000000x"))
                .await
                .unwrap(),
        );
        let expected = if expected_left == 0 {
            PayResultStatus::LimitReached
        } else {
            PayResultStatus::WrongCode
        };
        assert_eq!(result, expected);
        assert_eq!(
            code(&server, "invoicebox", ORDER).await.1,
            u64::from(expected_left)
        );
    }
    let result = pay_result(
        client
            .pay(order, pay_request(&public, &right))
            .await
            .unwrap(),
    );
    assert_eq!(result, PayResultStatus::LimitReached);

    // A new code, the right one, then paying twice.
    let sent = client.send_code(order, code_request()).await.unwrap();
    let public = sent.data.result_data.public_code.clone();
    let (right, _) = code(&server, "invoicebox", ORDER).await;
    let result = pay_result(
        client
            .pay(order, pay_request(&public, &right))
            .await
            .unwrap(),
    );
    assert_eq!(result, PayResultStatus::Success);
    let result = pay_result(
        client
            .pay(order, pay_request(&public, &right))
            .await
            .unwrap(),
    );
    assert_eq!(result, PayResultStatus::AlreadyPaid);

    // Missing and wrong credentials: the documented 401.
    let error = invoicebox_client(&server, "wrong-token")
        .validate(order, invoicebox::types::ValidateRequest(code_request()))
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::Api { status, body, .. } if status.as_u16() == 401 && body.error.code.as_deref() == Some("unauthorized")),
        "{error:?}"
    );
    assert_eq!(server.replaced_answers(), 0);
}

#[tokio::test]
async fn invoicebox_sends_a_limited_number_of_codes() {
    let server = start().await;
    let client = invoicebox_client(&server, mock::INVOICEBOX_TOKEN);
    let order = ORDER.parse().unwrap();
    for _ in 0..mock::rules::INVOICEBOX_SENDS {
        let sent = client.send_code(order, code_request()).await.unwrap();
        assert_eq!(
            sent.data.result,
            invoicebox::types::CodeResultResult::Success
        );
    }
    let sent = client.send_code(order, code_request()).await.unwrap();
    assert_eq!(
        sent.data.result,
        invoicebox::types::CodeResultResult::CodeAlreadySent
    );
    assert_eq!(sent.data.result_data.left_attempt, 0);
}

fn market(server: &MockServer, auth: yandex_market::Auth) -> yandex_market::Client {
    yandex_market::Client::builder(auth)
        .base_url(server.url())
        .retry(Retry::off())
        .build()
        .unwrap()
}

fn eac(code: Option<&str>) -> yandex_market::types::VerifyOrderEacRequest {
    yandex_market::types::VerifyOrderEacRequest {
        code: code.map(Into::into),
    }
}

#[tokio::test]
async fn yandex_market_rejects_wrong_codes_then_renews_the_code() {
    use yandex_market::types::EacVerificationStatusType as Status;
    let server = start().await;
    let client = market(
        &server,
        yandex_market::Auth::ApiKey(mock::YANDEX_MARKET_API_KEY.into()),
    );
    let check = |code: String| {
        let client = client.clone();
        async move {
            let answer = client
                .verify_order_eac(21_004_300, 4_568_001, eac(Some(&code)))
                .await
                .unwrap();
            let result = answer.result.unwrap();
            (result.verification_result.unwrap(), result.attempts_left)
        }
    };
    // The order's code is made on first sight.
    let (first, left) = code(&server, "yandex-market", "4568001").await;
    assert_eq!(left, u64::from(mock::rules::YANDEX_MARKET_ATTEMPTS));
    for expected in (1..mock::rules::YANDEX_MARKET_ATTEMPTS).rev() {
        assert_eq!(
            check("0".into()).await,
            (Status::Rejected, Some(expected as i32))
        );
    }
    assert_eq!(check("0".into()).await.0, Status::NeedUpdate);
    let (renewed, left) = code(&server, "yandex-market", "4568001").await;
    assert_eq!(left, u64::from(mock::rules::YANDEX_MARKET_ATTEMPTS));
    assert_ne!(renewed, first);
    assert_eq!(check(first).await.0, Status::Rejected);
    assert_eq!(check(renewed.clone()).await.0, Status::Accepted);
    assert_eq!(
        check(renewed).await.0,
        Status::Accepted,
        "a repeat of the right code"
    );

    // No code: the documented 400. OAuth works; a wrong key is the documented 401.
    let error = client
        .verify_order_eac(21_004_300, 4_568_001, eac(None))
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::Api { status, .. } if status.as_u16() == 400),
        "{error:?}"
    );
    let oauth = market(
        &server,
        yandex_market::Auth::OAuth(mock::YANDEX_MARKET_OAUTH_TOKEN.into()),
    );
    let (code_now, _) = code(&server, "yandex-market", "7").await;
    let answer = oauth
        .verify_order_eac(1, 7, eac(Some(&code_now)))
        .await
        .unwrap();
    assert_eq!(
        answer.result.unwrap().verification_result,
        Some(Status::Accepted)
    );
    let wrong = market(&server, yandex_market::Auth::ApiKey("wrong-key".into()));
    let error = wrong
        .verify_order_eac(1, 7, eac(Some("1")))
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::Api { status, .. } if status.as_u16() == 401),
        "{error:?}"
    );
    assert_eq!(server.replaced_answers(), 0);
}

fn via_client(server: &MockServer, secret: &str) -> via::Client {
    via::Client::builder(mock::VIA_CLIENT_ID, secret)
        .base_url(server.url())
        .retry(Retry::off())
        .build()
        .unwrap()
}

fn payment(external_id: &str) -> via::types::ConfirmPayRequest {
    via::types::ConfirmPayRequest {
        merchant_id: "mrt_2V4M5svbNoQ68tB0ul8LoLWJOZQ".into(),
        card: via::types::Card {
            pan: "8600123412341234".into(),
            expiry: "2712".into(),
        },
        external_id: external_id.into(),
        amount: 5_000_000,
        currency: via::types::Currency::Uzs,
        note: None,
        accounts: [("account".to_owned(), "123123".to_owned())].into(),
    }
}

fn verify(verify_id: &str, code: &str) -> via::types::ConfirmPayVerifyRequest {
    via::types::ConfirmPayVerifyRequest {
        verify_id: verify_id.into(),
        verify_code: code.into(),
    }
}

fn envelope_code(error: &via::Error) -> Option<String> {
    error.body()?.status.as_ref()?.code.clone()
}

#[tokio::test]
async fn via_pays_with_the_sms_code_once() {
    let server = start().await;
    let client = via_client(&server, mock::VIA_CLIENT_SECRET);
    let started = client.confirm_pay(payment("order-1")).await.unwrap();
    let verify_id = started.verify_id.unwrap();
    let (right, left) = code(&server, "via", &verify_id).await;
    assert_eq!(left, u64::from(mock::rules::VIA_ATTEMPTS));

    let error = client
        .confirm_pay_verify(verify(&verify_id, "000000x"))
        .await
        .unwrap_err();
    assert_eq!(
        error.status().map(|s| s.as_u16()),
        Some(mock::rules::VIA_ERROR_STATUS)
    );
    assert_eq!(envelope_code(&error).as_deref(), Some("WRONG_CODE"));
    assert_eq!(
        code(&server, "via", &verify_id).await.1,
        u64::from(mock::rules::VIA_ATTEMPTS - 1)
    );

    let transaction = client
        .confirm_pay_verify(verify(&verify_id, &right))
        .await
        .unwrap();
    assert_eq!(
        transaction.status,
        Some(via::types::TransactionStatus::Success)
    );
    assert_eq!(transaction.amount, Some(5_000_000));
    assert_eq!(
        transaction.transaction_id.as_deref(),
        Some(verify_id.as_str())
    );

    // Good once; unknown ids; the same externalId again; wrong credentials.
    let error = client
        .confirm_pay_verify(verify(&verify_id, &right))
        .await
        .unwrap_err();
    assert_eq!(envelope_code(&error).as_deref(), Some("USED"));
    let error = client
        .confirm_pay_verify(verify("trx_unknown", &right))
        .await
        .unwrap_err();
    assert_eq!(envelope_code(&error).as_deref(), Some("NOT_FOUND"));
    let error = client.confirm_pay(payment("order-1")).await.unwrap_err();
    assert_eq!(envelope_code(&error).as_deref(), Some("DUPLICATE"));
    let error = via_client(&server, "wrong-secret")
        .confirm_pay(payment("order-2"))
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(401));

    // Wrong codes down to the limit spend the verifyId.
    let verify_id = client
        .confirm_pay(payment("order-3"))
        .await
        .unwrap()
        .verify_id
        .unwrap();
    let (right, _) = code(&server, "via", &verify_id).await;
    for _ in 0..mock::rules::VIA_ATTEMPTS {
        client
            .confirm_pay_verify(verify(&verify_id, "000000x"))
            .await
            .unwrap_err();
    }
    let error = client
        .confirm_pay_verify(verify(&verify_id, &right))
        .await
        .unwrap_err();
    assert_eq!(envelope_code(&error).as_deref(), Some("USED"));
    assert_eq!(server.replaced_answers(), 0);
}

/// A status an operation documents, as a number: itself, or one its range or `default` covers.
fn sample(status: &str) -> u16 {
    match status {
        "default" => 503,
        range if range.ends_with("XX") || range.ends_with("xx") => {
            range[..1].parse::<u16>().unwrap() * 100 + 18
        }
        exact => exact.parse().unwrap(),
    }
}

/// A call's status: `Ok` for a success, `Err` with the status an error carries.
fn outcome<T, E>(result: Result<FullResponse<T>, Error<E>>) -> Result<u16, Option<u16>> {
    result
        .map(|r| r.status().as_u16())
        .map_err(|e| e.status().map(|s| s.as_u16()))
}

#[tokio::test]
async fn prefer_code_answers_each_documented_status_of_each_operation() {
    let server = start().await;
    let validator = Validator::bundled(Options::default()).unwrap();
    let order = ORDER.parse().unwrap();
    let mut seen = 0;
    for operation in validator.operations() {
        for status in operation.statuses {
            let status = sample(status);
            let http = preferring(&format!("code={status}"));
            let invoicebox = invoicebox::Client::builder(mock::INVOICEBOX_TOKEN)
                .base_url(server.url())
                .http_client(http.clone())
                .retry(Retry::off())
                .build()
                .unwrap();
            let key = yandex_market::Auth::ApiKey(mock::YANDEX_MARKET_API_KEY.into());
            let market = yandex_market::Client::builder(key)
                .base_url(server.url())
                .http_client(http.clone())
                .retry(Retry::off())
                .build()
                .unwrap();
            let via = via::Client::builder(mock::VIA_CLIENT_ID, mock::VIA_CLIENT_SECRET)
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
        mock::YANDEX_MARKET_API_KEY.into(),
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
        .header("api-key", mock::YANDEX_MARKET_API_KEY)
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
    let server = Mock::new()
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
        let exchange = confirmspec::Exchange {
            request: confirmspec::Request {
                method: "GET".into(),
                url,
                headers: vec![
                    ("api_key".into(), "k".into()),
                    ("authorization".into(), "Bearer t".into()),
                ],
                body: None,
                unrecorded: None,
            },
            response: Some(confirmspec::Response {
                status,
                headers: vec![("content-type".into(), "application/json".into())],
                body: Some(body.to_vec()),
                unrecorded: None,
            }),
        };
        let report = validator.validate(&exchange);
        assert!(
            report
                .violations
                .iter()
                .all(|v| !v.location.starts_with("response")),
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
    let server = Mock::new()
        .seed(3)
        .record(&har)
        .start("127.0.0.1:0".parse().unwrap())
        .await
        .unwrap();
    let invoicebox = invoicebox_client(&server, mock::INVOICEBOX_TOKEN);
    let market = market(
        &server,
        yandex_market::Auth::ApiKey(mock::YANDEX_MARKET_API_KEY.into()),
    );
    let via = via_client(&server, mock::VIA_CLIENT_SECRET);
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

    let validator = Validator::bundled(Options::default()).unwrap();
    let capture = std::fs::read(&har).unwrap();
    let mut exchanges = 0;
    let mut statuses = std::collections::BTreeSet::new();
    confirmspec::read("run.har", &capture, |index, entry| {
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

/// The path of an example program that `cargo test` built beside this test binary.
fn example(name: &str) -> std::path::PathBuf {
    let exe = std::env::current_exe().unwrap();
    exe.parent()
        .unwrap()
        .parent()
        .unwrap()
        .join("examples")
        .join(name)
}

/// Runs an example against the mock: reads its output up to the line that asks for the code,
/// looks the code up as a test would (`key` picks the mock's key from that line), types it in.
async fn run_example(
    name: &str,
    env: &[(&str, String)],
    args: &[&str],
    vendor: &'static str,
    key: fn(&str) -> Option<String>,
    server: &MockServer,
) -> String {
    use std::io::{BufRead, BufReader, Write};
    use std::process::{Command, Stdio};
    let mut child = Command::new(example(name))
        .args(args)
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{}: {e}", example(name).display()));
    let stdout = child.stdout.take().unwrap();
    let (prompt, mut lines) = tokio::task::spawn_blocking(move || {
        let mut lines = BufReader::new(stdout).lines();
        let prompt = lines.next().expect("a prompt").unwrap();
        (prompt, lines)
    })
    .await
    .unwrap();
    let key = key(&prompt).unwrap_or_else(|| panic!("{name}: no key in {prompt:?}"));
    let (code, _) = code(server, vendor, &key).await;
    let mut stdin = child.stdin.take().unwrap();
    writeln!(stdin, "{code}").unwrap();
    drop(stdin);
    tokio::task::spawn_blocking(move || {
        let rest: Vec<String> = lines.by_ref().map(Result::unwrap).collect();
        let status = child.wait().unwrap();
        let mut stderr = String::new();
        std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
        assert!(status.success(), "{prompt}\n{rest:?}\n{stderr}");
        rest.join("\n")
    })
    .await
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_example_programs_run_a_whole_flow_against_the_mock() {
    let server = start().await;
    let out = run_example(
        "via",
        &[
            ("VIA_CLIENT_ID", mock::VIA_CLIENT_ID.to_owned()),
            ("VIA_CLIENT_SECRET", mock::VIA_CLIENT_SECRET.to_owned()),
            ("VIA_MERCHANT", "mrt_2V4M5svbNoQ68tB0ul8LoLWJOZQ".to_owned()),
            ("VIA_BASE_URL", server.url().to_owned()),
        ],
        &["8600123412341234", "2712", "500000"],
        "via",
        |prompt| {
            prompt
                .split_whitespace()
                .find(|w| w.starts_with("trx_"))
                .map(|w| w.trim_end_matches(';').to_owned())
        },
        &server,
    )
    .await;
    assert!(
        out.starts_with("Some(Success): transaction Some(\"trx_"),
        "{out}"
    );

    let out = run_example(
        "invoicebox",
        &[
            ("INVOICEBOX_TOKEN", mock::INVOICEBOX_TOKEN.to_owned()),
            ("INVOICEBOX_ORDER", ORDER.to_owned()),
            ("INVOICEBOX_BASE_URL", server.url().to_owned()),
        ],
        &[],
        "invoicebox",
        |_| Some(ORDER.to_owned()),
        &server,
    )
    .await;
    assert_eq!(out, "result: Success");
    assert_eq!(server.replaced_answers(), 0);
}

/// One HTTP/1.1 exchange over a plain socket: the status line and body of the answer.
fn exchange_raw(addr: &str, head: &str, body: &str) -> (String, String) {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "{head}\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let status = answer.lines().next().unwrap_or_default().to_owned();
    let body = answer
        .split_once("\r\n\r\n")
        .map_or("", |(_, b)| b)
        .to_owned();
    (status, body)
}

#[test]
fn the_command_serves_records_and_stops_on_sigterm() {
    use std::io::{BufRead, BufReader};
    let scratch = crate::cli::Scratch::new("mock");
    let har = scratch.0.join("mock.har");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_confirmspec"))
        .args(["mock", "--listen", "127.0.0.1:0", "--seed", "5", "--record"])
        .arg(&har)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    stderr.read_line(&mut line).unwrap();
    let addr = line
        .trim()
        .strip_prefix("confirmspec mock: listening on http://")
        .unwrap_or_else(|| panic!("{line:?}"))
        .to_owned();

    let (status, _) = exchange_raw(&addr, "GET /__mock/codes/yandex-market/42 HTTP/1.1", "");
    assert!(status.contains(" 200 "), "{status}");
    let (status, body) = exchange_raw(
        &addr,
        &format!(
            "PUT /campaigns/1/orders/42/verifyEac HTTP/1.1\r\nApi-Key: {}",
            mock::YANDEX_MARKET_API_KEY
        ),
        r#"{"code": "not-it"}"#,
    );
    assert!(status.contains(" 200 "), "{status}");
    assert!(body.contains("REJECTED"), "{body}");

    let killed = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut rest).unwrap();
    assert!(status.success(), "{status:?}: {rest}");
    assert!(rest.contains("stopped"), "{rest}");

    // The recording holds the one exchange with the vendor (not the mock's own endpoint), and
    // validates.
    let ran = crate::cli::run(
        crate::cli::confirmspec()
            .args(["validate", "--format", "json"])
            .arg(&har),
    );
    assert_eq!(ran.code, 0, "{}{}", ran.stdout, ran.stderr);
    let report = crate::cli::json(&ran);
    assert_eq!(report["summary"]["exchanges"], 1, "{report}");
}

#[cfg(target_os = "linux")]
#[tokio::test]
async fn a_recording_that_cannot_be_written_is_reported_when_the_mock_stops() {
    let server = Mock::new()
        .record("/dev/full")
        .start("127.0.0.1:0".parse().unwrap())
        .await
        .unwrap();
    // The call is still answered; the recording is what failed.
    let (code, _) = code(&server, "yandex-market", "1").await;
    market(
        &server,
        yandex_market::Auth::ApiKey(mock::YANDEX_MARKET_API_KEY.into()),
    )
    .verify_order_eac(1, 1, eac(Some(&code)))
    .await
    .unwrap();
    let error = server.stop().await.expect_err("the recording failed");
    assert!(
        error.to_string().contains("the recording stopped"),
        "{error}"
    );
}
