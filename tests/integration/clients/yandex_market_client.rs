use super::*;
use yandex_market::types;

const ROUTE: &str = "/campaigns/21004300/orders/4568001/verifyEac";

fn client(server: &MockServer, auth: yandex_market::Auth) -> yandex_market::Client {
    yandex_market::Client::builder(auth)
        .base_url(server.uri())
        .build()
        .unwrap()
}

fn request() -> types::VerifyOrderEacRequest {
    types::VerifyOrderEacRequest {
        code: Some(CODE.into()),
    }
}

#[tokio::test]
async fn verify_order_eac_puts_the_code_with_either_credential() {
    let credentials = [
        (
            yandex_market::Auth::ApiKey(YANDEX_KEY.into()),
            "api-key",
            YANDEX_KEY.to_owned(),
        ),
        (
            yandex_market::Auth::OAuth(TOKEN.into()),
            "authorization",
            format!("Bearer {TOKEN}"),
        ),
    ];
    for (auth, credential_header, credential) in credentials {
        let server = MockServer::start().await;
        let page_response = json!({"status": "OK", "result": {"verificationResult": "ACCEPTED", "attemptsLeft": 0}});
        serve(
            &server,
            "PUT",
            ROUTE,
            ResponseTemplate::new(200).set_body_json(page_response),
        )
        .await;

        let answer = client(&server, auth)
            .verify_order_eac(21_004_300, 4_568_001, request())
            .await
            .unwrap();

        assert_eq!(answer.status, Some(types::ApiResponseStatusType::Ok));
        let result = answer.result.unwrap();
        assert_eq!(
            result.verification_result,
            Some(types::EacVerificationStatusType::Accepted)
        );
        assert_eq!(result.attempts_left, Some(0));
        let request = only_request(&server).await;
        assert_eq!(request.method.as_str(), "PUT");
        assert_eq!(
            header_names(&request),
            names(&[
                "accept",
                credential_header,
                "content-length",
                "content-type",
                "host",
                "user-agent"
            ])
        );
        assert_eq!(header(&request, credential_header), credential);
        assert_eq!(body(&request), json!({"code": CODE}));
    }
}

#[tokio::test]
async fn every_documented_error_status_decodes_to_its_body() {
    for status in [400, 401, 403, 404, 420, 500] {
        let server = MockServer::start().await;
        let reply = json!({"status": "ERROR", "errors": [{"code": "BAD_REQUEST", "message": "code 1234 is wrong"}]});
        serve(
            &server,
            "PUT",
            ROUTE,
            ResponseTemplate::new(status).set_body_json(reply),
        )
        .await;

        let error = client(&server, yandex_market::Auth::ApiKey(YANDEX_KEY.into()))
            .verify_order_eac(21_004_300, 4_568_001, request())
            .await
            .unwrap_err();

        let Error::Api {
            status: got, body, ..
        } = &error
        else {
            panic!("{status}: {error:?}")
        };
        assert_eq!(got.as_u16(), status);
        assert_eq!(body.errors.as_ref().unwrap()[0].code, "BAD_REQUEST");
        assert!(
            error.to_string().ends_with(&format!(
                "with error code `BAD_REQUEST`{}",
                reconcile(status)
            )),
            "{error}"
        );
        assert_redacted(&error, &[YANDEX_KEY, CODE, "1234 is wrong"]);
    }
}

#[tokio::test]
async fn errors_null_decodes_and_an_undocumented_status_is_an_error() {
    let server = MockServer::start().await;
    serve(
        &server,
        "PUT",
        ROUTE,
        ResponseTemplate::new(404).set_body_json(json!({"status": "ERROR", "errors": null})),
    )
    .await;
    let error = client(&server, yandex_market::Auth::ApiKey(YANDEX_KEY.into()))
        .verify_order_eac(21_004_300, 4_568_001, request())
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::Api { body, .. } if body.errors.is_none()),
        "{error:?}"
    );
    assert_eq!(error.to_string(), "the server answered 404 Not Found");

    let server = MockServer::start().await;
    serve(&server, "PUT", ROUTE, ResponseTemplate::new(429)).await;
    let error = client(&server, yandex_market::Auth::ApiKey(YANDEX_KEY.into()))
        .verify_order_eac(21_004_300, 4_568_001, request())
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::UnexpectedStatus { status, .. } if status.as_u16() == 429),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_malformed_body_a_timeout_and_an_id_beyond_int64_are_clear_errors() {
    let server = MockServer::start().await;
    serve(
        &server,
        "PUT",
        ROUTE,
        ResponseTemplate::new(200).set_body_json(json!({"result": {"attemptsLeft": "three"}})),
    )
    .await;
    let error = client(&server, yandex_market::Auth::ApiKey(YANDEX_KEY.into()))
        .verify_order_eac(21_004_300, 4_568_001, request())
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::InvalidBody { detail, .. } if detail.category == "data"),
        "{error:?}"
    );
    assert_redacted(&error, &["three", YANDEX_KEY]);

    let server = MockServer::start().await;
    serve(
        &server,
        "PUT",
        ROUTE,
        ResponseTemplate::new(200).set_delay(Duration::from_secs(5)),
    )
    .await;
    let slow = yandex_market::Client::builder(yandex_market::Auth::ApiKey(YANDEX_KEY.into()))
        .base_url(server.uri())
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let error = slow
        .verify_order_eac(21_004_300, 4_568_001, request())
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Timeout), "{error:?}");

    // The page sets no minimum: 0 goes to the server, which answers for it; an id no
    // int64 holds cannot be sent.
    let server = MockServer::start().await;
    serve(
        &server,
        "PUT",
        "/campaigns/0/orders/4568001/verifyEac",
        ResponseTemplate::new(200).set_body_json(json!({"status": "OK"})),
    )
    .await;
    client(&server, yandex_market::Auth::ApiKey(YANDEX_KEY.into()))
        .verify_order_eac(0, 4_568_001, request())
        .await
        .expect("campaign 0 is sent");
    let error = slow
        .verify_order_eac(u64::MAX, 4_568_001, request())
        .await
        .unwrap_err();
    assert!(matches!(error, Error::InvalidRequest { .. }), "{error:?}");
    assert!(error.to_string().contains("campaign_id"), "{error}");
}
