//! The validator: every kind of violation, produced by mutating a conforming exchange, with its
//! location, pointer and keyword asserted; and every example on the vendors' pages validating.

use std::path::Path;

use confirmspec_validator::Spec;
use confirmspec_validator::{
    Exchange, Findings, Options, Request, Response, Rule, RuleLevel, Severity, Validator, Verdict,
};
use serde_json::{Value, json};

pub(crate) fn everything(options: Options) -> Validator {
    let spec = Spec::load(Path::new("tests/data/everything.yaml")).unwrap();
    Validator::new(vec![spec], options).unwrap()
}

pub(crate) fn headers(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
        .collect()
}

/// A `getItem` exchange that conforms; tests break one thing at a time.
pub(crate) fn get_item() -> Exchange {
    Exchange {
        request: Request {
            method: "GET".into(),
            url: "https://api.example.com/v1/items/7?limit=10&fields=id,name".into(),
            headers: headers(&[
                ("Authorization", "Basic dXNlcjpzM2NyZXQ="),
                ("X-Request-Id", "6f1c1d9e-7c1b-4c2a-9d55-0a3c7b2e9f10"),
                ("Cookie", "theme=dark"),
            ]),
            body: None,
            unrecorded: None,
        },
        response: Some(Response {
            status: 200,
            headers: headers(&[("Content-Type", "application/json"), ("X-Rate-Limit", "99")]),
            body: Some(
                br#"{"id": 7, "name": "lamp", "note": null, "created": "2024-06-13T10:00:00Z"}"#
                    .to_vec(),
            ),
            unrecorded: None,
        }),
    }
}

pub(crate) fn put_item() -> Exchange {
    Exchange {
        request: Request {
            method: "PUT".into(),
            url: "/v1/items/7".into(),
            headers: headers(&[
                ("Content-Type", "application/json"),
                ("Cookie", "sid=abc123session"),
            ]),
            body: Some(br#"{"name": "lamp", "secret": "hunter2-password"}"#.to_vec()),
            unrecorded: None,
        },
        response: Some(Response {
            status: 200,
            headers: headers(&[("Content-Type", "application/json; charset=utf-8")]),
            body: Some(br#"{"id": 7, "name": "lamp"}"#.to_vec()),
            unrecorded: None,
        }),
    }
}

/// A change to make to a conforming exchange or response.
pub(crate) type Mutation<T> = Box<dyn Fn(&mut T)>;

/// An example on a page: its position among the page's JSON objects, the operation, and the
/// response status (`None` for the request body).
pub(crate) type PageExample = (usize, &'static str, Option<u16>);

/// The one violation of a report, as (location, pointer, keyword).
pub(crate) fn only(report: &Findings) -> (String, Option<String>, String) {
    assert_eq!(report.violations.len(), 1, "{:#?}", report.violations);
    let v = &report.violations[0];
    (
        v.location.to_string(),
        v.pointer.clone(),
        v.keyword.to_string(),
    )
}

pub(crate) fn found(
    location: &str,
    pointer: Option<&str>,
    keyword: &str,
) -> (String, Option<String>, String) {
    (
        location.to_owned(),
        pointer.map(str::to_owned),
        keyword.to_owned(),
    )
}

#[test]
fn the_base_exchanges_conform() {
    let validator = everything(Options::default());
    for exchange in [get_item(), put_item()] {
        let report = validator.validate(&exchange);
        assert_eq!(
            report.verdict,
            Verdict::Conforming,
            "{:#?}",
            report.violations
        );
        assert_eq!(report.spec.as_deref(), Some("everything"));
    }
}

#[test]
fn parameters_are_decoded_and_typed_per_location() {
    let validator = everything(Options::default());
    let cases: Vec<(Mutation<Exchange>, _)> = vec![
        (
            Box::new(|e| e.request.url = e.request.url.replace("/items/7", "/items/0")),
            found("request.path.id", None, "minimum"),
        ),
        (
            Box::new(|e| e.request.url = e.request.url.replace("/items/7", "/items/seven")),
            found("request.path.id", None, "type"),
        ),
        (
            Box::new(|e| e.request.url = e.request.url.replace("limit=10", "limit=500")),
            found("request.query.limit", None, "maximum"),
        ),
        (
            Box::new(|e| e.request.url = e.request.url.replace("limit=10&", "")),
            found("request.query.limit", None, "required"),
        ),
        (
            Box::new(|e| {
                e.request.url = e.request.url.replace("fields=id,name", "fields=id,price")
            }),
            found("request.query.fields", None, "enum"),
        ),
        (
            Box::new(|e| e.request.headers[1].1 = "not-a-uuid".into()),
            found("request.header.x-request-id", None, "format"),
        ),
        (
            Box::new(|e| {
                e.request.headers.remove(1);
            }),
            found("request.header.x-request-id", None, "required"),
        ),
        (
            Box::new(|e| e.request.headers[2].1 = "theme=neon".into()),
            found("request.cookie.theme", None, "enum"),
        ),
    ];
    for (mutate, expected) in cases {
        let mut exchange = get_item();
        mutate(&mut exchange);
        let report = validator.validate(&exchange);
        assert_eq!(report.verdict, Verdict::Violating);
        assert_eq!(only(&report), expected);
    }
}

#[test]
fn security_alternatives_are_honoured_and_credentials_never_shown() {
    let validator = everything(Options::default());
    let mut by_key = get_item();
    by_key.request.headers.remove(0);
    by_key.request.url.push_str("&api_key=k-9f8e7d6c5b");
    assert_eq!(
        validator.validate(&by_key).verdict,
        Verdict::Conforming,
        "the apiKey alternative"
    );
    assert_eq!(
        validator.masked_url(&by_key.request.url),
        "https://api.example.com/v1/items/7?limit=10&fields=id,name&api_key=***"
    );

    let mut none = get_item();
    none.request.headers.remove(0);
    let report = validator.validate(&none);
    assert_eq!(only(&report), found("request.security", None, "security"));
    let message = &report.violations[0].message;
    assert!(
        message.contains("`Authorization: Basic` (basic)")
            && message.contains("`api_key` query (key)"),
        "{message}"
    );

    let mut wrong_scheme = get_item();
    wrong_scheme.request.headers[0].1 = "Bearer dXNlcjpzM2NyZXQ=".into();
    assert_eq!(
        only(&validator.validate(&wrong_scheme)),
        found("request.security", None, "security")
    );

    let mut no_cookie = put_item();
    no_cookie.request.headers.remove(1);
    assert_eq!(
        only(&validator.validate(&no_cookie)),
        found("request.security", None, "security")
    );
}

#[test]
fn request_bodies_are_checked_with_read_only_forbidden() {
    let validator = everything(Options::default());
    let cases: Vec<(&str, Option<&str>, _)> = vec![
        (
            r#"{"name": ""}"#,
            Some("application/json"),
            found("request.body", Some("/name"), "minLength"),
        ),
        (
            r#"{"id": 3, "name": "lamp"}"#,
            Some("application/json"),
            found("request.body", Some("/id"), "readOnly"),
        ),
        (
            r#"{"name": "lamp", "email": "nobody"}"#,
            Some("application/json"),
            found("request.body", Some("/email"), "format"),
        ),
        (
            r#"{"name": "lamp", "note": 5}"#,
            Some("application/json"),
            found("request.body", Some("/note"), "type"),
        ),
        (
            r#"{"name": "lamp""#,
            Some("application/json"),
            found("request.body", Some(""), "json"),
        ),
        (
            r#"{"name": "lamp"}"#,
            Some("text/plain"),
            found("request.header.content-type", None, "contentType"),
        ),
        (
            r#"{"name": "lamp"}"#,
            None,
            found("request.header.content-type", None, "contentType"),
        ),
        (
            "",
            Some("application/json"),
            found("request.body", None, "required"),
        ),
    ];
    for (body, content_type, expected) in cases {
        let mut exchange = put_item();
        exchange.request.body = Some(body.as_bytes().to_vec());
        exchange
            .request
            .headers
            .retain(|(n, _)| n != "Content-Type");
        if let Some(content_type) = content_type {
            exchange
                .request
                .headers
                .push(("Content-Type".into(), content_type.into()));
        }
        let report = validator.validate(&exchange);
        assert_eq!(only(&report), expected, "body {body}");
    }
}

#[test]
fn responses_are_checked_by_status_media_type_headers_and_body() {
    let validator = everything(Options::default());
    let cases: Vec<(Mutation<Response>, _)> = vec![
        (
            Box::new(|r| r.status = 500),
            found("response.status", None, "status"),
        ),
        (
            Box::new(|r| r.headers.retain(|(n, _)| n != "X-Rate-Limit")),
            found("response.header.x-rate-limit", None, "required"),
        ),
        (
            Box::new(|r| r.headers[1].1 = "many".into()),
            found("response.header.x-rate-limit", None, "type"),
        ),
        (
            Box::new(|r| r.headers[0].1 = "text/html".into()),
            found("response.header.content-type", None, "contentType"),
        ),
        (
            Box::new(|r| r.body = Some(b"<html><body>Bad Gateway</body></html>".to_vec())),
            found("response.body", Some(""), "json"),
        ),
        (
            Box::new(|r| r.body = Some(br#"{"id": 7, "name": "lamp", "secret": "x"}"#.to_vec())),
            found("response.body", Some("/secret"), "writeOnly"),
        ),
        (
            Box::new(|r| r.body = Some(br#"{"id": 2147483648, "name": "lamp"}"#.to_vec())),
            found("response.body", Some("/id"), "maximum"),
        ),
        (
            Box::new(|r| {
                r.body =
                    Some(br#"{"id": 7, "name": "lamp", "created": "2024-06-13 10:00"}"#.to_vec())
            }),
            found("response.body", Some("/created"), "format"),
        ),
        (
            Box::new(|r| r.body = Some(br#"{"id": 7}"#.to_vec())),
            found("response.body", Some(""), "required"),
        ),
        (
            Box::new(|r| r.body = None),
            found("response.body", None, "body"),
        ),
    ];
    for (mutate, expected) in cases {
        let mut exchange = get_item();
        mutate(exchange.response.as_mut().unwrap());
        let report = validator.validate(&exchange);
        assert_eq!(only(&report), expected);
    }

    // A range (4XX) with its own media type, and a documented empty response.
    let mut problem = get_item();
    let response = problem.response.as_mut().unwrap();
    response.status = 404;
    response.headers = headers(&[("Content-Type", "application/problem+json")]);
    response.body = Some(br#"{"title": "no such item"}"#.to_vec());
    assert_eq!(validator.validate(&problem).verdict, Verdict::Conforming);
    let mut empty = get_item();
    let response = empty.response.as_mut().unwrap();
    response.status = 204;
    response.body = None;
    assert_eq!(validator.validate(&empty).verdict, Verdict::Conforming);
    // `default` without content: a body is a violation.
    let mut defaulted = put_item();
    defaulted.response.as_mut().unwrap().status = 500;
    assert_eq!(
        only(&validator.validate(&defaulted)),
        found("response.header.content-type", None, "contentType")
    );
}

#[test]
fn the_discriminator_points_inside_the_chosen_branch() {
    let validator = everything(Options::default());
    let exchange = |body: &str| Exchange {
        request: Request {
            method: "POST".into(),
            url: "/v1/pets".into(),
            headers: headers(&[("Content-Type", "application/json")]),
            body: Some(body.as_bytes().to_vec()),
            unrecorded: None,
        },
        response: None,
    };
    assert_eq!(
        validator
            .validate(&exchange(r#"{"kind": "Cat", "lives": 9}"#))
            .verdict,
        Verdict::Conforming
    );
    let report = validator.validate(&exchange(r#"{"kind": "Cat", "lives": 12}"#));
    assert_eq!(
        only(&report),
        found("request.body", Some("/lives"), "maximum")
    );
    assert_eq!(
        report.violations[0].schema_path.as_deref(),
        Some("/components/schemas/Cat/properties/lives/maximum")
    );
    let report = validator.validate(&exchange(r#"{"kind": "Dog", "lives": 1}"#));
    assert_eq!(
        only(&report),
        found("request.body", Some(""), "required"),
        "Dog needs bark"
    );
    let report = validator.validate(&exchange(r#"{"kind": "Cow"}"#));
    assert_eq!(only(&report), found("request.body", Some("/kind"), "enum"));
}

#[test]
fn strictness_and_rule_levels_are_the_users() {
    let mut exchange = get_item();
    exchange.response.as_mut().unwrap().body =
        Some(br#"{"id": 7, "name": "lamp", "colour": "red"}"#.to_vec());
    assert_eq!(
        everything(Options::default()).validate(&exchange).verdict,
        Verdict::Conforming
    );
    let strict = everything(Options {
        strict: true,
        ..Options::default()
    });
    assert_eq!(
        only(&strict.validate(&exchange)),
        found("response.body", Some(""), "unevaluatedProperties")
    );

    let mut bad_format = get_item();
    bad_format.request.headers[1].1 = "not-a-uuid".into();
    let warn = everything(Options {
        rules: [(Rule::Format, RuleLevel::Warning)].into(),
        ..Options::default()
    });
    let report = warn.validate(&bad_format);
    assert_eq!(
        report.verdict,
        Verdict::Conforming,
        "warnings do not make an exchange violate"
    );
    assert_eq!(report.violations[0].severity, Severity::Warning);
    let off = everything(Options {
        rules: [(Rule::Format, RuleLevel::Off)].into(),
        ..Options::default()
    });
    assert!(off.validate(&bad_format).violations.is_empty());
}

#[test]
fn unmatched_requests_say_why() {
    let validator = everything(Options::default());
    let mut wrong_path = get_item();
    wrong_path.request.url = "https://api.example.com/v2/items/7".into();
    let report = validator.validate(&wrong_path);
    assert_eq!(report.verdict, Verdict::Unmatched);
    assert_eq!(
        report.reason.as_deref(),
        Some("no operation of any spec matches GET /v2/items/7")
    );
    let mut wrong_method = get_item();
    wrong_method.request.method = "DELETE".into();
    let report = validator.validate(&wrong_method);
    assert_eq!(report.verdict, Verdict::Unmatched);
    assert!(
        report
            .reason
            .unwrap()
            .contains("documented for GET, PUT only")
    );

    let hosts = everything(Options {
        match_hosts: true,
        ..Options::default()
    });
    assert_eq!(hosts.validate(&get_item()).verdict, Verdict::Conforming);
    let mut elsewhere = get_item();
    elsewhere.request.url = elsewhere
        .request
        .url
        .replace("api.example.com", "staging.example.com");
    assert_eq!(hosts.validate(&elsewhere).verdict, Verdict::Unmatched);
    assert_eq!(
        validator.validate(&elsewhere).verdict,
        Verdict::Conforming,
        "hosts are ignored by default"
    );
}

#[test]
fn secrets_marked_password_never_appear_in_messages() {
    let validator = Validator::new(confirmspec::bundled_specs(), Options::default()).unwrap();
    let body = json!({"verifyId": 42, "verifyCode": 771200});
    let exchange = Exchange {
        request: Request {
            method: "POST".into(),
            url: "https://api.viasandbox.uz/partner/merchant/confirm/pay/verify".into(),
            headers: headers(&[
                ("client-id", "system"),
                ("client-secret", "s3cr3t-k3y"),
                ("Content-Type", "application/json"),
            ]),
            body: Some(body.to_string().into_bytes()),
            unrecorded: None,
        },
        response: None,
    };
    let report = validator.validate(&exchange);
    assert_eq!(report.violations.len(), 2, "{:#?}", report.violations);
    let shown = serde_json::to_string(&report).unwrap();
    assert!(!shown.contains("771200"), "{shown}");
    assert!(!shown.contains("s3cr3t-k3y"), "{shown}");
    assert!(shown.contains("42"), "non-secret values stay: {shown}");
}

/// Every JSON object in a page's text (fenced or not), in order.
pub(crate) fn json_objects(text: &str) -> Vec<Value> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut start = 0;
    while let Some(offset) = text[start..].find('{') {
        let open = start + offset;
        let (mut depth, mut in_string, mut escaped, mut end) = (0, false, false, None);
        for (i, &b) in bytes[open..].iter().enumerate() {
            match (in_string, escaped, b) {
                (true, true, _) => escaped = false,
                (true, false, b'\\') => escaped = true,
                (true, false, b'"') => in_string = false,
                (true, false, _) => {}
                (false, _, b'"') => in_string = true,
                (false, _, b'{') => depth += 1,
                (false, _, b'}') => {
                    depth -= 1;
                    if depth == 0 {
                        end = Some(open + i + 1);
                        break;
                    }
                }
                _ => {}
            }
        }
        match end.and_then(|end| {
            serde_json::from_str::<Value>(&text[open..end])
                .ok()
                .map(|v| (v, end))
        }) {
            Some((value, end)) if value.is_object() => {
                found.push(value);
                start = end;
            }
            _ => start = open + 1,
        }
    }
    found
}
