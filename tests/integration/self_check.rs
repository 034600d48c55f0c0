//! Generated clients that validate their own traffic (`ClientBuilder::validate_with`), against
//! a real server on 127.0.0.1.

use std::sync::{Arc, Mutex};

use confirmspec::yandex_market::{self, Auth, Error, types};
use confirmspec_validator::ExchangeResult;
use confirmspec_validator::Spec;
use confirmspec_validator::{Options, Validator};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const KEY: &str = "self-check-api-key-9d2e";
const CODE: &str = "605431";
const ROUTE: &str = "/campaigns/21004300/orders/4568001/verifyEac";

type Results = Arc<Mutex<Vec<ExchangeResult>>>;

async fn upstream(status: u16, body: serde_json::Value) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path(ROUTE))
        .respond_with(ResponseTemplate::new(status).set_body_json(body))
        .mount(&server)
        .await;
    server
}

fn client(server: &MockServer, options: Options, strict: bool) -> (yandex_market::Client, Results) {
    let results: Results = Arc::default();
    let sink = results.clone();
    let mut builder = yandex_market::Client::builder(Auth::ApiKey(KEY.into()))
        .base_url(server.uri())
        .validate_with(
            Validator::new(confirmspec::bundled_specs(), options).unwrap(),
            move |result| sink.lock().unwrap().push(result),
        );
    if strict {
        builder = builder.strict_validation();
    }
    (builder.build().unwrap(), results)
}

async fn call(client: &yandex_market::Client) -> Result<types::VerifyOrderEacResponse, Error> {
    client
        .verify_order_eac(
            21_004_300,
            4_568_001,
            types::VerifyOrderEacRequest {
                code: Some(CODE.into()),
            },
        )
        .await
}

#[tokio::test]
async fn each_exchange_is_validated_and_handed_to_the_sink() {
    let good =
        json!({"status": "OK", "result": {"verificationResult": "ACCEPTED", "attemptsLeft": 2}});
    let server = upstream(200, good).await;
    let (client, results) = client(&server, Options::default(), false);
    let answer = call(&client).await.expect("a conforming call succeeds");
    assert_eq!(answer.result.unwrap().attempts_left, Some(2));

    let teapot = upstream(418, json!({"status": "OK"})).await;
    let (other, other_results) = self::client(&teapot, Options::default(), false);
    let error = call(&other).await.unwrap_err();
    assert!(matches!(error, Error::UnexpectedStatus { .. }), "{error:?}");

    let results = results.lock().unwrap();
    assert_eq!(results.len(), 1);
    assert_eq!(results[0].verdict.to_string(), "conforming");
    assert_eq!(results[0].operation.as_deref(), Some("verifyOrderEac"));
    let others = other_results.lock().unwrap();
    assert_eq!(others[0].verdict.to_string(), "violating");
    assert_eq!(others[0].violations[0].location, "response.status");
    let shown = serde_json::to_string(&*others).unwrap();
    assert!(!shown.contains(KEY) && !shown.contains(CODE), "{shown}");
}

#[tokio::test]
async fn strict_validation_fails_a_call_whose_response_breaks_the_spec() {
    // An undocumented property: a violation for a strict validator, harmless to the types.
    let extra = json!({"status": "OK", "result": {"verificationResult": "ACCEPTED", "attemptsLeft": 2, "bonus": 1}});
    let server = upstream(200, extra).await;
    let strict_options = Options {
        strict: true,
        ..Options::default()
    };

    let (lenient, results) = client(&server, strict_options.clone(), false);
    call(&lenient)
        .await
        .expect("without strict_validation the call succeeds");
    assert_eq!(results.lock().unwrap()[0].verdict.to_string(), "violating");

    let (strict, results) = client(&server, strict_options, true);
    let error = call(&strict).await.unwrap_err();
    let Error::Violation { reason, sent } = &error else {
        panic!("{error:?}");
    };
    assert!(
        reason.contains("response.body") && reason.contains("bonus"),
        "{reason}"
    );
    // The request went out: the code may be burnt, and the error says to look it up.
    assert!(*sent && error.maybe_processed());
    assert!(
        error.to_string().contains("may have processed the call"),
        "{error}"
    );
    assert!(!error.to_string().contains(KEY) && !format!("{error:?}").contains(CODE));
    assert_eq!(results.lock().unwrap().len(), 1, "the sink still has it");
}

#[tokio::test]
async fn strict_validation_stops_a_request_that_breaks_the_spec_before_it_is_sent() {
    // The vendor's docs changed after the client was generated: the code is now four digits.
    // A strict self-check against the new spec catches what the old types still allow.
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"status": "OK"})))
        .expect(0)
        .mount(&server)
        .await;
    let text = std::fs::read_to_string(crate::root().join("specs/yandex-market.yaml")).unwrap();
    let tightened = text.replacen(
        "          format: password\n",
        "          format: password\n          pattern: '^[0-9]{4}$'\n",
        1,
    );
    assert_ne!(tightened, text, "the test edits the code's schema");
    let spec = Spec::from_text(
        "yandex-market",
        std::path::Path::new("yandex-market.yaml"),
        &tightened,
    )
    .unwrap();
    let validator = Validator::new(vec![spec], Options::default()).unwrap();
    let results: Results = Arc::default();
    let sink = results.clone();
    let client = yandex_market::Client::builder(Auth::ApiKey(KEY.into()))
        .base_url(server.uri())
        .validate_with(validator, move |result| sink.lock().unwrap().push(result))
        .strict_validation()
        .build()
        .unwrap();

    let error = call(&client).await.unwrap_err();
    let Error::Violation { reason, sent } = &error else {
        panic!("{error:?}");
    };
    assert!(
        reason.contains("request.body") && reason.contains("/code"),
        "{reason}"
    );
    // Stopped before sending, as a typed value: nothing to reconcile.
    assert!(!*sent && !error.maybe_processed(), "{error:?}");
    assert!(!error.to_string().contains("may have processed"), "{error}");
    let shown = format!("{error} {error:?}");
    assert!(!shown.contains(KEY) && !shown.contains(CODE), "{shown}");
    {
        let results = results.lock().unwrap();
        assert_eq!(results.len(), 1, "the sink has the refused request");
        assert_eq!(results[0].violations[0].keyword, "pattern");
    }
    server.verify().await;
}
