//! A plain forwarding proxy on the HTTP stack `confirmspec proxy` uses (hyper's server, reading
//! each request body whole, and hyper-util's pooled client), with no validation, report,
//! routing, limits or timeouts: the floor of what the proxy costs, for `benches/proxy.sh`.
//! Not a proxy to use; it answers 502 with no body when the upstream fails.
//!
//! `cargo run --release --example forward -- 127.0.0.1:9400 http://127.0.0.1:9100`

use std::convert::Infallible;

use bytes::Bytes;
use http_body_util::{BodyExt, Either, Empty, Full};
use hyper::body::Incoming;
use hyper::{Request, Response, StatusCode, Uri};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::{TokioExecutor, TokioIo};

type Upstream = Client<HttpConnector, Full<Bytes>>;
type Answer = Response<Either<Incoming, Empty<Bytes>>>;

/// `base` is the upstream's origin, with no trailing slash.
async fn forward(client: Upstream, base: String, request: Request<Incoming>) -> Answer {
    let (mut parts, body) = request.into_parts();
    let failed = || {
        let mut response = Response::new(Either::Right(Empty::new()));
        *response.status_mut() = StatusCode::BAD_GATEWAY;
        response
    };
    let Ok(body) = body.collect().await else {
        return failed();
    };
    let target = parts.uri.path_and_query().map_or("/", |p| p.as_str());
    let Ok(uri) = format!("{base}{target}").parse::<Uri>() else {
        return failed();
    };
    parts.uri = uri;
    let request = Request::from_parts(parts, Full::new(body.to_bytes()));
    match client.request(request).await {
        Ok(response) => response.map(Either::Left),
        Err(_) => failed(),
    }
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let address = args.next().unwrap_or_else(|| "127.0.0.1:9400".into());
    let base = args
        .next()
        .unwrap_or_else(|| "http://127.0.0.1:9100".into())
        .trim_end_matches('/')
        .to_owned();
    let client: Upstream = Client::builder(TokioExecutor::new()).build(HttpConnector::new());
    let listener = tokio::net::TcpListener::bind(&address).await?;
    eprintln!("forwarding {} to {base}", listener.local_addr()?);
    loop {
        let (stream, _) = listener.accept().await?;
        let (client, base) = (client.clone(), base.clone());
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |request| {
                let (client, base) = (client.clone(), base.clone());
                async move { Ok::<_, Infallible>(forward(client, base, request).await) }
            });
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}
