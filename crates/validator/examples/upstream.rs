//! A stand-in upstream for `benches/proxy.sh`: answers every request with Yandex Market's
//! documented `verifyOrderEac` success body, after reading the request body, as fast as hyper
//! can. Not a mock of any logic; only a fast, fixed server to measure a proxy against.
//!
//! `cargo run --release --example upstream -- 127.0.0.1:9100`

use std::convert::Infallible;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;

const BODY: &str = r#"{"status":"OK","result":{"verificationResult":"ACCEPTED","attemptsLeft":2}}"#;

async fn answer(request: Request<Incoming>) -> Result<Response<Full<Bytes>>, Infallible> {
    // Read the body, as a real server does, before answering.
    let _ = request.into_body().collect().await;
    let mut response = Response::new(Full::new(Bytes::from_static(BODY.as_bytes())));
    response.headers_mut().insert(
        hyper::header::CONTENT_TYPE,
        hyper::header::HeaderValue::from_static("application/json"),
    );
    Ok(response)
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let address = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:9100".into());
    let listener = tokio::net::TcpListener::bind(&address).await?;
    eprintln!("upstream listening on {}", listener.local_addr()?);
    loop {
        let (stream, _) = listener.accept().await?;
        tokio::spawn(async move {
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), hyper::service::service_fn(answer))
                .await;
        });
    }
}
