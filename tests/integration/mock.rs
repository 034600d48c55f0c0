//! `confirmspec mock` started in-process on 127.0.0.1, used through the generated clients as a
//! service's tests would: each vendor's flow (right code, wrong codes down to the limit,
//! repeats, unknown orders, missing and wrong credentials). What it serves besides the flows
//! is in `mock_serving.rs`.

use confirmspec::clients::{Error, Retry};
use confirmspec::mock::MockServer;
use confirmspec::{invoicebox, via, yandex_market};
use serde_json::Value;

pub(crate) const ORDER: &str = "01771534-1a57-f184-dee3-ebeb91dded75";

pub(crate) async fn start() -> MockServer {
    confirmspec::mock::sandbox()
        .seed(11)
        .start("127.0.0.1:0".parse().unwrap())
        .await
        .unwrap()
}

/// What `GET /__mock/codes/{vendor}/{key}` says: the code and the attempts left.
pub(crate) async fn code(server: &MockServer, vendor: &str, key: &str) -> (String, u64) {
    let url = format!("{}/__mock/codes/{vendor}/{key}", server.url());
    let view: Value = reqwest::get(&url).await.unwrap().json().await.unwrap();
    (
        view["code"].as_str().unwrap().to_owned(),
        view["attemptsLeft"].as_u64().unwrap(),
    )
}

/// A `reqwest::Client` that sends `Prefer` on every request.
pub(crate) fn preferring(prefer: &str) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("prefer", prefer.parse().unwrap());
    reqwest::Client::builder()
        .default_headers(headers)
        .build()
        .unwrap()
}

pub(crate) fn invoicebox_client(server: &MockServer, token: &str) -> invoicebox::Client {
    invoicebox::Client::builder(token)
        .base_url(server.url())
        .user_agent("MockTest/1.0")
        .retry(Retry::off())
        .rate_limit(None)
        .build()
        .unwrap()
}

pub(crate) fn customer() -> invoicebox::types::Customer {
    invoicebox::types::Customer::builder()
        .phone(Some("79611234567".parse().unwrap()))
        .try_into()
        .unwrap()
}

pub(crate) fn code_request() -> invoicebox::types::CodeRequest {
    invoicebox::types::CodeRequest::builder()
        .payment_method_id("39363265")
        .customer(customer())
        .try_into()
        .unwrap()
}

pub(crate) fn pay_request(public_code: &str, code: &str) -> invoicebox::types::PayRequest {
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

pub(crate) fn pay_result(
    response: invoicebox::types::PayResponse,
) -> invoicebox::types::PayResultStatus {
    match response.data {
        invoicebox::types::PayResult::None(none) => none.result,
        invoicebox::types::PayResult::Message(message) => message.result,
    }
}

#[tokio::test]
async fn invoicebox_validate_send_code_and_pay_down_to_the_limit() {
    use invoicebox::types::{CodeResultResult, PayResultStatus, ValidateResultResult};
    let server = start().await;
    let client = invoicebox_client(&server, confirmspec::invoicebox::sandbox::TOKEN);
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
        i64::from(confirmspec::invoicebox::sandbox::SENDS - 1)
    );
    let public = sent.data.result_data.public_code.clone();
    let (right, left) = code(&server, "invoicebox", ORDER).await;
    assert_eq!(left, u64::from(confirmspec::invoicebox::sandbox::ATTEMPTS));

    // Wrong codes: one attempt fewer each, then the limit, which even the right code meets.
    for expected_left in (0..confirmspec::invoicebox::sandbox::ATTEMPTS).rev() {
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
    let client = invoicebox_client(&server, confirmspec::invoicebox::sandbox::TOKEN);
    let order = ORDER.parse().unwrap();
    for _ in 0..confirmspec::invoicebox::sandbox::SENDS {
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

pub(crate) fn market(server: &MockServer, auth: yandex_market::Auth) -> yandex_market::Client {
    yandex_market::Client::builder(auth)
        .base_url(server.url())
        .retry(Retry::off())
        .build()
        .unwrap()
}

pub(crate) fn eac(code: Option<&str>) -> yandex_market::types::VerifyOrderEacRequest {
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
        yandex_market::Auth::ApiKey(confirmspec::yandex_market::sandbox::API_KEY.into()),
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
    assert_eq!(
        left,
        u64::from(confirmspec::yandex_market::sandbox::ATTEMPTS)
    );
    for expected in (1..confirmspec::yandex_market::sandbox::ATTEMPTS).rev() {
        assert_eq!(
            check("0".into()).await,
            (Status::Rejected, Some(expected as i32))
        );
    }
    assert_eq!(check("0".into()).await.0, Status::NeedUpdate);
    let (renewed, left) = code(&server, "yandex-market", "4568001").await;
    assert_eq!(
        left,
        u64::from(confirmspec::yandex_market::sandbox::ATTEMPTS)
    );
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
        yandex_market::Auth::OAuth(confirmspec::yandex_market::sandbox::OAUTH_TOKEN.into()),
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

pub(crate) fn via_client(server: &MockServer, secret: &str) -> via::Client {
    via::Client::builder(confirmspec::via::sandbox::CLIENT_ID, secret)
        .base_url(server.url())
        .retry(Retry::off())
        .build()
        .unwrap()
}

pub(crate) fn payment(external_id: &str) -> via::types::ConfirmPayRequest {
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

pub(crate) fn verify(verify_id: &str, code: &str) -> via::types::ConfirmPayVerifyRequest {
    via::types::ConfirmPayVerifyRequest {
        verify_id: verify_id.into(),
        verify_code: code.into(),
    }
}

pub(crate) fn envelope_code(error: &via::Error) -> Option<String> {
    error.body()?.status.as_ref()?.code.clone()
}

#[tokio::test]
async fn via_pays_with_the_sms_code_once() {
    let server = start().await;
    let client = via_client(&server, confirmspec::via::sandbox::CLIENT_SECRET);
    let started = client.confirm_pay(payment("order-1")).await.unwrap();
    let verify_id = started.verify_id.unwrap();
    let (right, left) = code(&server, "via", &verify_id).await;
    assert_eq!(left, u64::from(confirmspec::via::sandbox::ATTEMPTS));

    let error = client
        .confirm_pay_verify(verify(&verify_id, "000000x"))
        .await
        .unwrap_err();
    assert_eq!(
        error.status().map(|s| s.as_u16()),
        Some(confirmspec::via::sandbox::ERROR_STATUS)
    );
    assert_eq!(envelope_code(&error).as_deref(), Some("WRONG_CODE"));
    assert_eq!(
        code(&server, "via", &verify_id).await.1,
        u64::from(confirmspec::via::sandbox::ATTEMPTS - 1)
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
    for _ in 0..confirmspec::via::sandbox::ATTEMPTS {
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
