//! The validator's speed: building it, one doc-sized exchange end to end, a 100 KB body.
//!
//! `cargo bench --bench validator`; the figures in the README come from it. The Stripe
//! benchmark reads `../shared/corpus/stripe/spec3.json` and is skipped when it is missing.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use confirmspec_validator::Spec;
use confirmspec_validator::read_jsonl;
use confirmspec_validator::{Exchange, Options, Validator, Verdict};
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};

const STRIPE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/corpus/stripe/spec3.json"
);

fn bundled() -> Validator {
    Validator::new(confirmspec::bundled_specs(), Options::default())
        .expect("the bundled specs load")
}

fn build(c: &mut Criterion) {
    let mut group = c.benchmark_group("build");
    group.bench_function("bundled specs, every schema compiled", |b| {
        b.iter(|| {
            let validator = bundled();
            black_box(
                validator
                    .compile_all()
                    .expect("the bundled schemas compile"),
            );
        })
    });
    if Path::new(STRIPE).exists() {
        group
            .sample_size(10)
            .measurement_time(Duration::from_secs(20));
        // Ready to route every request; each operation's schemas compile on first use.
        group.bench_function("stripe spec, loaded and routable", |b| {
            b.iter(|| {
                let spec = Spec::load(Path::new(STRIPE)).expect("Stripe's spec loads");
                black_box(Validator::new(vec![spec], Options::default()).unwrap())
            })
        });
        let spec = Spec::load(Path::new(STRIPE)).unwrap();
        let payment_intent = br#"{"id": "pi_1", "object": "payment_intent", "amount": 100}"#;
        // The cost the first check of a payload against one large schema pays once.
        group.bench_function("stripe spec, first check of a payment_intent", |b| {
            b.iter_batched(
                || Validator::new(vec![spec.clone()], Options::default()).unwrap(),
                |validator| {
                    black_box(
                        validator
                            .check_schema(None, "payment_intent", payment_intent)
                            .unwrap(),
                    )
                },
                BatchSize::PerIteration,
            )
        });
    } else {
        eprintln!("{STRIPE} is missing: the Stripe benchmarks are skipped");
    }
    group.finish();
}

/// The first conforming exchange of the demo capture for `operation`, as its JSON line.
fn demo_line(validator: &Validator, operation: &str) -> Vec<u8> {
    let demo = include_str!("../../../samples/demo.jsonl");
    for line in demo.lines() {
        let mut found = None;
        read_jsonl("demo", line.as_bytes(), |_, read| {
            let report = validator.validate(&read.expect("the demo reads"));
            if report.verdict == Verdict::Conforming
                && report.operation.as_deref() == Some(operation)
            {
                found = Some(line.as_bytes().to_vec());
            }
        });
        if let Some(line) = found {
            return line;
        }
    }
    panic!("the demo has no conforming {operation} exchange");
}

fn exchange(c: &mut Criterion) {
    let validator = bundled();
    validator.compile_all().unwrap();
    let mut group = c.benchmark_group("exchange");
    group.throughput(Throughput::Elements(1));
    let demo = include_bytes!("../../../samples/demo.jsonl");
    let count = read_jsonl("demo", demo, |_, _| {});
    group.throughput(Throughput::Elements(count as u64));
    group.bench_function(
        format!("the demo capture, {count} exchanges of every verdict"),
        |b| {
            b.iter(|| {
                read_jsonl("bench", black_box(demo), |_, read| {
                    black_box(validator.validate(&read.unwrap()));
                })
            })
        },
    );
    group.throughput(Throughput::Elements(1));
    for operation in ["pay", "verifyOrderEac", "confirmPayVerify"] {
        let line = demo_line(&validator, operation);
        group.bench_function(
            format!("{operation}, read and validated ({} bytes)", line.len()),
            |b| {
                b.iter(|| {
                    read_jsonl("bench", black_box(&line), |_, read| {
                        let report = validator.validate(&read.unwrap());
                        assert_eq!(report.verdict, Verdict::Conforming);
                        black_box(report);
                    });
                })
            },
        );
    }
    group.finish();
}

/// A Yandex Market 400 response whose `errors` list makes a body of about 100 KB.
fn large_exchange(violating: bool) -> Exchange {
    let error = serde_json::json!({"code": "BAD_REQUEST", "message": "orderId: the order 4568001 is not in status DELIVERY"});
    let count = 100 * 1024 / error.to_string().len();
    let mut errors = vec![error; count];
    if violating {
        errors[count / 2] =
            serde_json::json!({"code": 400, "message": "a code that is not a string"});
    }
    let body =
        serde_json::to_vec(&serde_json::json!({"status": "ERROR", "errors": errors})).unwrap();
    let line = serde_json::json!({
        "request": {
            "method": "PUT",
            "url": "https://api.partner.market.yandex.ru/campaigns/21004300/orders/4568001/verifyEac",
            "headers": {"Api-Key": "key", "Content-Type": "application/json"},
            "body": {"code": "4711"}
        },
        "response": {
            "status": 400,
            "headers": {"Content-Type": "application/json"},
            "body_text": String::from_utf8(body).unwrap()
        }
    });
    let mut exchange = None;
    read_jsonl("bench", line.to_string().as_bytes(), |_, read| {
        exchange = Some(read.unwrap())
    });
    exchange.unwrap()
}

fn large_body(c: &mut Criterion) {
    let validator = bundled();
    validator.compile_all().unwrap();
    let mut group = c.benchmark_group("100 KB response body");
    for (name, violating) in [("conforming", false), ("one violation deep inside", true)] {
        let exchange = large_exchange(violating);
        let size = exchange
            .response
            .as_ref()
            .unwrap()
            .body
            .as_ref()
            .unwrap()
            .len();
        group.throughput(Throughput::Bytes(size as u64));
        group.bench_function(name, |b| {
            b.iter(|| {
                let report = validator.validate(black_box(&exchange));
                assert_eq!(
                    report.verdict == Verdict::Violating,
                    violating,
                    "{:?}",
                    report.violations
                );
                black_box(report)
            })
        });
    }
    group.finish();
}

// The exchange benchmarks run first, before the Stripe ones churn the heap.
criterion_group!(benches, exchange, large_body, build);
criterion_main!(benches);
