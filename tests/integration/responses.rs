//! Full responses against a real HTTP server on 127.0.0.1: the `_full` methods give the status,
//! the headers and the vendor's request id beside the typed body, and a failed call's error
//! carries the request id (from the default headers, or the one the builder names).

use confirmspec::clients::{BuildError, REQUEST_ID_HEADERS};
use confirmspec::{invoicebox, via, yandex_market};
use serde_json::json;
use wiremock::{MockServer, ResponseTemplate};

use crate::clients::serve;

const VERIFY: &str = "/partner/merchant/confirm/pay/verify";
const EAC: &str = "/campaigns/21004300/orders/4568001/verifyEac";
const ORDER: &str = "01771534-1a57-f184-dee3-ebeb91dded75";

fn via_client(server: &MockServer) -> via::Client {
    via::Client::builder("system", "system123")
        .base_url(server.uri())
        .build()
        .unwrap()
}

fn verify_body() -> via::types::ConfirmPayVerifyRequest {
    via::types::ConfirmPayVerifyRequest {
        verify_id: "trx_2VQGS1Eeu4DNsfuKxbFO1vftNy4".into(),
        verify_code: "005646".into(),
    }
}

fn eac_body() -> yandex_market::types::VerifyOrderEacRequest {
    yandex_market::types::VerifyOrderEacRequest {
        code: Some("1234".into()),
    }
}

#[tokio::test]
async fn a_full_response_has_status_headers_request_id_and_the_typed_body() {
    let server = MockServer::start().await;
    serve(
        &server,
        "POST",
        VERIFY,
        ResponseTemplate::new(200)
            .insert_header("X-Request-Id", "req-7f3a")
            .insert_header("X-Vendor-Note", "sandbox")
            .set_body_json(json!({"status": "SUCCESS", "amount": 500000})),
    )
    .await;
    let full = via_client(&server)
        .confirm_pay_verify_full(verify_body())
        .await
        .unwrap();
    assert_eq!(full.status().as_u16(), 200);
    assert_eq!(full.request_id(), Some("req-7f3a"));
    assert_eq!(full.headers()["x-vendor-note"], "sandbox");
    assert_eq!(full.body().amount, Some(500_000));
    let shown = format!("{full:?}");
    assert!(shown.contains("req-7f3a"), "{shown}");
    assert!(
        !shown.contains("sandbox") && !shown.contains("500000"),
        "{shown}"
    );
    assert_eq!(
        full.into_body().status,
        Some(via::types::TransactionStatus::Success)
    );
}

#[tokio::test]
async fn each_default_header_names_the_request_id_and_none_means_none() {
    for name in REQUEST_ID_HEADERS {
        let server = MockServer::start().await;
        serve(
            &server,
            "PUT",
            EAC,
            ResponseTemplate::new(200)
                .insert_header(name, "id-1")
                .set_body_json(json!({"status": "OK"})),
        )
        .await;
        let client = yandex_market::Client::builder(yandex_market::Auth::ApiKey("k".into()))
            .base_url(server.uri())
            .build()
            .unwrap();
        let full = client
            .verify_order_eac_full(21_004_300, 4_568_001, eac_body())
            .await
            .unwrap();
        assert_eq!(full.request_id(), Some("id-1"), "{name}");
    }

    let server = MockServer::start().await;
    serve(
        &server,
        "POST",
        VERIFY,
        ResponseTemplate::new(200).set_body_json(json!({"status": "SUCCESS"})),
    )
    .await;
    let full = via_client(&server)
        .confirm_pay_verify_full(verify_body())
        .await
        .unwrap();
    assert_eq!(full.request_id(), None);
}

#[tokio::test]
async fn errors_carry_the_request_id_of_their_response() {
    let server = MockServer::start().await;
    let invoicebox_route = format!("/v3/billing/api/order/{ORDER}/payment-method-action/pay");
    serve(
        &server,
        "POST",
        &invoicebox_route,
        ResponseTemplate::new(422)
            .insert_header("X-Request-Id", "req-422")
            .set_body_json(json!({"error": {"code": "validation_error", "message": "bad"}})),
    )
    .await;
    let client = invoicebox::Client::builder("token")
        .base_url(server.uri())
        .build()
        .unwrap();
    let pay = invoicebox::types::PayRequest::builder()
        .payment_method_id("39363265")
        .customer(
            invoicebox::types::Customer::builder().phone(Some("79611234567".parse().unwrap())),
        )
        .customer_payment_data(
            invoicebox::types::CustomerPaymentData::builder()
                .public_code("aaaaaaa123")
                .code("CONFIRM-4471"),
        )
        .try_into()
        .unwrap();
    let error = client
        .pay(ORDER.parse().unwrap(), pay)
        .await
        .expect_err("a 422");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(422));
    assert_eq!(error.request_id(), Some("req-422"));
    assert!(
        error.to_string().ends_with("(request id req-422)"),
        "{error}"
    );
    assert!(format!("{error:?}").contains("req-422"), "{error:?}");

    // A status the spec does not document, and a body that does not decode: the response is
    // gone from progenitor's error, the id is not.
    for (status, body, kind) in [
        (302, json!({}), "unexpected"),
        (200, json!({"result": {"attemptsLeft": "three"}}), "invalid"),
    ] {
        let server = MockServer::start().await;
        serve(
            &server,
            "PUT",
            EAC,
            ResponseTemplate::new(status)
                .insert_header("Request-Id", format!("req-{kind}"))
                .set_body_json(body),
        )
        .await;
        let client = yandex_market::Client::builder(yandex_market::Auth::ApiKey("k".into()))
            .base_url(server.uri())
            .build()
            .unwrap();
        let error = client
            .verify_order_eac(21_004_300, 4_568_001, eac_body())
            .await
            .expect_err(kind);
        assert_eq!(
            error.request_id(),
            Some(&*format!("req-{kind}")),
            "{error:?}"
        );
    }
}

#[tokio::test]
async fn the_builder_names_the_vendors_request_id_header() {
    let server = MockServer::start().await;
    serve(
        &server,
        "POST",
        VERIFY,
        ResponseTemplate::new(200)
            .insert_header("X-Request-Id", "a-common-one")
            .insert_header("X-Trace", "the-vendors-own")
            .set_body_json(json!({"status": "SUCCESS"})),
    )
    .await;
    let client = via::Client::builder("system", "system123")
        .base_url(server.uri())
        .request_id_header("X-Trace")
        .build()
        .unwrap();
    let full = client.confirm_pay_verify_full(verify_body()).await.unwrap();
    assert_eq!(full.request_id(), Some("the-vendors-own"));

    let error = via::Client::builder("system", "system123")
        .request_id_header("not a header")
        .build()
        .expect_err("an invalid header name");
    assert!(
        matches!(&error, BuildError::InvalidHeaderName { name } if name == "not a header"),
        "{error:?}"
    );
}
