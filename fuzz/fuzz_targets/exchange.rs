//! One exchange, read from a JSON Lines record, validated against the bundled specs and
//! redacted for a recording: a report, never a panic; no report shows the credentials.
#![no_main]

use std::sync::LazyLock;

use confirmspec_validator::ExchangeResult;
use confirmspec_validator::{Options, Validator};
use libfuzzer_sys::fuzz_target;

static VALIDATOR: LazyLock<Validator> =
    LazyLock::new(|| Validator::new(confirmspec::bundled_specs(), Options::default()).expect("the bundled specs build"));

fuzz_target!(|data: &[u8]| {
    confirmspec_validator::read("fuzz.jsonl", data, |index, read| {
        let exchange = read.as_ref().ok().cloned();
        let result = ExchangeResult::new(&VALIDATOR, "fuzz", index, read);
        let Some(exchange) = exchange else {
            return;
        };
        let _ = VALIDATOR.redacted(&exchange);
        let _ = serde_json::to_string(&result).expect("a result serialises");
        // Messages mask every credential of a matched operation, wherever it appears.
        for (name, value) in &exchange.request.headers {
            let credential =
                name.eq_ignore_ascii_case("api-key") || name.eq_ignore_ascii_case("client-secret");
            if credential && value.trim().len() >= 8 && result.operation.is_some() {
                for violation in &result.violations {
                    assert!(!violation.message.contains(value.trim()), "{name} shown");
                }
            }
        }
    });
});
