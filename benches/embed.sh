#!/usr/bin/env bash
# What embedding confirmspec costs a service: three scratch crates built clean (debug), each in
# a target directory of its own, and the crates each compiles.
#
#   via        confirmspec = { path, features = ["via"] }
#   validator  confirmspec-validator = { path }, with confirmspec's `specs` (the bundled specs)
#   plain      no confirmspec: one progenitor client generated in its own build.rs, with the
#              same reqwest (json, rustls), serde, serde_json and uuid (the floor)
#
# For each: the crates compiled, the seconds taken, and whether any crate of the CLI's or the
# validator's (clap, indicatif, rayon, mimalloc, quick-xml, jsonschema, matchit, flate2) was
# among them. Run from the repository: `bash benches/embed.sh` (about 5 minutes on 2 cores).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

service() { # name features [another dependency line]
  mkdir -p "$work/$1/src"
  cat >"$work/$1/Cargo.toml" <<EOF
[package]
name = "service-$1"
version = "0.1.0"
edition = "2024"
publish = false

[dependencies]
confirmspec = { path = "$repo", features = [$2] }
tokio = { version = "1", features = ["macros", "rt"] }
${3:-}
EOF
}

service via '"via"'
cat >"$work/via/src/main.rs" <<'EOF'
#[tokio::main(flavor = "current_thread")]
async fn main() {
    let client = confirmspec::via::Client::builder("id", "secret")
        .base_url("http://127.0.0.1:9")
        .build()
        .expect("a client");
    let body = confirmspec::via::types::ConfirmPayVerifyRequest {
        verify_id: "trx".into(),
        verify_code: "000000".into(),
    };
    let _ = client.confirm_pay_verify(body).await;
}
EOF

service validator '"specs"' "confirmspec-validator = { path = \"$repo/crates/validator\" }"
cat >"$work/validator/src/main.rs" <<'EOF'
#[tokio::main(flavor = "current_thread")]
async fn main() {
    let validator = confirmspec_validator::Validator::new(
        confirmspec::bundled_specs(),
        confirmspec_validator::Options::default(),
    )
    .unwrap();
    println!("{:?}", validator.spec_names().collect::<Vec<_>>());
}
EOF

mkdir -p "$work/plain/src"
cat >"$work/plain/Cargo.toml" <<'EOF'
[package]
name = "service-plain"
version = "0.1.0"
edition = "2024"
publish = false

[dependencies]
progenitor-client = "0.15.1"
reqwest = { version = "0.13", default-features = false, features = ["json", "rustls"] }
serde = { version = "1", features = ["derive"] }
serde_json = "1"
uuid = { version = "1", default-features = false, features = ["serde", "std"] }
tokio = { version = "1", features = ["macros", "rt"] }

[build-dependencies]
progenitor = { version = "0.15.1", default-features = false }
openapiv3 = "2.2"
prettyplease = "0.2"
serde_json = "1"
syn = { version = "2", default-features = false, features = ["parsing", "full", "printing"] }
EOF
cat >"$work/plain/spec.json" <<'EOF'
{"openapi": "3.0.3", "info": {"title": "VIA", "version": "1"},
 "paths": {"/api/merchant/confirm/pay/verify": {"post": {"operationId": "confirmPayVerify",
   "requestBody": {"required": true, "content": {"application/json": {"schema": {
     "type": "object", "required": ["verifyId", "verifyCode"],
     "properties": {"verifyId": {"type": "string"}, "verifyCode": {"type": "string"}}}}}},
   "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {
     "type": "object", "properties": {"id": {"type": "string", "format": "uuid"},
       "status": {"type": "string"}}}}}}}}}}}
EOF
cat >"$work/plain/build.rs" <<'EOF'
fn main() {
    println!("cargo::rerun-if-changed=spec.json");
    let text = std::fs::read_to_string("spec.json").unwrap();
    let spec: openapiv3::OpenAPI = serde_json::from_str(&text).unwrap();
    let tokens = progenitor::Generator::default().generate_tokens(&spec).unwrap();
    let code = prettyplease::unparse(&syn::parse2(tokens).unwrap());
    let out = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("via.rs");
    std::fs::write(out, code).unwrap();
}
EOF
cat >"$work/plain/src/main.rs" <<'EOF'
#[allow(dead_code, clippy::all)]
mod via {
    include!(concat!(env!("OUT_DIR"), "/via.rs"));
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let client = via::Client::new("http://127.0.0.1:9");
    let body = via::types::ConfirmPayVerifyBody {
        verify_id: "trx".into(),
        verify_code: "000000".into(),
    };
    let _ = client.confirm_pay_verify(&body).await;
}
EOF

unwanted='clap|indicatif|rayon|mimalloc|quick-xml|jsonschema|matchit|flate2'
printf '%-10s %7s %8s  %s\n' crate crates seconds "unwanted crates compiled"
for name in plain via validator; do
  cd "$work/$name"
  cargo generate-lockfile -q
  start=$(date +%s.%N)
  CARGO_TERM_COLOR=never cargo build 2>"$work/$name.log" || { tail -20 "$work/$name.log"; exit 1; }
  end=$(date +%s.%N)
  # Cargo's own count: a `Compiling` line per crate, the service itself included.
  crates=$(grep -c '^ *Compiling ' "$work/$name.log" || true)
  found=$(grep -oE "^ *Compiling ($unwanted) " "$work/$name.log" | awk '{print $2}' | sort -u | tr '\n' ' ' || true)
  printf '%-10s %7s %8.1f  %s\n' "$name" "$crates" "$(awk "BEGIN {print $end - $start}")" "${found:-none}"
done
