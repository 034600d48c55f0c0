//! The clients' `tracing` spans, as a service's subscriber collects them: one `confirmspec.call`
//! per call, with vendor, operation, status, attempts, waits, duration and outcome, and no
//! credential, confirmation code, card data or body in any field.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use confirmspec::clients::Retry;
use confirmspec::{via, yandex_market};
use serde_json::json;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;
use wiremock::{MockServer, ResponseTemplate};

use crate::clients::{serve, serve_first};

const SECRET: &str = "client-secret-5c1e";
const CODE: &str = "code-663014";
const KEY: &str = "ACMA:api-key-77ab";

/// The fields of each closed span: its name, then field -> value as `Debug` writes it.
type Closed = Arc<Mutex<Vec<(String, BTreeMap<String, String>)>>>;

#[derive(Default)]
struct Fields(BTreeMap<String, String>);

impl Visit for Fields {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
}

struct Collect(Closed);

impl<S: tracing::Subscriber + for<'a> LookupSpan<'a>> Layer<S> for Collect {
    fn on_new_span(&self, attributes: &Attributes<'_>, id: &Id, context: Context<'_, S>) {
        let mut fields = Fields::default();
        attributes.record(&mut fields);
        context.span(id).unwrap().extensions_mut().insert(fields);
    }

    fn on_record(&self, id: &Id, values: &Record<'_>, context: Context<'_, S>) {
        let span = context.span(id).unwrap();
        if let Some(fields) = span.extensions_mut().get_mut::<Fields>() {
            values.record(fields);
        }
    }

    fn on_close(&self, id: Id, context: Context<'_, S>) {
        let span = context.span(&id).unwrap();
        let fields = span.extensions_mut().remove::<Fields>().unwrap_or_default();
        self.0
            .lock()
            .unwrap()
            .push((span.name().to_owned(), fields.0));
    }
}

#[tokio::test]
async fn every_call_has_one_span_with_its_numbers_and_no_secret() {
    let closed = Closed::default();
    let subscriber = tracing_subscriber::registry().with(Collect(closed.clone()));
    let _default = tracing::subscriber::set_default(subscriber);

    // A VIA verify that succeeds.
    let server = MockServer::start().await;
    serve(
        &server,
        "POST",
        "/partner/merchant/confirm/pay/verify",
        ResponseTemplate::new(200)
            .insert_header("X-Request-Id", "req-span-1")
            .set_body_json(json!({"status": "SUCCESS"})),
    )
    .await;
    let client = via::Client::builder("system", SECRET)
        .base_url(server.uri())
        .build()
        .unwrap();
    let body = via::types::ConfirmPayVerifyRequest {
        verify_id: "trx_2VQGS1Eeu4DNsfuKxbFO1vftNy4".into(),
        verify_code: CODE.into(),
    };
    client.confirm_pay_verify(body).await.unwrap();

    // A Yandex Market check answered 420 twice (retried), then 400.
    let server = MockServer::start().await;
    let route = "/campaigns/21004300/orders/4568001/verifyEac";
    serve_first(
        &server,
        "PUT",
        route,
        (
            2,
            ResponseTemplate::new(420)
                .insert_header("Retry-After", "0")
                .set_body_json(json!({"status": "ERROR", "errors": [{"code": "LIMIT"}]})),
        ),
        ResponseTemplate::new(400).set_body_json(
            json!({"status": "ERROR", "errors": [{"code": "BAD_REQUEST", "message": CODE}]}),
        ),
    )
    .await;
    let client = yandex_market::Client::builder(yandex_market::Auth::ApiKey(KEY.into()))
        .base_url(server.uri())
        .retry(Retry {
            max_attempts: 5,
            base_delay: Duration::from_millis(10),
            ..Retry::default()
        })
        .build()
        .unwrap();
    let body = yandex_market::types::VerifyOrderEacRequest {
        code: Some(CODE.into()),
    };
    client
        .verify_order_eac(21_004_300, 4_568_001, body)
        .await
        .unwrap_err();

    let closed = closed.lock().unwrap().clone();
    let calls: Vec<&BTreeMap<String, String>> = closed
        .iter()
        .filter(|(name, _)| name == "confirmspec.call")
        .map(|(_, fields)| fields)
        .collect();
    assert_eq!(calls.len(), 2, "{closed:#?}");
    let field = |call: &BTreeMap<String, String>, name: &str| call.get(name).cloned();

    let verify = calls[0];
    assert_eq!(field(verify, "vendor").as_deref(), Some("\"via\""));
    assert_eq!(
        field(verify, "operation").as_deref(),
        Some("\"confirmPayVerify\"")
    );
    assert_eq!(field(verify, "status").as_deref(), Some("200"));
    assert_eq!(field(verify, "attempts").as_deref(), Some("1"));
    assert_eq!(field(verify, "outcome").as_deref(), Some("\"ok\""));
    assert_eq!(
        field(verify, "request_id").as_deref(),
        Some("\"req-span-1\"")
    );
    assert!(verify.contains_key("duration_ms"), "{verify:?}");

    let check = calls[1];
    assert_eq!(field(check, "vendor").as_deref(), Some("\"yandex-market\""));
    assert_eq!(
        field(check, "operation").as_deref(),
        Some("\"verifyOrderEac\"")
    );
    assert_eq!(field(check, "status").as_deref(), Some("400"));
    assert_eq!(field(check, "attempts").as_deref(), Some("3"));
    assert_eq!(field(check, "outcome").as_deref(), Some("\"api\""));
    assert!(check.contains_key("wait_ms"), "{check:?}");

    for (name, fields) in &closed {
        for (key, value) in fields {
            for secret in [SECRET, CODE, KEY] {
                assert!(!value.contains(secret), "{name}.{key} = {value}");
            }
        }
    }
}
