//! Retries that cannot repeat a payment, against servers on 127.0.0.1: a call is sent again only
//! when it never reached the vendor, or the vendor documents its answer as "not processed";
//! never after a timeout, a broken exchange or a 5xx, whose errors say the call may have been
//! processed.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use confirmspec::clients::{Error, Retry};
use confirmspec::{invoicebox, yandex_market};
use serde_json::json;
use wiremock::{MockServer, ResponseTemplate};

use crate::clients::{serve, serve_first};

const ORDER: &str = "01771534-1a57-f184-dee3-ebeb91dded75";
const PAY: &str =
    "/v3/billing/api/order/01771534-1a57-f184-dee3-ebeb91dded75/payment-method-action/pay";
const VERIFY: &str = "/campaigns/21004300/orders/4568001/verifyEac";

/// Quick retries, so the tests do not wait for the default backoff.
fn quick(max_attempts: u32) -> Retry {
    Retry {
        max_attempts,
        base_delay: Duration::from_millis(20),
        max_delay: Duration::from_millis(50),
        max_total: Duration::from_secs(5),
    }
}

fn invoicebox(base: &str, retry: Retry) -> invoicebox::Client {
    invoicebox::Client::builder("b37c4c689295904ed21eee5d9a48d42e")
        .user_agent("RetryTest/1.0")
        .base_url(base)
        .timeout(Duration::from_millis(500))
        .retry(retry)
        .build()
        .unwrap()
}

async fn pay(
    client: &invoicebox::Client,
) -> Result<invoicebox::types::PayResponse, invoicebox::Error> {
    let request = invoicebox::types::PayRequest::builder()
        .payment_method_id("39363265")
        .customer(invoicebox::types::Customer::builder())
        .customer_payment_data(invoicebox::types::CustomerPaymentData {
            public_code: "aaaaaaa123".into(),
            code: "483920".into(),
        })
        .try_into()
        .unwrap();
    client.pay(ORDER.parse().unwrap(), request).await
}

fn paid() -> ResponseTemplate {
    ResponseTemplate::new(200)
        .set_body_json(json!({"data": {"type": "none", "result": "success", "resultData": {}}}))
}

async fn requests(server: &MockServer) -> usize {
    server
        .received_requests()
        .await
        .expect("recording is on")
        .len()
}

fn market(base: &str, retry: Retry) -> yandex_market::Client {
    yandex_market::Client::builder(yandex_market::Auth::ApiKey("ACMA:key-0001".into()))
        .base_url(base)
        .retry(retry)
        .build()
        .unwrap()
}

async fn verify(client: &yandex_market::Client) -> Result<(), yandex_market::Error> {
    let body = yandex_market::types::VerifyOrderEacRequest {
        code: Some("4711".into()),
    };
    client
        .verify_order_eac(21_004_300, 4_568_001, body)
        .await
        .map(|_| ())
}

#[tokio::test]
async fn a_refused_connection_is_retried_once_the_server_listens() {
    // A port nobody listens on yet: the first attempts are refused, and nothing is sent.
    let address = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let late = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(150)).await;
        let listener = TcpListener::bind(address).unwrap();
        let server = MockServer::builder().listener(listener).start().await;
        serve(
            &server,
            "PUT",
            VERIFY,
            ResponseTemplate::new(200).set_body_json(json!({"status": "OK"})),
        )
        .await;
        server
    });
    let client = market(&format!("http://{address}"), quick(60));
    verify(&client)
        .await
        .expect("the call goes through once the server listens");
    let server = late.await.unwrap();
    assert_eq!(
        requests(&server).await,
        1,
        "the one request that reached it"
    );

    let refused = market(&format!("http://{}", unused_port()), quick(3));
    let error = verify(&refused).await.unwrap_err();
    assert!(matches!(error, Error::Connect { .. }), "{error:?}");
    assert!(!error.maybe_processed(), "nothing was sent");
}

fn unused_port() -> std::net::SocketAddr {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
}

#[tokio::test]
async fn not_processed_answers_are_retried_after_their_retry_after_and_not_before() {
    // Invoicebox documents 429, Yandex Market 420, as "not processed".
    let server = MockServer::start().await;
    serve_first(
        &server,
        "POST",
        PAY,
        (
            1,
            ResponseTemplate::new(429)
                .insert_header("Retry-After", "1")
                .set_body_json(json!({"error": {"message": "Too Many Requests"}})),
        ),
        paid(),
    )
    .await;
    let started = Instant::now();
    pay(&invoicebox(&server.uri(), quick(3)))
        .await
        .expect("paid on the second attempt");
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "waited {:?}",
        started.elapsed()
    );
    assert_eq!(requests(&server).await, 2);

    let server = MockServer::start().await;
    serve_first(
        &server,
        "PUT",
        VERIFY,
        (
            1,
            ResponseTemplate::new(420)
                .insert_header("Retry-After", "1")
                .set_body_json(json!({"status": "ERROR", "errors": [{"code": "LIMIT"}]})),
        ),
        ResponseTemplate::new(200).set_body_json(json!({"status": "OK"})),
    )
    .await;
    let started = Instant::now();
    verify(&market(&server.uri(), quick(3)))
        .await
        .expect("checked on the second attempt");
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "waited {:?}",
        started.elapsed()
    );
    assert_eq!(requests(&server).await, 2);
}

#[tokio::test]
async fn a_timeout_a_reset_and_a_5xx_on_pay_are_never_retried() {
    // A timeout: the payment may be under way.
    let server = MockServer::start().await;
    serve(
        &server,
        "POST",
        PAY,
        paid().set_delay(Duration::from_secs(2)),
    )
    .await;
    let error = pay(&invoicebox(&server.uri(), quick(5))).await.unwrap_err();
    assert!(matches!(error, Error::Timeout), "{error:?}");
    assert!(error.maybe_processed());
    assert_eq!(requests(&server).await, 1);

    // A 500: the server may have moved the money before failing.
    let server = MockServer::start().await;
    serve(
        &server,
        "POST",
        PAY,
        ResponseTemplate::new(500).set_body_json(json!({"error": {"message": "Internal"}})),
    )
    .await;
    let error = pay(&invoicebox(&server.uri(), quick(5))).await.unwrap_err();
    assert!(
        matches!(&error, Error::Api { status, .. } if status.as_u16() == 500),
        "{error:?}"
    );
    assert!(error.maybe_processed());
    assert_eq!(requests(&server).await, 1);

    // A reset in the middle of the response: the request was written and answered.
    let (base, connections) = resetting_server();
    let error = pay(&invoicebox(&base, quick(5))).await.unwrap_err();
    assert!(error.maybe_processed(), "{error:?}");
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(connections.load(Ordering::SeqCst), 1, "sent once");

    // A documented client error: rejected, not processed, and not retried either.
    let server = MockServer::start().await;
    serve(
        &server,
        "POST",
        PAY,
        ResponseTemplate::new(422).set_body_json(
            json!({"error": {"code": "wrong_order_status", "message": "paid already"}}),
        ),
    )
    .await;
    let error = pay(&invoicebox(&server.uri(), quick(5))).await.unwrap_err();
    assert!(!error.maybe_processed(), "{error:?}");
    assert_eq!(requests(&server).await, 1);
}

/// A server that reads each request, starts a response and breaks off in its body. Counts the
/// connections it accepts.
fn resetting_server() -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let connections = Arc::new(AtomicUsize::new(0));
    let counted = connections.clone();
    std::thread::spawn(move || {
        listener.set_nonblocking(true).unwrap();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            match listener.accept() {
                Ok((mut stream, _)) => {
                    counted.fetch_add(1, Ordering::SeqCst);
                    stream.set_nonblocking(false).unwrap();
                    let mut request = [0u8; 65536];
                    let _ = stream.read(&mut request);
                    let _ = stream.write_all(
                        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{\"data\": {\"ty",
                    );
                    // Dropping the stream closes it 190 bytes short.
                }
                Err(_) => std::thread::sleep(Duration::from_millis(5)),
            }
        }
    });
    (base, connections)
}

#[tokio::test]
async fn the_budget_and_off_stop_retries() {
    let limited = || {
        ResponseTemplate::new(429)
            .insert_header("Retry-After", "0")
            .set_body_json(json!({"error": {"message": "Too Many Requests"}}))
    };
    // Attempts: three in all.
    let server = MockServer::start().await;
    serve(&server, "POST", PAY, limited()).await;
    let error = pay(&invoicebox(&server.uri(), quick(3))).await.unwrap_err();
    assert!(
        matches!(&error, Error::Api { status, .. } if status.as_u16() == 429),
        "{error:?}"
    );
    assert_eq!(requests(&server).await, 3);

    // Waiting time: a Retry-After past the budget ends the retries at once.
    let server = MockServer::start().await;
    serve(
        &server,
        "POST",
        PAY,
        limited().insert_header("Retry-After", "30"),
    )
    .await;
    let started = Instant::now();
    pay(&invoicebox(&server.uri(), quick(5))).await.unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(requests(&server).await, 1);

    // Off: sent once.
    let server = MockServer::start().await;
    serve(&server, "POST", PAY, limited()).await;
    pay(&invoicebox(&server.uri(), Retry::off()))
        .await
        .unwrap_err();
    assert_eq!(requests(&server).await, 1);
}

/// Records when each request arrives, and answers it.
struct Arrivals(Arc<std::sync::Mutex<Vec<Instant>>>, ResponseTemplate);

impl wiremock::Respond for Arrivals {
    fn respond(&self, _: &wiremock::Request) -> ResponseTemplate {
        self.0.lock().unwrap().push(Instant::now());
        self.1.clone()
    }
}

#[tokio::test]
async fn a_burst_over_the_rate_limit_is_spread_over_the_window() {
    let server = MockServer::start().await;
    let arrivals = Arc::new(std::sync::Mutex::new(Vec::new()));
    serve(
        &server,
        "PUT",
        VERIFY,
        Arrivals(
            arrivals.clone(),
            ResponseTemplate::new(200).set_body_json(json!({"status": "OK"})),
        ),
    )
    .await;
    let window = Duration::from_millis(400);
    let client = yandex_market::Client::builder(yandex_market::Auth::ApiKey("ACMA:key".into()))
        .base_url(server.uri())
        .rate_limit(Some(confirmspec::clients::RateLimit {
            requests: 3,
            per: window,
        }))
        .build()
        .unwrap();
    let calls: Vec<_> = (0..7)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { verify(&client).await })
        })
        .collect();
    for call in calls {
        call.await.unwrap().expect("every call goes, in its turn");
    }
    let mut times = arrivals.lock().unwrap().clone();
    times.sort();
    assert_eq!(times.len(), 7);
    // No window holds more than three (a little slack for the server's own scheduling).
    let slack = Duration::from_millis(30);
    for i in 0..times.len() - 3 {
        let apart = times[i + 3] - times[i];
        assert!(
            apart + slack >= window,
            "requests {i} and {} only {apart:?} apart",
            i + 3
        );
    }
    assert!(
        times[6] - times[0] + slack >= 2 * window,
        "{:?}",
        times[6] - times[0]
    );
}

#[tokio::test]
async fn a_turn_further_off_than_the_timeout_fails_at_once_unsent() {
    let server = MockServer::start().await;
    serve(&server, "POST", PAY, paid()).await;
    let client = invoicebox::Client::builder("b37c4c689295904ed21eee5d9a48d42e")
        .user_agent("RetryTest/1.0")
        .base_url(server.uri())
        .timeout(Duration::from_millis(300))
        .rate_limit(Some(confirmspec::clients::RateLimit {
            requests: 1,
            per: Duration::from_secs(10),
        }))
        .build()
        .unwrap();
    pay(&client).await.expect("the first call has its turn");
    let started = Instant::now();
    let error = pay(&client).await.unwrap_err();
    assert!(
        matches!(error, Error::RateLimited { wait } if wait > Duration::from_secs(9)),
        "{error:?}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "failed at once: {:?}",
        started.elapsed()
    );
    assert!(!error.maybe_processed());
    assert!(error.to_string().contains("it was not sent"), "{error}");
    assert_eq!(requests(&server).await, 1);
}
