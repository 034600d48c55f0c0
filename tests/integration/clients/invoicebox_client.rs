use super::*;
use invoicebox::types;

fn client(server: &MockServer) -> invoicebox::Client {
    invoicebox::Client::builder(TOKEN)
        .base_url(server.uri())
        .user_agent("TestShop/2.1")
        .build()
        .unwrap()
}

fn customer() -> types::Customer {
    types::Customer::builder()
        .name(Some("ООО Компания".parse().unwrap()))
        .email(Some("email@gmail.com".parse().unwrap()))
        .type_(types::CustomerType::Legal)
        .phone(Some("79611234567".parse().unwrap()))
        .vat_number(Some("1233123".parse().unwrap()))
        .registration_address(Some("123123123".parse().unwrap()))
        .try_into()
        .unwrap()
}

fn code_request() -> types::CodeRequest {
    types::CodeRequest::builder()
        .payment_method_id("39363265")
        .language_id(types::LanguageId::Ru)
        .customer(customer())
        .try_into()
        .unwrap()
}

fn pay_request() -> types::PayRequest {
    types::PayRequest::builder()
        .payment_method_id("39363265")
        .language_id(types::LanguageId::Ru)
        .customer(customer())
        .customer_payment_data(types::CustomerPaymentData {
            public_code: "aaaaaaa123".into(),
            code: CODE.into(),
        })
        .try_into()
        .unwrap()
}

/// The page's request body, which every operation sends (pay adds the code).
fn page_body() -> Value {
    json!({
        "paymentMethodId": "39363265",
        "languageId": "ru",
        "customer": {
            "name": "ООО Компания",
            "email": "email@gmail.com",
            "type": "legal",
            "phone": "79611234567",
            "vatNumber": "1233123",
            "registrationAddress": "123123123"
        }
    })
}

fn route(line: &str, action: &str) -> String {
    format!("/{line}/billing/api/order/{ORDER}/payment-method-action/{action}")
}

/// Every header Invoicebox requires, the credential, and nothing else.
fn assert_invoicebox_headers(request: &Request) {
    assert_eq!(
        header_names(request),
        names(&[
            "accept",
            "authorization",
            "content-length",
            "content-type",
            "host",
            "user-agent"
        ])
    );
    assert_eq!(header(request, "authorization"), format!("Bearer {TOKEN}"));
    assert_eq!(header(request, "accept"), "application/json");
    assert_eq!(header(request, "content-type"), "application/json");
    assert_eq!(header(request, "user-agent"), "TestShop/2.1");
}

#[tokio::test]
async fn validate_sends_the_page_request_and_decodes_the_page_response() {
    let server = MockServer::start().await;
    let page_response = json!({"data": {"type": "none", "result": "available",
        "resultData": {"url": "", "method": "POST", "arguments": []}}});
    serve(
        &server,
        "POST",
        &route("v3", "validate"),
        ResponseTemplate::new(200).set_body_json(page_response),
    )
    .await;

    let answer = client(&server)
        .validate(
            ORDER.parse().unwrap(),
            types::ValidateRequest(code_request()),
        )
        .await
        .unwrap();

    assert_eq!(answer.data.result, types::ValidateResultResult::Available);
    assert_eq!(
        answer.data.result_data.unwrap().method.as_deref(),
        Some("POST")
    );
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    assert_invoicebox_headers(&request);
    assert_eq!(body(&request), page_body());
}

#[tokio::test]
async fn send_code_sends_the_page_request_and_decodes_the_code() {
    let server = MockServer::start().await;
    let page_response = json!({"data": {"type": "none", "result": "success",
        "resultData": {"publicCode": "aaaaaaa123", "leftAttempt": 5}}});
    serve(
        &server,
        "POST",
        &route("v3", "send-code"),
        ResponseTemplate::new(200).set_body_json(page_response),
    )
    .await;

    let answer = client(&server)
        .send_code(ORDER.parse().unwrap(), code_request())
        .await
        .unwrap();

    assert_eq!(answer.data.result, types::CodeResultResult::Success);
    assert_eq!(answer.data.result_data.public_code, "aaaaaaa123");
    assert_eq!(answer.data.result_data.left_attempt, 5);
    let request = only_request(&server).await;
    assert_invoicebox_headers(&request);
    assert_eq!(body(&request), page_body());
}

#[tokio::test]
async fn pay_sends_the_code_and_decodes_both_result_types() {
    let cases = [
        (
            json!({"data": {"type": "none", "result": "success", "resultData": {}}}),
            None,
        ),
        (
            json!({"data": {"type": "message", "result": "notEnoughMoney",
                "resultData": {"message": {"title": "Недостаточно средств", "message": "Пополните баланс."}}}}),
            Some("Недостаточно средств"),
        ),
    ];
    for (page_response, title) in cases {
        let server = MockServer::start().await;
        serve(
            &server,
            "POST",
            &route("v3", "pay"),
            ResponseTemplate::new(200).set_body_json(page_response),
        )
        .await;

        let answer = client(&server)
            .pay(ORDER.parse().unwrap(), pay_request())
            .await
            .unwrap();

        match (answer.data, title) {
            (types::PayResult::None(none), None) => {
                assert_eq!(none.result, types::PayResultStatus::Success)
            }
            (types::PayResult::Message(message), Some(title)) => {
                assert_eq!(message.result, types::PayResultStatus::NotEnoughMoney);
                assert_eq!(message.result_data.message.title, title);
            }
            (other, _) => panic!("decoded the wrong branch: {other:?}"),
        }
        let request = only_request(&server).await;
        assert_invoicebox_headers(&request);
        let mut expected = page_body();
        expected["customerPaymentData"] = json!({"publicCode": "aaaaaaa123", "code": CODE});
        assert_eq!(body(&request), expected);
    }
}

#[tokio::test]
async fn the_l3_line_swaps_the_path_prefix_under_a_base_path() {
    let server = MockServer::start().await;
    let reply = json!({"data": {"type": "none", "result": "success", "resultData": {}}});
    serve(
        &server,
        "POST",
        &format!("/gateway{}", route("l3", "pay")),
        ResponseTemplate::new(200).set_body_json(reply),
    )
    .await;
    let client = invoicebox::Client::builder(TOKEN)
        .base_url(format!("{}/gateway/", server.uri()))
        .api_line(invoicebox::ApiLine::L3)
        .build()
        .unwrap();

    client
        .pay(ORDER.parse().unwrap(), pay_request())
        .await
        .unwrap();

    assert_eq!(
        only_request(&server).await.url.path(),
        format!("/gateway{}", route("l3", "pay"))
    );
}

#[tokio::test]
async fn every_documented_error_status_decodes_to_its_body() {
    let cases = [
        (401, "unauthorized"),
        (403, "forbidden"),
        (422, "wrong_order_status"),
        (429, "too_many_requests"),
        (500, "internal"),
    ];
    for action in ["validate", "send-code", "pay"] {
        for (status, code) in cases {
            let server = MockServer::start().await;
            let reply = json!({"error": {"code": code, "message": "Персональные данные: Иванов",
                "fields": [{"name": "customer.phone", "code": "invalid", "message": "79611234567"}]}});
            serve(
                &server,
                "POST",
                &route("v3", action),
                ResponseTemplate::new(status).set_body_json(reply),
            )
            .await;
            let client = client(&server);
            let order = ORDER.parse().unwrap();

            let error = match action {
                "validate" => client
                    .validate(order, types::ValidateRequest(code_request()))
                    .await
                    .map(|_| ()),
                "send-code" => client.send_code(order, code_request()).await.map(|_| ()),
                _ => client.pay(order, pay_request()).await.map(|_| ()),
            }
            .unwrap_err();

            let Error::Api {
                status: got, body, ..
            } = &error
            else {
                panic!("{action} {status}: {error:?}")
            };
            assert_eq!(got.as_u16(), status);
            assert_eq!(body.error.code.as_deref(), Some(code));
            let fields = body.error.fields.as_deref().unwrap_or_default();
            assert_eq!(fields[0].name.as_deref(), Some("customer.phone"));
            assert_eq!(
                error.to_string(),
                format!(
                    "the server answered {got} with error code `{code}`{}",
                    reconcile(got.as_u16())
                )
            );
            assert_redacted(&error, &[TOKEN, CODE, "Иванов", "79611234567"]);
        }
    }
}

#[tokio::test]
async fn an_undocumented_status_is_its_own_error() {
    // Every status >= 400 is documented (api.md); a 202 is not.
    let server = MockServer::start().await;
    serve(
        &server,
        "POST",
        &route("v3", "pay"),
        ResponseTemplate::new(202).set_body_string("queued: 79611234567"),
    )
    .await;

    let error = client(&server)
        .pay(ORDER.parse().unwrap(), pay_request())
        .await
        .unwrap_err();

    assert!(
        matches!(error, Error::UnexpectedStatus { status, .. } if status.as_u16() == 202),
        "{error:?}"
    );
    assert!(error.to_string().contains("does not document"), "{error}");
    assert_redacted(&error, &[TOKEN, CODE, "79611234567"]);
}

#[tokio::test]
async fn any_error_status_carries_the_error_body_even_without_a_code() {
    // api.md: any status >= 400 carries `error`; error.md gives 429 and 500 no code.
    for (status, reply, code) in [
        (
            404,
            json!({"error": {"code": "not_found", "message": "no such order"}}),
            Some("not_found"),
        ),
        (
            418,
            json!({"error": {"code": "teapot", "message": "short and stout"}}),
            Some("teapot"),
        ),
        (
            429,
            json!({"error": {"message": "Too Many Requests"}}),
            None,
        ),
        (
            503,
            json!({"error": {"message": "Service Unavailable"}}),
            None,
        ),
    ] {
        let server = MockServer::start().await;
        serve(
            &server,
            "POST",
            &route("v3", "pay"),
            ResponseTemplate::new(status).set_body_json(reply),
        )
        .await;
        let error = client(&server)
            .pay(ORDER.parse().unwrap(), pay_request())
            .await
            .unwrap_err();
        let Error::Api {
            status: got, body, ..
        } = &error
        else {
            panic!("{status}: {error:?}")
        };
        assert_eq!(got.as_u16(), status);
        assert_eq!(body.error.code.as_deref(), code);
        let shown = error.to_string();
        match code {
            Some(code) => assert!(
                shown.ends_with(&format!(
                    "with error code `{code}`{}",
                    reconcile(got.as_u16())
                )),
                "{shown}"
            ),
            None => assert_eq!(
                shown,
                format!("the server answered {got}{}", reconcile(got.as_u16()))
            ),
        }
    }
}

#[tokio::test]
async fn a_body_that_is_not_the_documented_json_is_a_clear_error_without_the_body() {
    let cases = [
        ResponseTemplate::new(200).set_body_string("<html>card 4111111111111111</html>"),
        ResponseTemplate::new(200)
            .set_body_json(json!({"data": {"result": "maybe", "phone": "79611234567"}})),
        ResponseTemplate::new(422).set_body_string("{\"error\": {\"code\": \"79611234567\""),
    ];
    for reply in cases {
        let server = MockServer::start().await;
        serve(&server, "POST", &route("v3", "send-code"), reply).await;

        let error = client(&server)
            .send_code(ORDER.parse().unwrap(), code_request())
            .await
            .unwrap_err();

        assert!(matches!(error, Error::InvalidBody { .. }), "{error:?}");
        assert!(
            error
                .to_string()
                .starts_with("the response body does not match the spec"),
            "{error}"
        );
        assert_redacted(
            &error,
            &[TOKEN, "4111111111111111", "79611234567", "maybe", "html"],
        );
    }
}

#[tokio::test]
async fn a_slow_server_times_out() {
    let server = MockServer::start().await;
    let reply = json!({"data": {"type": "none", "result": "success", "resultData": {}}});
    serve(
        &server,
        "POST",
        &route("v3", "pay"),
        ResponseTemplate::new(200)
            .set_body_json(reply)
            .set_delay(Duration::from_secs(5)),
    )
    .await;
    let client = invoicebox::Client::builder(TOKEN)
        .base_url(server.uri())
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();

    let error = client
        .pay(ORDER.parse().unwrap(), pay_request())
        .await
        .unwrap_err();

    assert!(matches!(error, Error::Timeout), "{error:?}");
    assert_eq!(
        error.to_string(),
        format!("the request timed out{}", reconcile(0))
    );
}

#[tokio::test]
async fn a_refused_connection_is_a_connect_error() {
    // A port that was just free: wiremock pools its servers, so a dropped one still answers.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = invoicebox::Client::builder(TOKEN)
        .base_url(format!("http://127.0.0.1:{port}"))
        .build()
        .unwrap();

    let error = client
        .pay(ORDER.parse().unwrap(), pay_request())
        .await
        .unwrap_err();

    assert!(matches!(error, Error::Connect { .. }), "{error:?}");
    assert_redacted(&error, &[TOKEN, CODE]);
}

#[test]
fn debug_never_shows_the_token_or_the_code() {
    let client = invoicebox::Client::builder(TOKEN).build().unwrap();
    let builder = invoicebox::Client::builder(TOKEN);
    let shown = format!("{client:?} {builder:?} {:?}", pay_request());
    assert!(!shown.contains(TOKEN), "{shown}");
    assert!(!shown.contains(CODE), "{shown}");
    assert!(
        shown.contains("authorization"),
        "header names are shown: {shown}"
    );
}

#[test]
fn values_that_break_the_spec_are_refused_before_sending() {
    let too_long = "x".repeat(37);
    let refused: Result<types::PaymentMethodId, _> = too_long.as_str().try_into();
    assert!(refused.is_err(), "paymentMethodId is string(36)");
    let bad_url = invoicebox::Client::builder(TOKEN)
        .base_url("api.invoicebox.ru")
        .build();
    assert!(
        bad_url
            .unwrap_err()
            .to_string()
            .contains("invalid base URL")
    );
    let bad_token = invoicebox::Client::builder("line\nbreak")
        .build()
        .unwrap_err();
    assert!(!bad_token.to_string().contains("break"), "{bad_token}");
}
