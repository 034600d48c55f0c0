//! The generated clients against a real HTTP server on 127.0.0.1 (wiremock): what goes on the
//! wire for every operation, how every documented and undocumented answer decodes, and that
//! nothing secret shows in `Debug` or `Display`.

use std::collections::BTreeSet;
use std::time::Duration;

use confirmspec::clients::Error;
use confirmspec::{invoicebox, via, yandex_market};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const TOKEN: &str = "b37c4c689295904ed21eee5d9a48d42e";
const ORDER: &str = "ffffffff-ffff-ffff-ffff-ffffffffffff";
const CODE: &str = "CONFIRM-4471";
const VIA_SECRET: &str = "system123-secret";
const YANDEX_KEY: &str = "ACMA:yandex-api-key-0001";

/// The one request the server received.
async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.expect("recording is on");
    assert_eq!(requests.len(), 1, "expected exactly one request");
    requests.remove(0)
}

fn header_names(request: &Request) -> BTreeSet<String> {
    request
        .headers
        .keys()
        .map(|name| name.as_str().to_owned())
        .collect()
}

fn header<'r>(request: &'r Request, name: &str) -> &'r str {
    request
        .headers
        .get(name)
        .unwrap_or_else(|| panic!("no {name} header"))
        .to_str()
        .unwrap()
}

fn names(list: &[&str]) -> BTreeSet<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

fn body(request: &Request) -> Value {
    serde_json::from_slice(&request.body).expect("a JSON request body")
}

/// Serves `response` at `route` for one POST or PUT.
pub(crate) async fn serve(
    server: &MockServer,
    verb: &str,
    route: &str,
    response: impl wiremock::Respond + 'static,
) {
    Mock::given(method(verb))
        .and(path(route))
        .respond_with(response)
        .mount(server)
        .await;
}

/// Serves `first` to the first `n` requests at `route` (`(n, first)`), then `then` to the rest.
pub(crate) async fn serve_first(
    server: &MockServer,
    verb: &str,
    route: &str,
    (n, first): (u64, ResponseTemplate),
    then: ResponseTemplate,
) {
    Mock::given(method(verb))
        .and(path(route))
        .respond_with(first)
        .up_to_n_times(n)
        .mount(server)
        .await;
    serve(server, verb, route, then).await;
}

/// Asserts that neither rendering of an error shows any of `secrets`.
fn assert_redacted<E: confirmspec::clients::ErrorBody>(error: &Error<E>, secrets: &[&str]) {
    let shown = format!("{error} | {error:?} | {error:#}");
    for secret in secrets {
        assert!(!shown.contains(secret), "`{secret}` shown in: {shown}");
    }
}

/// What an error's `Display` adds when the call may have been processed (`maybe_processed`):
/// any answer but a 4xx, and no answer at all (status 0 here).
fn reconcile(status: u16) -> &'static str {
    if (400..500).contains(&status) {
        ""
    } else {
        "; the vendor may have processed the call: look it up (reconcile) before repeating it"
    }
}

mod invoicebox_client {
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
}

mod yandex_market_client {
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
}

mod via_client {
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
}
