//! `examples/forward.rs` with one upstream connection per client connection
//! (`hyper::client::conn::http1`) instead of hyper-util's pool: what that design would save
//! the proxy, for `benches/proxy-instructions.sh`. Not a proxy to use: plain HTTP, no
//! timeouts, a failed upstream is a 502 with no body, and a client connection whose upstream
//! cannot be reached is closed.
//!
//! Like the proxy, it runs a single-threaded runtime on each core, each with its own listening
//! socket on the same port (SO_REUSEPORT); `multi` runs tokio's multi-threaded runtime instead.
//!
//! `cargo run --release --example forward_conn -- 127.0.0.1:9500 127.0.0.1:9100 [multi]`

use std::convert::Infallible;
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use http_body_util::{BodyExt, Either, Empty, Full};
use hyper::body::Incoming;
use hyper::client::conn::http1::SendRequest;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;

type Answer = Response<Either<Incoming, Empty<Bytes>>>;
/// The client connection's upstream; taken while a request is in flight on it.
type Sender = Arc<Mutex<Option<SendRequest<Full<Bytes>>>>>;

async fn forward(sender: Sender, request: Request<Incoming>) -> Answer {
    let (parts, body) = request.into_parts();
    let failed = || {
        let mut response = Response::new(Either::Right(Empty::new()));
        *response.status_mut() = StatusCode::BAD_GATEWAY;
        response
    };
    let Ok(body) = body.collect().await else {
        return failed();
    };
    let Some(mut send) = sender.lock().unwrap().take() else {
        return failed();
    };
    if send.ready().await.is_err() {
        return failed();
    }
    let request = Request::from_parts(parts, Full::new(body.to_bytes()));
    let answer = send.send_request(request).await;
    *sender.lock().unwrap() = Some(send);
    match answer {
        Ok(response) => response.map(Either::Left),
        Err(_) => failed(),
    }
}

/// Serves `listener`: each client connection gets an upstream connection of its own.
async fn serve(listener: tokio::net::TcpListener, upstream: String) -> std::io::Result<()> {
    loop {
        let (stream, _) = listener.accept().await?;
        let _ = stream.set_nodelay(true);
        let upstream = upstream.clone();
        tokio::spawn(async move {
            let Ok(up) = tokio::net::TcpStream::connect(&upstream).await else {
                return;
            };
            let _ = up.set_nodelay(true);
            let Ok((send, connection)) =
                hyper::client::conn::http1::handshake(TokioIo::new(up)).await
            else {
                return;
            };
            tokio::spawn(connection);
            let sender: Sender = Arc::new(Mutex::new(Some(send)));
            let service = hyper::service::service_fn(move |request| {
                let sender = sender.clone();
                async move { Ok::<_, Infallible>(forward(sender, request).await) }
            });
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let address: std::net::SocketAddr = args
        .next()
        .unwrap_or_else(|| "127.0.0.1:9500".into())
        .parse()
        .map_err(std::io::Error::other)?;
    let upstream = args.next().unwrap_or_else(|| "127.0.0.1:9100".into());
    if args.next().as_deref() == Some("multi") {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()?;
        return runtime.block_on(async {
            serve(tokio::net::TcpListener::bind(address).await?, upstream).await
        });
    }
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let mut running = Vec::new();
    for listener in confirmspec_validator::proxy::listeners(address, threads)? {
        let upstream = upstream.clone();
        running.push(std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?;
            runtime.block_on(async {
                serve(tokio::net::TcpListener::from_std(listener)?, upstream).await
            })
        }));
    }
    for thread in running {
        thread
            .join()
            .map_err(|_| std::io::Error::other("a thread panicked"))??;
    }
    Ok(())
}
