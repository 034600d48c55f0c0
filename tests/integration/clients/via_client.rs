use super::*;
use via::types;

fn client(server: &MockServer) -> via::Client {
    via::Client::builder("system", VIA_SECRET)
        .base_url(server.uri())
        .build()
        .unwrap()
}

fn verify_request() -> types::ConfirmPayVerifyRequest {
    types::ConfirmPayVerifyRequest {
        verify_id: "trx_2VQGS1Eeu4DNsfuKxbFO1vftNy4".into(),
        verify_code: "005646".into(),
    }
}

fn pay_request() -> types::ConfirmPayRequest {
    types::ConfirmPayRequest {
        merchant_id: "mrt_2V4M5svbNoQ68tB0ul8LoLWJOZQ".into(),
        card: types::Card {
            pan: "8600123412341234".into(),
            expiry: "2712".into(),
        },
        external_id: "order-77".into(),
        amount: 100,
        currency: types::Currency::Uzs,
        note: None,
        accounts: [("account".to_owned(), "123123".to_owned())].into(),
    }
}

fn assert_via_headers(request: &Request) {
    assert_eq!(
        header_names(request),
        names(&[
            "accept",
            "client-id",
            "client-secret",
            "content-length",
            "content-type",
            "host",
            "user-agent"
        ])
    );
    assert_eq!(header(request, "client-id"), "system");
    assert_eq!(header(request, "client-secret"), VIA_SECRET);
}

#[tokio::test]
async fn the_envelope_with_status_200_is_the_vendors_error() {
    // VIA gives its errors no status (specs/README.md): 200 may carry the envelope.
    let server = MockServer::start().await;
    let envelope = json!({"status": {"code": "1234", "message": "Error while executing the request"},
        "error": {"path": "URL Path", "message": {"uz": "u", "ru": "r", "en": "e"}}});
    serve(
        &server,
        "POST",
        "/partner/merchant/confirm/pay/verify",
        ResponseTemplate::new(200).set_body_json(envelope),
    )
    .await;
    let error = client(&server)
        .confirm_pay_verify(verify_request())
        .await
        .unwrap_err();
    let via::Error::Api { status, body, .. } = &error else {
        panic!("{error:?}")
    };
    assert_eq!(status.as_u16(), 200);
    assert_eq!(
        body.status.as_ref().and_then(|s| s.code.as_deref()),
        Some("1234")
    );
    assert_eq!(
        error.to_string(),
        format!(
            "the server answered 200 OK with error code `1234`{}",
            reconcile(200)
        )
    );

    // A body that is neither still says so.
    let server = MockServer::start().await;
    serve(
        &server,
        "POST",
        "/partner/merchant/confirm/pay/verify",
        ResponseTemplate::new(200).set_body_json(json!({"status": 5})),
    )
    .await;
    let error = client(&server)
        .confirm_pay_verify(verify_request())
        .await
        .unwrap_err();
    assert!(matches!(error, via::Error::InvalidBody { .. }), "{error:?}");
}

#[tokio::test]
async fn confirm_pay_sends_the_card_and_returns_the_verify_id() {
    let server = MockServer::start().await;
    serve(
        &server,
        "POST",
        "/partner/merchant/confirm/pay",
        ResponseTemplate::new(200).set_body_json(json!({"verifyId": "trx_1"})),
    )
    .await;

    let answer = client(&server).confirm_pay(pay_request()).await.unwrap();

    assert_eq!(answer.verify_id.as_deref(), Some("trx_1"));
    let request = only_request(&server).await;
    assert_via_headers(&request);
    assert_eq!(
        body(&request),
        json!({"merchantId": "mrt_2V4M5svbNoQ68tB0ul8LoLWJOZQ", "card": {"pan": "8600123412341234", "expiry": "2712"},
               "externalId": "order-77", "amount": 100, "currency": "UZS", "accounts": {"account": "123123"}})
    );
}

#[tokio::test]
async fn confirm_pay_verify_sends_the_page_request_and_decodes_the_transaction() {
    let server = MockServer::start().await;
    let page_response = json!({
        "transactionId": "trx_2VQGS1Eeu4DNsfuKxbFO1vftNy4", "processingTransactionId": "010964369832",
        "merchantId": "mrt_2V4M5svbNoQ68tB0ul8LoLWJOZQ", "amount": 100, "createdAt": 1694760886762_i64,
        "status": "SUCCESS", "payedAt": 1694760902483_i64, "fee": 0, "feePercent": 0.0, "currency": "UZS",
        "epos": {"merchantId": "11111111111", "terminalId": "22222222"}});
    serve(
        &server,
        "POST",
        "/partner/merchant/confirm/pay/verify",
        ResponseTemplate::new(200).set_body_json(page_response),
    )
    .await;

    let transaction = client(&server)
        .confirm_pay_verify(verify_request())
        .await
        .unwrap();

    assert_eq!(transaction.status, Some(types::TransactionStatus::Success));
    assert_eq!(transaction.created_at, Some(1_694_760_886_762));
    assert_eq!(transaction.fee_percent, Some(0.0));
    assert_eq!(
        transaction.epos.unwrap().terminal_id.as_deref(),
        Some("22222222")
    );
    let request = only_request(&server).await;
    assert_via_headers(&request);
    assert_eq!(
        body(&request),
        json!({"verifyId": "trx_2VQGS1Eeu4DNsfuKxbFO1vftNy4", "verifyCode": "005646"})
    );
}

#[tokio::test]
async fn any_error_status_carries_the_envelope() {
    // VIA documents the envelope as `default`: every 4xx and 5xx decodes to it.
    for status in [400, 401, 404, 409, 500, 503] {
        for operation in ["pay", "verify"] {
            let server = MockServer::start().await;
            let page_error = json!({"status": {"code": "1234", "message": "Error while executing the request"},
                "error": {"path": "URL Path", "message": {"uz": "Xato", "ru": "Ошибка", "en": "Error for card 8600123412341234"}}});
            let route = if operation == "pay" {
                "/partner/merchant/confirm/pay"
            } else {
                "/partner/merchant/confirm/pay/verify"
            };
            serve(
                &server,
                "POST",
                route,
                ResponseTemplate::new(status).set_body_json(page_error),
            )
            .await;
            let client = client(&server);

            let error = if operation == "pay" {
                client
                    .confirm_pay(pay_request())
                    .await
                    .map(|_| ())
                    .unwrap_err()
            } else {
                client
                    .confirm_pay_verify(verify_request())
                    .await
                    .map(|_| ())
                    .unwrap_err()
            };

            let Error::Api {
                status: got, body, ..
            } = &error
            else {
                panic!("{status}: {error:?}")
            };
            assert_eq!(got.as_u16(), status);
            assert_eq!(
                body.error
                    .as_ref()
                    .unwrap()
                    .message
                    .as_ref()
                    .unwrap()
                    .ru
                    .as_deref(),
                Some("Ошибка")
            );
            assert!(
                error.to_string().ends_with(&format!(
                    "with error code `1234`{}",
                    reconcile(got.as_u16())
                )),
                "{error}"
            );
            assert_redacted(&error, &[VIA_SECRET, "005646", "8600123412341234", "2712"]);
        }
    }
}

#[tokio::test]
async fn a_status_outside_the_documented_ones_a_bad_body_and_a_timeout() {
    let server = MockServer::start().await;
    serve(
        &server,
        "POST",
        "/partner/merchant/confirm/pay/verify",
        ResponseTemplate::new(302),
    )
    .await;
    let error = client(&server)
        .confirm_pay_verify(verify_request())
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::UnexpectedStatus { status, .. } if status.as_u16() == 302),
        "{error:?}"
    );

    let server = MockServer::start().await;
    serve(
        &server,
        "POST",
        "/partner/merchant/confirm/pay/verify",
        ResponseTemplate::new(502).set_body_string("<html>Bad Gateway</html>"),
    )
    .await;
    let error = client(&server)
        .confirm_pay_verify(verify_request())
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::InvalidBody { detail, .. } if detail.category == "syntax"),
        "{error:?}"
    );
    assert_redacted(&error, &["Bad Gateway", VIA_SECRET]);

    let server = MockServer::start().await;
    serve(
        &server,
        "POST",
        "/partner/merchant/confirm/pay/verify",
        ResponseTemplate::new(200).set_delay(Duration::from_secs(5)),
    )
    .await;
    let slow = via::Client::builder("system", VIA_SECRET)
        .base_url(server.uri())
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let error = slow.confirm_pay_verify(verify_request()).await.unwrap_err();
    assert!(matches!(error, Error::Timeout), "{error:?}");
}

#[test]
fn debug_never_shows_the_secret_the_code_or_the_card() {
    let client = via::Client::builder("system", VIA_SECRET).build().unwrap();
    let shown = format!("{client:?} {:?} {:?}", verify_request(), pay_request());
    for secret in [VIA_SECRET, "005646", "8600123412341234", "2712"] {
        assert!(!shown.contains(secret), "`{secret}` in {shown}");
    }
}
