//! The validator: every kind of violation, produced by mutating a conforming exchange, with its
//! location, pointer and keyword asserted; and every example on the vendors' pages validating.

use std::path::Path;

use confirmspec_validator::Spec;
use confirmspec_validator::{
    Exchange, Findings, Options, Request, Response, Rule, RuleLevel, Severity, Validator, Verdict,
};
use serde_json::{Value, json};

fn everything(options: Options) -> Validator {
    let spec = Spec::load(Path::new("tests/data/everything.yaml")).unwrap();
    Validator::new(vec![spec], options).unwrap()
}

fn headers(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
        .collect()
}

/// A `getItem` exchange that conforms; tests break one thing at a time.
fn get_item() -> Exchange {
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

fn put_item() -> Exchange {
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
type Mutation<T> = Box<dyn Fn(&mut T)>;

/// An example on a page: its position among the page's JSON objects, the operation, and the
/// response status (`None` for the request body).
type PageExample = (usize, &'static str, Option<u16>);

/// The one violation of a report, as (location, pointer, keyword).
fn only(report: &Findings) -> (String, Option<String>, String) {
    assert_eq!(report.violations.len(), 1, "{:#?}", report.violations);
    let v = &report.violations[0];
    (
        v.location.to_string(),
        v.pointer.clone(),
        v.keyword.to_string(),
    )
}

fn found(location: &str, pointer: Option<&str>, keyword: &str) -> (String, Option<String>, String) {
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
fn json_objects(text: &str) -> Vec<Value> {
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

#[test]
fn every_example_on_the_vendor_pages_validates() {
    let validator = Validator::new(confirmspec::bundled_specs(), Options::default()).unwrap();
    let docs = Path::new("../shared/api-docs");
    // (page, how many JSON objects it shows, and for each that is an example of ours:
    //  its position, the operation, and the response status or None for the request body)
    let pages: [(&str, usize, &[PageExample]); 7] = [
        (
            "invoicebox-send-code.md",
            2,
            &[(0, "sendCode", None), (1, "sendCode", Some(200))],
        ),
        (
            "invoicebox-pay.md",
            3,
            &[(0, "pay", None), (1, "pay", Some(200))],
        ),
        (
            "invoicebox-official/validate.md",
            2,
            &[(0, "validate", None), (1, "validate", Some(200))],
        ),
        (
            "invoicebox-official/auth.md",
            3,
            &[(1, "validate", Some(401))],
        ),
        ("invoicebox-official/api.md", 3, &[(2, "pay", Some(401))]),
        (
            "yandex-market-verify-eac.md",
            8,
            &[
                (0, "verifyOrderEac", None),
                (1, "verifyOrderEac", Some(200)),
                (2, "verifyOrderEac", Some(400)),
                (3, "verifyOrderEac", Some(401)),
                (4, "verifyOrderEac", Some(403)),
                (5, "verifyOrderEac", Some(404)),
                (6, "verifyOrderEac", Some(420)),
                (7, "verifyOrderEac", Some(500)),
            ],
        ),
        (
            "via-merchant-confirm-pay-verify.md",
            3,
            &[
                (0, "confirmPayVerify", None),
                (1, "confirmPayVerify", Some(200)),
                (2, "confirmPayVerify", Some(400)),
            ],
        ),
    ];
    let mut checked = 0;
    for (page, count, examples) in pages {
        let text =
            std::fs::read_to_string(docs.join(page)).unwrap_or_else(|e| panic!("{page}: {e}"));
        let objects = json_objects(&text);
        assert_eq!(objects.len(), count, "{page}: {objects:#?}");
        for &(index, operation, status) in examples {
            let payload = serde_json::to_vec(&objects[index]).unwrap();
            let report = validator
                .check_operation(operation, status, &payload)
                .unwrap();
            assert_eq!(
                report.verdict,
                Verdict::Conforming,
                "{page} #{index}: {:#?}",
                report.violations
            );
            checked += 1;
        }
    }
    // The pay page's `resultData` for `type: message`, inside the response it belongs to.
    let pay_page = std::fs::read_to_string(docs.join("invoicebox-pay.md")).unwrap();
    let result_data = json_objects(&pay_page).remove(2);
    let response =
        json!({"data": {"type": "message", "result": "notEnoughMoney", "resultData": result_data}});
    let report = validator
        .check_operation("pay", Some(200), response.to_string().as_bytes())
        .unwrap();
    assert_eq!(
        report.verdict,
        Verdict::Conforming,
        "{:#?}",
        report.violations
    );
    assert_eq!(checked + 1, 20);
}

#[test]
fn payloads_check_against_components_and_operations() {
    let validator = Validator::new(confirmspec::bundled_specs(), Options::default()).unwrap();
    let report = validator
        .check_schema(
            None,
            "Customer",
            br#"{"type": "legal", "phone": "79611234567"}"#,
        )
        .unwrap();
    assert_eq!(report.verdict, Verdict::Conforming);
    let report = validator
        .check_schema(
            Some("invoicebox"),
            "Customer",
            br#"{"vatNumber": "123456789012345678901"}"#,
        )
        .unwrap();
    assert_eq!(
        only(&report),
        found("payload", Some("/vatNumber"), "maxLength")
    );
    assert_eq!(
        report.violations[0].spec_file.as_deref(),
        Some("specs/invoicebox.yaml")
    );
    assert!(report.violations[0].spec_line.is_some());
    let report = validator
        .check_operation(
            "verifyOrderEac",
            Some(200),
            b"{\"result\": {\"attemptsLeft\": -1.5}}",
        )
        .unwrap();
    assert_eq!(
        only(&report),
        found("payload", Some("/result/attemptsLeft"), "type")
    );
    assert!(validator.check_schema(None, "NoSuchSchema", b"{}").is_err());
    assert!(validator.check_operation("pay", Some(302), b"{}").is_err());
}

#[test]
fn the_bundled_schemas_made_by_the_build_equal_a_fresh_conversion() {
    let bundled = Validator::new(confirmspec::bundled_specs(), Options::default()).unwrap();
    let fresh: Vec<Spec> = confirmspec::vendors::VENDORS
        .iter()
        .map(|v| Spec::from_text(v.name, Path::new(v.file), v.text).unwrap())
        .collect();
    let fresh = Validator::new(fresh, Options::default()).unwrap();
    for ((name, built), (_, converted)) in bundled
        .schema_documents()
        .into_iter()
        .zip(fresh.schema_documents())
    {
        assert_eq!(built, converted, "{name}");
    }
    assert_eq!(bundled.compile_all().unwrap(), fresh.compile_all().unwrap());
}

/// An `oauth2` or `openIdConnect` requirement asks for a token in `Authorization`, whatever the
/// scheme it is written with: OpenAPI does not fix it (specs/README.md, Yandex Market).
#[test]
fn an_oauth_or_openid_token_is_any_authorization_credential() {
    let text = r#"
openapi: 3.0.3
info: {title: tokens, version: "1"}
paths:
  /a:
    get:
      operationId: a
      security: [{oauth: []}]
      responses: {"204": {description: ok}}
  /b:
    get:
      operationId: b
      security: [{oidc: []}]
      responses: {"204": {description: ok}}
components:
  securitySchemes:
    oauth: {type: oauth2, flows: {clientCredentials: {tokenUrl: "https://id.example/token", scopes: {}}}}
    oidc: {type: openIdConnect, openIdConnectUrl: "https://id.example/.well-known/openid-configuration"}
"#;
    let spec = Spec::from_text("tokens", Path::new("tokens.yaml"), text).unwrap();
    let validator = Validator::new(vec![spec], Options::default()).unwrap();
    let call = |path: &str, authorization: Option<&str>| Exchange {
        request: Request {
            method: "GET".into(),
            url: format!("https://api.example{path}"),
            headers: authorization
                .map(|value| vec![("Authorization".to_owned(), value.to_owned())])
                .unwrap_or_default(),
            ..Request::default()
        },
        response: Some(Response {
            status: 204,
            ..Response::default()
        }),
    };
    for path in ["/a", "/b"] {
        for written in ["Bearer tok-51d2", "OAuth tok-51d2", "DPoP tok-51d2"] {
            let report = validator.validate(&call(path, Some(written)));
            assert_eq!(
                report.verdict,
                Verdict::Conforming,
                "{path} {written}: {report:?}"
            );
        }
        for missing in [None, Some("Bearer"), Some("Bearer   "), Some("tok-51d2")] {
            let report = validator.validate(&call(path, missing));
            assert_eq!(
                only(&report),
                found("request.security", None, "security"),
                "{path} {missing:?}"
            );
            assert!(
                !report.violations[0].message.contains("tok-51d2"),
                "{report:?}"
            );
        }
    }
}

#[test]
fn a_redacted_exchange_reads_back_to_the_same_verdict() {
    // What the proxy and the mock record: every demo exchange, redacted, validates as it did.
    let validator = confirmspec_validator::Validator::new(
        confirmspec::bundled_specs(),
        confirmspec_validator::Options::default(),
    )
    .unwrap();
    let bytes = std::fs::read(crate::cli::DEMO).unwrap();
    let mut bearer = 0;
    let read = confirmspec_validator::read("demo.jsonl", &bytes, |index, exchange| {
        let Ok(exchange) = exchange else { return };
        let redacted = validator.redacted(&exchange);
        for (name, value) in &redacted.request.headers {
            if name.eq_ignore_ascii_case("authorization") && value.contains(' ') {
                assert!(value.ends_with(" ***"), "entry {index}: {value}");
                bearer += 1;
            }
        }
        let (before, after) = (validator.validate(&exchange), validator.validate(&redacted));
        assert_eq!(
            before.verdict, after.verdict,
            "entry {index}: {:?}",
            after.violations
        );
    });
    assert!(
        read > 10 && bearer > 0,
        "{read} exchanges, {bearer} with a scheme"
    );
}
