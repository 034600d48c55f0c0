//! The proxy's request handling: whatever bytes a client sends on a connection (a request
//! line, headers, a body, or garbage) get an answer or a closed connection, never a panic or
//! a hang, in both modes (forwarding, and `enforce`). The first byte picks the mode; the rest
//! is written to the proxy as it is. Behind the proxy, an upstream on 127.0.0.1 answers every
//! request with a documented body; the report and the HAR recording are written (to nowhere),
//! so every exchange is validated and redacted too.
#![no_main]

use std::convert::Infallible;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::OnceLock;
use std::time::Duration;

use bytes::Bytes;
use confirmspec_validator::proxy::{Config, serve};
use confirmspec_validator::{Options, Validator};
use http_body_util::{BodyExt, Full};
use libfuzzer_sys::fuzz_target;

const BODY: &str = r#"{"status":"OK","result":{"verificationResult":"ACCEPTED","attemptsLeft":2}}"#;

/// The two proxies' addresses: forwarding, and enforcing.
static PROXIES: OnceLock<[SocketAddr; 2]> = OnceLock::new();

fn start() -> [SocketAddr; 2] {
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let upstream = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            let upstream_url = format!("http://{}", upstream.local_addr().unwrap());
            tokio::spawn(async move {
                while let Ok((stream, _)) = upstream.accept().await {
                    tokio::spawn(async move {
                        let service = hyper::service::service_fn(|request: hyper::Request<hyper::body::Incoming>| async {
                            let _ = request.into_body().collect().await;
                            let mut response = hyper::Response::new(Full::new(Bytes::from(BODY)));
                            response.headers_mut().insert(
                                "content-type",
                                hyper::header::HeaderValue::from_static("application/json"),
                            );
                            Ok::<_, Infallible>(response)
                        });
                        let _ = hyper::server::conn::http1::Builder::new()
                            .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                            .await;
                    });
                }
            });
            let mut addresses = Vec::new();
            for enforce in [false, true] {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                addresses.push(listener.local_addr().unwrap());
                let config = Config {
                    upstreams: vec![("yandex-market".into(), upstream_url.parse().unwrap())],
                    enforce,
                    max_body: 64 << 10,
                    header_timeout: Duration::from_secs(1),
                    body_timeout: Duration::from_secs(1),
                    upstream_timeout: Duration::from_secs(2),
                    ..Config::default()
                };
                let validator = Validator::new(confirmspec::bundled_specs(), Options::default()).unwrap();
                let record: Box<dyn Write + Send> = Box::new(std::io::sink());
                tokio::spawn(serve(
                    listener,
                    validator,
                    config,
                    std::io::sink(),
                    Some(record),
                    std::future::pending(),
                ));
            }
            sender.send([addresses[0], addresses[1]]).unwrap();
            std::future::pending::<()>().await;
        });
    });
    receiver.recv().unwrap()
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, request)) = data.split_first() else {
        return;
    };
    let proxies = PROXIES.get_or_init(start);
    let mut stream = TcpStream::connect(proxies[usize::from(mode & 1)]).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    // The proxy may answer and close before it has read everything.
    let _ = stream.write_all(request);
    let _ = stream.shutdown(std::net::Shutdown::Write);
    let mut answer = Vec::new();
    if let Err(error) = stream.read_to_end(&mut answer) {
        // A reset is an answer; silence past the timeouts is a hang.
        assert!(
            error.kind() != std::io::ErrorKind::WouldBlock
                && error.kind() != std::io::ErrorKind::TimedOut,
            "the proxy neither answered nor closed within 10 s"
        );
    }
    if !answer.is_empty() {
        assert!(answer.starts_with(b"HTTP/1."), "{:?}", String::from_utf8_lossy(&answer));
    }
});
