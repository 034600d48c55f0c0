//! The baseline of `benches/capture.sh`: serde_json alone parsing a capture into
//! `serde_json::Value`s on one thread, with nothing validated: JSON Lines line by line, a HAR
//! file as one document. Prints the bytes, the values parsed and the seconds it took.
//!
//! `cargo run --release --example parse_only -- capture.jsonl`

use std::io::BufRead;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: parse_only CAPTURE.jsonl|CAPTURE.har")?;
    let started = Instant::now();
    let (bytes, values) = if path.ends_with(".har") {
        let bytes = std::fs::read(&path)?;
        let document: serde_json::Value = serde_json::from_slice(&bytes)?;
        let entries = document["log"]["entries"].as_array().map_or(0, Vec::len);
        (bytes.len(), entries)
    } else {
        let mut reader = std::io::BufReader::with_capacity(1 << 20, std::fs::File::open(&path)?);
        let (mut bytes, mut values) = (0, 0);
        let mut line = Vec::new();
        loop {
            line.clear();
            let n = reader.read_until(b'\n', &mut line)?;
            if n == 0 {
                break;
            }
            bytes += n;
            if !line.trim_ascii().is_empty() {
                let _: serde_json::Value = serde_json::from_slice(&line)?;
                values += 1;
            }
        }
        (bytes, values)
    };
    println!(
        "{bytes} bytes, {values} values, {:.3} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
