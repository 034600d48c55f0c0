//! The proxy and its upstreams: one that breaks off, clients that leave or never finish, HTTPS
//! verified against the platform and given roots, connections kept and closed, each request to its
//! spec's upstream, heads over the limits.

use std::sync::Arc;
use std::time::Duration;

use confirmspec_validator::proxy::{Config, serve};
use confirmspec_validator::{Options, Validator};

use serde_json::{Value, json};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::proxy::*;

/// An upstream that sends its head and part of its body, then hangs up.
pub(crate) async fn breaking_upstream() -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let mut head = vec![0; 4096];
            let _ = stream.read(&mut head).await;
            let _ = stream
                .write_all(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"status\": \"OK\", ",
                )
                .await;
            let _ = stream.flush().await;
            // Dropped: the connection closes 983 bytes short.
        }
    });
    url
}

#[tokio::test]
async fn an_upstream_that_breaks_off_mid_body_cuts_the_clients_body_and_is_reported() {
    let upstream = breaking_upstream().await;
    let proxy = Running::start(&upstream, false, Duration::from_secs(5)).await;
    let answer = put(&format!("{}{ROUTE}", proxy.url), r#"{"code": "4711"}"#).await;
    assert_eq!(answer.status(), 200, "the head had gone before the break");
    assert!(
        answer.bytes().await.is_err(),
        "the client sees its body cut short"
    );
    let (summary, text, lines) = proxy.stop().await;
    assert_eq!(summary.exchanges, 1, "{text}");
    let fault = lines[0]["fault"].as_str().unwrap_or_default();
    assert!(
        fault.contains("broke off") || fault.contains("went away"),
        "{text}"
    );
}

#[tokio::test]
async fn a_client_that_leaves_before_the_answer_still_gets_its_exchange_reported() {
    use tokio::io::AsyncWriteExt;
    let upstream = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"status": "OK", "result": {"verificationResult": "ACCEPTED", "attemptsLeft": 2}}))
                .set_delay(Duration::from_millis(500)),
        )
        .expect(1)
        .mount(&upstream)
        .await;
    let proxy = Running::start(&upstream.uri(), false, Duration::from_secs(5)).await;
    let address = proxy.url.trim_start_matches("http://").to_owned();
    let mut stream = tokio::net::TcpStream::connect(&address).await.unwrap();
    let body = r#"{"code": "4711"}"#;
    stream
        .write_all(
            format!(
                "PUT {ROUTE} HTTP/1.1\r\nHost: {address}\r\nApi-Key: {KEY}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
                body.len()
            )
            .as_bytes(),
        )
        .await
        .unwrap();
    // Gone while the upstream takes its time, with a reset (a close could pass for a client
    // that only shut its side): the payment may be confirmed all the same, and the report
    // says what the upstream answered.
    tokio::time::sleep(Duration::from_millis(100)).await;
    stream.set_zero_linger().unwrap();
    drop(stream);
    tokio::time::sleep(Duration::from_millis(1000)).await;
    let (summary, text, lines) = proxy.stop().await;
    assert_eq!(summary.exchanges, 1, "{text}");
    assert_eq!(lines[0]["status"], 200, "{text}");
    assert_eq!(lines[0]["verdict"], "conforming", "{text}");
    upstream.verify().await;
}

#[tokio::test]
async fn a_client_that_never_finishes_its_body_gets_408() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let upstream = untouched_upstream().await;
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let (stop, stopped) = oneshot::channel::<()>();
    let config = Config {
        upstreams: vec![("yandex-market".into(), upstream.uri().parse().unwrap())],
        body_timeout: Duration::from_millis(300),
        ..Config::default()
    };
    let done = tokio::spawn(serve(
        listener,
        Validator::new(confirmspec::bundled_specs(), Options::default()).unwrap(),
        config,
        Shared::default(),
        None,
        async {
            let _ = stopped.await;
        },
    ));
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    stream
        .write_all(
            format!("PUT {ROUTE} HTTP/1.1\r\nHost: {address}\r\nContent-Length: 100\r\n\r\n{{\"co")
                .as_bytes(),
        )
        .await
        .unwrap();
    let mut answer = vec![0; 4096];
    let n = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut answer))
        .await
        .expect("the proxy answers without waiting for the rest")
        .unwrap();
    let answer = String::from_utf8_lossy(&answer[..n]);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    stop.send(()).unwrap();
    let summary = done.await.unwrap().unwrap();
    assert_eq!((summary.exchanges, summary.unreadable), (1, 1));
    upstream.verify().await;
}

/// An HTTPS upstream on 127.0.0.1 with a certificate of a CA made for the test; returns its
/// URL and the CA's certificate.
pub(crate) async fn https_upstream(
    body: &'static str,
) -> (String, rustls::pki_types::CertificateDer<'static>) {
    use rcgen::{BasicConstraints, CertificateParams, IsCa, Issuer, KeyPair};
    let ca_key = KeyPair::generate().unwrap();
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ca = ca_params.self_signed(&ca_key).unwrap();
    let key = KeyPair::generate().unwrap();
    let leaf = CertificateParams::new(vec!["127.0.0.1".to_owned()])
        .unwrap()
        .signed_by(&key, &Issuer::new(ca_params, ca_key))
        .unwrap();
    let server = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::aws_lc_rs::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(
        vec![leaf.der().clone()],
        rustls::pki_types::PrivateKeyDer::try_from(key.serialize_der()).unwrap(),
    )
    .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(server));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("https://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                // A client that refuses the certificate ends the handshake; that is all.
                let Ok(stream) = acceptor.accept(stream).await else {
                    return;
                };
                let service = hyper::service::service_fn(|_request| async {
                    let mut response =
                        hyper::Response::new(http_body_util::Full::new(bytes::Bytes::from(body)));
                    response.headers_mut().insert(
                        "content-type",
                        hyper::header::HeaderValue::from_static("application/json"),
                    );
                    Ok::<_, std::convert::Infallible>(response)
                });
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    (url, ca.der().clone())
}

#[tokio::test]
async fn https_upstreams_are_verified_against_the_platform_and_the_given_roots() {
    let body = r#"{"status":"OK","result":{"verificationResult":"ACCEPTED","attemptsLeft":2}}"#;
    let (upstream, ca) = https_upstream(body).await;

    // Trusted through `upstream_roots` (`--upstream-ca`): the client gets the upstream's bytes.
    let proxy = Running::with(Config {
        upstreams: vec![("yandex-market".into(), upstream.parse().unwrap())],
        upstream_roots: vec![ca],
        ..Config::default()
    })
    .await;
    let answer = put(&format!("{}{ROUTE}", proxy.url), r#"{"code": "4711"}"#).await;
    assert_eq!(answer.status(), 200);
    assert_eq!(answer.bytes().await.unwrap(), body.as_bytes());
    let (summary, text, _) = proxy.stop().await;
    assert_eq!((summary.exchanges, summary.conforming), (1, 1), "{text}");

    // Not trusted by the platform: the certificate is refused, and the client gets a 502
    // that says why.
    let proxy = Running::start(&upstream, false, Duration::from_secs(5)).await;
    let answer = put(&format!("{}{ROUTE}", proxy.url), r#"{"code": "4711"}"#).await;
    assert_eq!(answer.status(), 502);
    let problem: Value = answer.json().await.unwrap();
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .to_ascii_lowercase()
            .contains("certificate"),
        "{problem}"
    );
    proxy.stop().await;
}

/// When a raw upstream closes the connections it answered on.
#[derive(Clone, Copy)]
pub(crate) enum Closes {
    /// Never: it answers every request a connection brings.
    Never,
    /// After each answer, saying so with `Connection: close`.
    SayingSo,
    /// A moment after each answer, without saying so, as an upstream's idle timeout does.
    WhenIdle,
}

/// Reads one request from a raw upstream's connection, its body too (as long as its
/// `Content-Length` says): its head, or `None` once the connection has ended.
pub(crate) async fn read_request(
    stream: &mut tokio::io::BufReader<tokio::net::TcpStream>,
) -> Option<String> {
    use tokio::io::{AsyncBufReadExt, AsyncReadExt};
    let mut head = String::new();
    loop {
        let start = head.len();
        if stream.read_line(&mut head).await.ok()? == 0 {
            return None;
        }
        if &head[start..] == "\r\n" {
            break;
        }
    }
    let length = head
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse().ok())?
        })
        .unwrap_or(0);
    let mut body = vec![0; length];
    stream.read_exact(&mut body).await.ok()?;
    Some(head)
}

/// What a counting upstream has seen.
#[derive(Default)]
pub(crate) struct Seen {
    pub(crate) connections: std::sync::atomic::AtomicUsize,
    pub(crate) requests: std::sync::atomic::AtomicUsize,
    /// Connections the proxy closed.
    pub(crate) closed: std::sync::atomic::AtomicUsize,
}

impl Seen {
    pub(crate) fn connections(&self) -> usize {
        self.connections.load(std::sync::atomic::Ordering::SeqCst)
    }

    pub(crate) fn requests(&self) -> usize {
        self.requests.load(std::sync::atomic::Ordering::SeqCst)
    }

    pub(crate) fn closed(&self) -> usize {
        self.closed.load(std::sync::atomic::Ordering::SeqCst)
    }
}

/// An upstream that answers every request `{"status":"OK"}` and counts the connections it
/// accepts and the requests it answers.
pub(crate) async fn counting_upstream(closes: Closes) -> (String, Arc<Seen>) {
    use std::sync::atomic::Ordering::SeqCst;
    use tokio::io::{AsyncWriteExt, BufReader};
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(Seen::default());
    let count = seen.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            count.connections.fetch_add(1, SeqCst);
            let count = count.clone();
            tokio::spawn(async move {
                let mut stream = BufReader::new(stream);
                loop {
                    if read_request(&mut stream).await.is_none() {
                        count.closed.fetch_add(1, SeqCst);
                        return;
                    }
                    let close = if matches!(closes, Closes::SayingSo) {
                        "Connection: close\r\n"
                    } else {
                        ""
                    };
                    let answer = format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n{close}Content-Length: 15\r\n\r\n{{\"status\":\"OK\"}}"
                    );
                    count.requests.fetch_add(1, SeqCst);
                    stream.write_all(answer.as_bytes()).await.unwrap();
                    match closes {
                        Closes::Never => {}
                        Closes::SayingSo => return,
                        Closes::WhenIdle => {
                            tokio::time::sleep(Duration::from_millis(50)).await;
                            return;
                        }
                    }
                }
            });
        }
    });
    (url, seen)
}

/// A request on `client`'s connection (kept alive between calls), with no credentials.
pub(crate) async fn put_on(client: &reqwest::Client, url: &str) -> reqwest::Response {
    client
        .put(url)
        .body(r#"{"code": "4711"}"#)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn upstream_connections_outlive_requests_and_client_connections() {
    let (upstream, seen) = counting_upstream(Closes::Never).await;
    let proxy = Running::start(&upstream, false, Duration::from_secs(5)).await;
    let url = format!("{}{ROUTE}", proxy.url);
    // One client connection: its requests share one upstream connection.
    let client = reqwest::Client::new();
    for _ in 0..10 {
        let answer = put_on(&client, &url).await;
        assert_eq!(answer.text().await.unwrap(), r#"{"status":"OK"}"#);
    }
    assert_eq!(seen.connections(), 1);
    drop(client);
    // Client connections one after another: each takes the upstream connection the one
    // before it left (the moment's wait lets the proxy see each one close).
    for _ in 0..5 {
        tokio::time::sleep(Duration::from_millis(300)).await;
        let answer = put(&url, r#"{"code": "4711"}"#).await;
        assert_eq!(answer.status(), 200);
    }
    assert!(
        seen.connections() <= 2,
        "{} upstream connections for 6 client connections",
        seen.connections()
    );
    let (summary, text, _) = proxy.stop().await;
    assert_eq!(summary.exchanges, 15, "{text}");
}

#[tokio::test]
async fn idle_upstream_connections_are_closed_after_the_idle_timeout() {
    let (upstream, seen) = counting_upstream(Closes::Never).await;
    let proxy = Running::with(Config {
        upstreams: vec![("yandex-market".into(), upstream.parse().unwrap())],
        upstream_idle_timeout: Duration::from_millis(300),
        ..Config::default()
    })
    .await;
    let answer = put(&format!("{}{ROUTE}", proxy.url), r#"{"code": "4711"}"#).await;
    assert_eq!(answer.status(), 200);
    drop(answer);
    assert_eq!((seen.connections(), seen.closed()), (1, 0));
    // Left idle by its client connection, it is closed within the timeout and half again.
    let mut waited = Duration::ZERO;
    while seen.closed() == 0 && waited < Duration::from_secs(10) {
        tokio::time::sleep(Duration::from_millis(50)).await;
        waited += Duration::from_millis(50);
    }
    assert_eq!(seen.closed(), 1, "still open after {waited:?}");
    proxy.stop().await;
}

#[tokio::test]
async fn an_upstream_that_closes_its_connections_costs_no_request() {
    for closes in [Closes::SayingSo, Closes::WhenIdle] {
        let (upstream, seen) = counting_upstream(closes).await;
        let proxy = Running::start(&upstream, false, Duration::from_secs(5)).await;
        let url = format!("{}{ROUTE}", proxy.url);
        let client = reqwest::Client::new();
        for _ in 0..5 {
            let answer = put_on(&client, &url).await;
            assert_eq!(answer.status(), 200);
            assert_eq!(answer.text().await.unwrap(), r#"{"status":"OK"}"#);
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        assert_eq!(seen.connections(), 5, "a new connection for each request");
        let (summary, text, lines) = proxy.stop().await;
        assert_eq!(summary.exchanges, 5, "{text}");
        assert!(
            lines.iter().all(|line| line.get("fault").is_none()),
            "{text}"
        );
    }
}

#[tokio::test]
async fn each_request_goes_to_the_upstream_of_its_spec() {
    let (invoicebox, to_invoicebox) = counting_upstream(Closes::Never).await;
    let (market, to_market) = counting_upstream(Closes::Never).await;
    let proxy = Running::with(Config {
        upstreams: vec![
            ("invoicebox".into(), invoicebox.parse().unwrap()),
            ("yandex-market".into(), market.parse().unwrap()),
        ],
        ..Config::default()
    })
    .await;
    let client = reqwest::Client::new();
    let pay =
        "/v3/billing/api/order/ffffffff-ffff-ffff-ffff-ffffffffffff/payment-method-action/pay";
    let requests = [
        ("PUT", ROUTE, (0, 1)),
        ("POST", pay, (1, 1)),
        ("PUT", BROKEN_ROUTE, (1, 2)),
        // Matching no operation (an unknown path, a method the path does not document):
        // the first upstream.
        ("GET", "/nowhere", (2, 2)),
        ("GET", ROUTE, (3, 2)),
    ];
    for (method, path, (invoicebox, market)) in requests {
        let answer = client
            .request(method.parse().unwrap(), format!("{}{path}", proxy.url))
            .body("{}")
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), 200);
        assert_eq!(
            (to_invoicebox.requests(), to_market.requests()),
            (invoicebox, market),
            "{method} {path}"
        );
    }
    let (summary, text, _) = proxy.stop().await;
    assert_eq!((summary.exchanges, summary.unmatched), (5, 2), "{text}");
}

#[tokio::test]
async fn request_heads_over_the_limits_get_431() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let upstream = untouched_upstream().await;
    let proxy = Running::with(Config {
        upstreams: vec![("yandex-market".into(), upstream.uri().parse().unwrap())],
        max_head: 16 << 10,
        max_headers: 20,
        ..Config::default()
    })
    .await;
    let address = proxy.url.trim_start_matches("http://").to_owned();
    let many: String = (0..30).map(|i| format!("X-Header-{i}: {i}\r\n")).collect();
    let long = format!("X-Long: {}\r\n", "a".repeat(20 << 10));
    for extra in [many, long] {
        let mut stream = tokio::net::TcpStream::connect(&address).await.unwrap();
        let head =
            format!("PUT {ROUTE} HTTP/1.1\r\nHost: {address}\r\n{extra}Content-Length: 0\r\n\r\n");
        // The proxy may answer and close before it has read the whole head.
        let _ = stream.write_all(head.as_bytes()).await;
        let mut answer = Vec::new();
        let _ = tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut answer))
            .await
            .expect("the proxy answers at once");
        let answer = String::from_utf8_lossy(&answer);
        assert!(answer.starts_with("HTTP/1.1 431"), "{answer}");
    }
    // Refused, and still accounted for: each is an unreadable line that says why.
    let (summary, text, lines) = proxy.stop().await;
    assert_eq!((summary.exchanges, summary.unreadable), (2, 2), "{text}");
    for line in &lines {
        assert_eq!(line["verdict"], "unreadable", "{text}");
        assert!(
            line["reason"].to_string().contains("answered 431"),
            "{text}"
        );
    }
    upstream.verify().await;
}
