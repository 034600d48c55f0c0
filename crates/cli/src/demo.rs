//! `confirmspec demo`: the product working on a sample capture, then what to run next.

use std::io::Write;

use confirmspec_validator::report::{self, Format};
use confirmspec_validator::{Capture, Options, SpecPaths, Validator};

use crate::error::Error;
use crate::io::output;
use crate::outcome::Outcome;

const SAMPLE: &str = include_str!("../../../samples/demo.jsonl");

pub(super) fn run() -> Result<Outcome, Error> {
    let validator = Validator::new(confirmspec::bundled_specs(), Options::default())?;
    let (mut out, palette) = output(None, Format::Text)?;
    let text = report::printer(
        Format::Text,
        palette,
        report::Detail::Grouped,
        SpecPaths::of(&validator),
        &mut out,
    );
    let capture = Capture::open("demo.jsonl", SAMPLE.as_bytes());
    let tally = report::write_run(&validator, [capture], text)?;
    let s = tally.summary;
    writeln!(
        out,
        "\nThis was confirmspec checking {} recorded exchanges (samples/demo.jsonl, bundled) against its three\n\
         specs, written from the vendors' pages: Invoicebox, Yandex Market and VIA. Each violation says where\n\
         it is in the exchange (location and JSON pointer), which rule it breaks, and the line of the spec\n\
         that states the rule. {} conform; {} violate; {} match no documented operation (Yandex\n\
         Market's later /v2/ path, a GET where only POST is documented). Confirmation codes, card\n\
         data and credentials never appear in a report.\n\
         \n\
         Next (`cargo install --locked --path crates/cli` puts `confirmspec` on your PATH; or\n\
         `cargo run --release --` in its place):\n  \
         confirmspec validate capture.har                     your own HAR or JSON Lines capture\n  \
         confirmspec validate --spec api.yaml capture.har     against any OpenAPI 2.0-3.2 document\n  \
         confirmspec validate --format json capture.har       a JSON report for scripts\n  \
         confirmspec check --schema PayResponse payload.json  one captured payload\n  \
         confirmspec schemas --out schemas/                   the JSON Schemas the checks use\n  \
         confirmspec mock --listen 127.0.0.1:4010             the vendors' flows, offline",
        s.exchanges, s.conforming, s.violating, s.unmatched
    )?;
    out.flush()?;
    Ok(Outcome::Conforming)
}
