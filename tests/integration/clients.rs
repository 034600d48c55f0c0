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

mod invoicebox_client;

mod yandex_market_client;

mod via_client;
