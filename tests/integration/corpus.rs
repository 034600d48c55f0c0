//! Other people's specs and captures (`../shared/corpus/`): loaded, compiled and used, with no
//! special case for any of them.

use std::path::{Path, PathBuf};

use confirmspec_validator::Spec;
use confirmspec_validator::{Exchange, Options, Request, Response, Validator, Verdict};
use serde_json::Value;

const CORPUS: &str = "../shared/corpus";

fn corpus(path: &str) -> PathBuf {
    let path = Path::new(CORPUS).join(path);
    assert!(
        path.exists(),
        "{} is missing: the tests expect shared/ beside the repository",
        path.display()
    );
    path
}

/// Unpacks a corpus archive into a fresh directory (removed when dropped).
struct Unpacked(PathBuf);

impl Unpacked {
    fn new(archive: &str) -> Self {
        // One directory per unpacking: tests that unpack the same archive run at once.
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "confirmspec-corpus-{}-{}-{}",
            archive.replace('/', "-"),
            std::process::id(),
            NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let status = std::process::Command::new("tar")
            .arg("xzf")
            .arg(std::fs::canonicalize(corpus(archive)).unwrap())
            .current_dir(&dir)
            .status()
            .expect("tar runs");
        assert!(status.success(), "tar failed on {archive}");
        Self(dir)
    }
}

impl Drop for Unpacked {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn load(path: &Path) -> Validator {
    let spec = Spec::load(path).unwrap_or_else(|e| panic!("{e}"));
    let validator =
        Validator::new(vec![spec], Options::default()).unwrap_or_else(|e| panic!("{e}"));
    let compiled = validator
        .compile_all()
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(compiled > 0);
    validator
}

#[test]
fn the_petstore_capture_against_its_spec() {
    let validator = load(&corpus("petstore/petstore1.oas3.0.1.json"));
    let har = std::fs::read(corpus("petstore/petstore.swagger.io.har")).unwrap();
    let mut results = Vec::new();
    let read = confirmspec_validator::read("petstore.har", &har, |index, entry| {
        results.push((index, validator.validate(&entry.unwrap())));
    });
    assert_eq!(read, 9);
    let verdicts: Vec<Verdict> = results.iter().map(|(_, r)| r.verdict).collect();
    assert_eq!(
        verdicts[0],
        Verdict::Unmatched,
        "the HTML page at / is not an operation"
    );
    assert_eq!(
        verdicts
            .iter()
            .filter(|v| **v == Verdict::Violating)
            .count(),
        8
    );

    let find = |operation: &str, keyword: &str| {
        results
            .iter()
            .flat_map(|(_, r)| &r.violations)
            .find(|v| v.operation.as_deref() == Some(operation) && v.keyword == keyword)
            .unwrap_or_else(|| panic!("no {keyword} violation for {operation}"))
    };
    // `+0000` is not an RFC 3339 offset.
    let ship_date = find("placeOrder", "format");
    assert_eq!(
        (
            ship_date.location.as_str().as_ref(),
            ship_date.pointer.as_deref()
        ),
        ("response.body", Some("/shipDate"))
    );
    assert_eq!(ship_date.spec_line, Some(930));
    // The spec documents 404 without a body; the server sends one.
    assert_eq!(
        find("getUserByName", "contentType").location,
        "response.header.content-type"
    );
    // The capture carries no api_key header.
    assert_eq!(
        find("getInventory", "security").location,
        "request.security"
    );
    // The 449-item array: items without a name, each located.
    let unnamed = results
        .iter()
        .flat_map(|(_, r)| &r.violations)
        .filter(|v| v.operation.as_deref() == Some("findPetsByStatus") && v.keyword == "required")
        .count();
    assert!(unnamed > 0);
}

#[test]
fn the_optic_capture_with_multipart_bodies() {
    let validator = load(&corpus("optic-capture/openapi.yml"));
    let har = std::fs::read(corpus("optic-capture/har.har")).unwrap();
    let mut verdicts = Vec::new();
    let read = confirmspec_validator::read("har.har", &har, |_, entry| {
        verdicts.push(validator.validate(&entry.unwrap()).verdict)
    });
    assert_eq!(read, verdicts.len());
    assert!(verdicts.contains(&Verdict::Conforming));
    assert!(
        verdicts.contains(&Verdict::Unmatched),
        "the spec documents only part of the capture"
    );
}

#[test]
fn yandex_markets_official_multi_file_spec_loads_and_checks_a_v2_exchange() {
    let dir = Unpacked::new("yandex-market/openapi-dir.tar.gz");
    let validator = load(&dir.0.join("openapi/openapi.yaml"));
    let operations: Vec<_> = validator.operations().collect();
    assert!(operations.len() > 100, "{}", operations.len());
    let verify = operations
        .iter()
        .find(|op| op.id == "verifyOrderEac")
        .expect("the operation is there");
    assert_eq!(
        (verify.method, verify.path),
        (
            "PUT",
            "/v2/campaigns/{campaignId}/orders/{orderId}/verifyEac"
        )
    );

    let exchange = |body: &str| {
        Exchange {
        request: Request {
            method: "PUT".into(),
            url: "https://api.partner.market.yandex.ru/v2/campaigns/21004300/orders/4568001/verifyEac".into(),
            headers: vec![("Api-Key".into(), "key".into()), ("Content-Type".into(), "application/json".into())],
            body: Some(br#"{"code": "1234"}"#.to_vec()),
            unrecorded: None,
        },
        response: Some(Response {
            status: 200,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: Some(body.as_bytes().to_vec()),
            unrecorded: None,
        }),
    }
    };
    let good = validator.validate(&exchange(
        r#"{"status": "OK", "result": {"verificationResult": "ACCEPTED"}}"#,
    ));
    assert_eq!(good.verdict, Verdict::Conforming, "{:#?}", good.violations);
    // The newer spec requires `status`: what the page (and our spec) leave optional.
    let bad = validator.validate(&exchange(
        r#"{"result": {"verificationResult": "ACCEPTED"}}"#,
    ));
    assert_eq!(bad.verdict, Verdict::Violating);
    let violation = &bad.violations[0];
    assert_eq!(
        (violation.keyword.as_str(), violation.pointer.as_deref()),
        ("required", Some(""))
    );
    let file = violation
        .spec_file
        .as_deref()
        .expect("the rule's file is named");
    assert!(
        file.ends_with(".yaml") && !file.ends_with("openapi/openapi.yaml"),
        "the rule lives in another file: {file}"
    );
}

#[test]
fn the_vendors_verify_eac_history_shows_the_docs_changing() {
    let exchange = Exchange {
        request: Request {
            method: "PUT".into(),
            url: "/campaigns/21004300/orders/4568001/verifyEac".into(),
            headers: vec![
                ("Authorization".into(), "Bearer t".into()),
                ("Content-Type".into(), "application/json".into()),
            ],
            body: Some(b"{}".to_vec()),
            unrecorded: None,
        },
        response: None,
    };
    let old = load(&corpus("yandex-market/verifyEac-history/2024-06-13.yaml"));
    assert_eq!(old.validate(&exchange).verdict, Verdict::Conforming);
    let new = load(&corpus("yandex-market/verifyEac-history/2026-07-17.yaml"));
    assert_eq!(
        new.validate(&exchange).verdict,
        Verdict::Unmatched,
        "the path moved to /v2/"
    );
    let mut moved = exchange.clone();
    moved.request.url = format!("/v2{}", moved.request.url);
    let report = new.validate(&moved);
    assert_eq!(report.verdict, Verdict::Violating, "`code` became required");
    assert_eq!(report.violations[0].keyword, "required");
}

#[test]
fn stripes_fixtures_validate_against_their_component_schemas_and_fail_when_mutated() {
    // Only the component schemas the fixtures need are compiled (on first use).
    let spec = Spec::load(&corpus("stripe/spec3.json")).unwrap_or_else(|e| panic!("{e}"));
    let validator = Validator::new(vec![spec], Options::default()).unwrap();
    let fixtures: Value =
        serde_json::from_slice(&std::fs::read(corpus("stripe/fixtures3.json")).unwrap()).unwrap();
    let resources = fixtures["resources"].as_object().unwrap();
    assert_eq!(resources.len(), 115);
    let mut mutated_failures = 0;
    for (name, fixture) in resources {
        let payload = serde_json::to_vec(fixture).unwrap();
        let report = validator.check_schema(None, name, &payload).unwrap();
        assert_eq!(
            report.verdict,
            Verdict::Conforming,
            "{name}: {:#?}",
            report.violations
        );

        // Every fixture names its type in `object`; another value breaks the schema's enum, and
        // for a polymorphic resource (`anyOf` of types) the violation points into the closest
        // branch, at `/object`, not at the root.
        let mut broken = fixture.clone();
        broken["object"] = Value::String("not_a_stripe_object".into());
        let report = validator
            .check_schema(None, name, &serde_json::to_vec(&broken).unwrap())
            .unwrap();
        if report.verdict == Verdict::Violating {
            assert!(
                report
                    .violations
                    .iter()
                    .any(|v| v.pointer.as_deref() == Some("/object")),
                "{name}"
            );
            mutated_failures += 1;
        }
    }
    assert_eq!(mutated_failures, 115, "every mutated fixture fails");
}

#[test]
fn twilios_json_with_surrogate_pairs_loads() {
    let validator = load(&corpus("twilio/twilio_api_v2010.json"));
    assert!(validator.operations().count() > 150);
}

#[test]
fn digitaloceans_multi_file_spec_loads() {
    let dir = Unpacked::new("digitalocean/specification.tar.gz");
    let validator = load(&dir.0.join("specification/DigitalOcean-public.v2.yaml"));
    assert!(
        validator.operations().count() > 300,
        "{}",
        validator.operations().count()
    );
}

#[test]
fn yandex_markets_2026_history_page_diffs_with_its_official_multi_file_spec_as_added_operations() {
    let dir = Unpacked::new("yandex-market/openapi-dir.tar.gz");
    let official = confirmspec_validator::Spec::load(&dir.0.join("openapi/openapi.yaml")).unwrap();
    let page = confirmspec_validator::Spec::load(Path::new(
        "../shared/corpus/yandex-market/verifyEac-history/2026-07-17.yaml",
    ))
    .unwrap();
    let found = confirmspec_spec::diff::diff(&page, &official);
    assert_eq!(
        found.summary.breaking + found.summary.warning,
        0,
        "{found:#?}"
    );
    assert!(found.summary.info > 100, "{:?}", found.summary);
    for change in &found.changes {
        assert_eq!(
            change.rule,
            confirmspec_spec::diff::ChangeRule::OperationAdded
        );
        assert_ne!(change.operation.as_deref(), Some("verifyOrderEac"));
        // Each new operation's place is in the file that holds it, with its line.
        let new = change.new.as_ref().unwrap();
        assert!(new.file.starts_with(dir.0.join("openapi")), "{new:?}");
        assert!(new.line.is_some(), "{new:?}");
    }
}
