//! Exchanges as they may be recorded ([`Validator::redacted`]): the values of credential
//! headers, cookies and query parameters, and the body values the schemas mark `format:
//! password`, replaced. What a secret is, and how it is masked, is `secrets`'s.

use serde_json::Value;

use crate::decode::form::{self, FormKind};
use crate::decode::media::{essence, header, pick};
use crate::exchange::Exchange;
use crate::secrets::{mask_named, masked, masked_url};
use crate::validate::check::target::Target;
use crate::validate::router::Found;
use crate::validate::{Inner, Validator};
use confirmspec_spec::model::Media;

impl Validator {
    /// The exchange as it may be recorded: the values of credential headers, cookies and
    /// query parameters, and the body values the schemas mark `format: password`, replaced.
    /// A redacted value keeps its JSON type (a string becomes `"***"`, a number `0`), so a
    /// recording validates as the exchange did unless a rule constrains the secret itself.
    pub fn redacted(&self, exchange: &Exchange) -> Exchange {
        redacted(&self.inner, exchange)
    }
}

/// `exchange` with its secrets replaced (see `Validator::redacted`).
fn redacted(inner: &Inner, exchange: &Exchange) -> Exchange {
    let mut out = exchange.clone();
    out.request.url = masked_url(&inner.secret_query, &exchange.request.url);
    for (name, value) in &mut out.request.headers {
        if inner
            .secret_headers
            .iter()
            .any(|secret| secret.eq_ignore_ascii_case(name))
        {
            // An `Authorization` value keeps its scheme (`Bearer ***`), so that a recording
            // still shows, and validates with, the kind of credential that was sent.
            *value = match value.split_once(' ') {
                Some((scheme, _)) if name.eq_ignore_ascii_case("authorization") => {
                    format!("{scheme} ***")
                }
                _ => "***".into(),
            };
        }
    }
    if let Some(response) = &mut out.response {
        for (name, value) in &mut response.headers {
            if name.eq_ignore_ascii_case("set-cookie") {
                *value = "***".into();
            }
        }
    }
    let operation = match Target::parse(&exchange.request.url) {
        Ok(target) => match inner
            .operations
            .find(&exchange.request.method, target.path, None)
        {
            Found::Operation(operation, _) => Some(operation),
            _ => None,
        },
        Err(_) => None,
    };
    let Some(operation) = operation else {
        // No schema says where this exchange's secrets are: every field named like a secret
        // of some spec is masked.
        let request_type = header(&out.request.headers, "content-type").map(str::to_owned);
        let response_type = out
            .response
            .as_ref()
            .and_then(|r| header(&r.headers, "content-type"))
            .map(str::to_owned);
        let bodies = [
            (out.request.body.as_mut(), request_type),
            (
                out.response.as_mut().and_then(|r| r.body.as_mut()),
                response_type,
            ),
        ];
        for (body, content_type) in bodies {
            let Some(body) = body else {
                continue;
            };
            let content_type = content_type.unwrap_or_default();
            if let Some(kind) = FormKind::of(essence(&content_type)) {
                let secret = |name: &str| inner.secret_fields.iter().any(|n| n == name);
                if let Some(masked) = form::redacted(kind, &content_type, body, &secret) {
                    *body = masked;
                }
                continue;
            }
            if let Ok(mut value) = serde_json::from_slice::<Value>(body)
                && mask_named(&mut value, &inner.secret_fields)
                && let Ok(text) = serde_json::to_vec(&value)
            {
                *body = text;
            }
        }
        return out;
    };
    let spec = &inner.specs[operation.spec];
    let request = &mut out.request;
    if let (Some(body), Some(declared)) = (&mut request.body, &operation.body) {
        redact_body(
            spec,
            &declared.media,
            &request.headers,
            body,
            &inner.secret_fields,
        );
    }
    if let Some(response) = &mut out.response
        && let Some(declared) = operation.response_for(response.status)
        && let Some(body) = &mut response.body
    {
        redact_body(
            spec,
            &declared.media,
            &response.headers,
            body,
            &inner.secret_fields,
        );
    }
    out
}

/// Replaces the values of a JSON body that its schema marks `format: password`.
fn redact_body(
    spec: &confirmspec_spec::Spec,
    media: &[Media],
    headers: &[(String, String)],
    body: &mut Vec<u8>,
    secret_names: &[String],
) {
    let content_type = header(headers, "content-type").unwrap_or("application/json");
    let essence = essence(content_type);
    if let Some(kind) = FormKind::of(essence) {
        let secret = |name: &str| secret_names.iter().any(|n| n == name);
        if let Some(masked) = form::redacted(kind, content_type, body, &secret) {
            *body = masked;
        }
        return;
    }
    // A body in which no secret property's name (of any spec) stands as written has nothing
    // to redact, and is not parsed. (A key can be spelt with escapes, `"co\u0064e"`: a body
    // with a backslash is always parsed.)
    let named = |name: &String| memchr::memmem::find(body, format!("\"{name}\"").as_bytes());
    if memchr::memchr(b'\\', body).is_none() && !secret_names.iter().any(|n| named(n).is_some()) {
        return;
    }
    let Some(schema) = pick(media, essence).and_then(|m| m.schema.as_deref()) else {
        return;
    };
    let Ok(mut value) = serde_json::from_slice::<Value>(body) else {
        return;
    };
    let places = spec.secrets_in(schema, &value);
    if places.is_empty() {
        return;
    }
    for (place, _) in places {
        if let Some(slot) = value.pointer_mut(&place) {
            *slot = masked(slot);
        }
    }
    if let Ok(text) = serde_json::to_vec(&value) {
        *body = text;
    }
}
