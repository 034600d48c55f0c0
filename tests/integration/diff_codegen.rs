//! The diff's `client` claims checked against the code `build.rs` generates: for each rule
//! whose change touches the Rust API of a regenerated client (a field's type, an enum's
//! variants, a method), both clients are generated from the rule's case (the specs of
//! `tests/integration/diff.rs`) and the item compared: it changes exactly when the diff says
//! the change breaks code.

use quote::ToTokens;
use serde_json::Value;

use crate::diff::{BASE, cases, changes, edited, spec};
use confirmspec_spec::codegen as build_script;

/// progenitor cannot generate an operation with two success types (200 with a body, 204
/// without), so the 204 of the rule cases' spec is left out here.
const NO_CONTENT: &str = "        \"204\":\n          description: nothing to pay\n";

/// The generated client of a spec text, as Rust source.
fn generated(test: &str, text: &str) -> syn::File {
    let dir = std::env::temp_dir().join(format!(
        "confirmspec-diff-codegen-{test}-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("out")).unwrap();
    let path = dir.join("spec.yaml");
    std::fs::write(&path, text.replace(NO_CONTENT, "")).unwrap();
    let file = build_script::generate(&path, &dir.join("out")).unwrap();
    let code = std::fs::read_to_string(file).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    syn::parse_file(&code).unwrap()
}

/// An item of the generated API.
#[derive(Debug, Clone, Copy)]
enum Item {
    /// `types::<struct>.<field>`'s type.
    Field(&'static str, &'static str),
    /// `types::<enum>`'s variants.
    Variants(&'static str),
    /// The client's methods.
    Methods,
    /// A builder's methods (`builder::<name>`).
    Builder(&'static str),
}

fn module<'f>(file: &'f syn::File, name: &str) -> &'f [syn::Item] {
    file.items
        .iter()
        .find_map(|item| match item {
            syn::Item::Mod(m) if m.ident == name => {
                m.content.as_ref().map(|(_, items)| items.as_slice())
            }
            _ => None,
        })
        .unwrap_or_else(|| panic!("no module {name}"))
}

/// The item as text, or `None` when it is not there.
fn render(file: &syn::File, item: Item) -> Option<String> {
    match item {
        Item::Field(name, field) => module(file, "types").iter().find_map(|item| match item {
            syn::Item::Struct(s) if s.ident == name => s
                .fields
                .iter()
                .find(|f| f.ident.as_ref().is_some_and(|i| i == field))
                .map(|f| text(&f.ty)),
            _ => None,
        }),
        Item::Variants(name) => module(file, "types").iter().find_map(|item| match item {
            syn::Item::Enum(e) if e.ident == name => Some(
                e.variants
                    .iter()
                    .map(|v| v.ident.to_string())
                    .collect::<Vec<_>>()
                    .join(","),
            ),
            _ => None,
        }),
        Item::Methods => Some(methods(&file.items, |ty| ty == "Client")),
        Item::Builder(name) => Some(methods(module(file, "builder"), |ty| ty.starts_with(name))),
    }
}

/// The sorted names of the methods of inherent impls whose type `of` picks.
fn methods(items: &[syn::Item], of: impl Fn(&str) -> bool) -> String {
    let mut names: Vec<String> = items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Impl(i) if i.trait_.is_none() && of(&text(&i.self_ty)) => Some(i),
            _ => None,
        })
        .flat_map(|i| i.items.iter())
        .filter_map(|item| match item {
            syn::ImplItem::Fn(f) => Some(f.sig.ident.to_string()),
            _ => None,
        })
        .collect();
    names.sort();
    names.join(",")
}

/// Tokens as text, without spaces.
fn text(tokens: &dyn ToTokens) -> String {
    tokens.to_token_stream().to_string().replace(' ', "")
}

/// The item each rule's change touches, in the rule cases' specs.
const CLAIMS: &[(&str, Item)] = &[
    ("operation-added", Item::Methods),
    ("operation-removed", Item::Methods),
    ("operation-moved", Item::Methods),
    ("operation-id-changed", Item::Methods),
    ("parameter-added", Item::Builder("GetOrder")),
    ("parameter-removed", Item::Builder("GetOrder")),
    ("parameter-made-required", Item::Builder("PayOrder")),
    ("request-type-changed", Item::Field("PayRequest", "note")),
    ("request-format-changed", Item::Field("PayRequest", "note")),
    ("request-property-added", Item::Field("PayRequest", "memo")),
    (
        "request-required-property-added",
        Item::Field("PayRequest", "memo"),
    ),
    (
        "request-property-removed",
        Item::Field("PayRequest", "memo"),
    ),
    (
        "request-property-made-required",
        Item::Field("PayRequest", "note"),
    ),
    (
        "request-property-made-optional",
        Item::Field("PayRequest", "amount"),
    ),
    ("request-nullable-added", Item::Field("PayRequest", "note")),
    (
        "request-nullable-removed",
        Item::Field("PayRequest", "note"),
    ),
    (
        "request-enum-value-added",
        Item::Variants("PayRequestChannel"),
    ),
    (
        "request-enum-value-removed",
        Item::Variants("PayRequestChannel"),
    ),
    ("request-bound-tightened", Item::Field("PayRequest", "code")),
    ("request-bound-loosened", Item::Field("PayRequest", "tags")),
    ("response-type-changed", Item::Field("Payment", "id")),
    ("response-format-changed", Item::Field("Payment", "id")),
    ("response-property-removed", Item::Field("Payment", "memo")),
    (
        "response-property-made-required",
        Item::Field("Payment", "receipt"),
    ),
    (
        "response-property-made-optional",
        Item::Field("Payment", "state"),
    ),
    ("response-nullable-added", Item::Field("Payment", "receipt")),
    ("response-nullable-removed", Item::Field("Payment", "fee")),
    ("response-enum-value-added", Item::Variants("PaymentState")),
    (
        "response-enum-value-removed",
        Item::Variants("PaymentState"),
    ),
    (
        "response-bound-tightened",
        Item::Field("Payment", "receipt"),
    ),
    ("security-alternative-added", Item::Methods),
    ("server-added", Item::Methods),
];

#[test]
fn the_client_claims_hold_in_the_generated_code() {
    let base = generated("base", BASE);
    let base_spec = spec("base", BASE);
    let all = cases();
    for (rule, item) in CLAIMS {
        let case = all.iter().find(|c| c.rule == *rule).unwrap();
        let text = edited(case.edits);
        let other = generated(rule, &text);
        let (old, new) = if case.reverse {
            (&other, &base)
        } else {
            (&base, &other)
        };
        let (before, after) = (render(old, *item), render(new, *item));
        let other_spec = spec("edited", &text);
        let (old_spec, new_spec) = if case.reverse {
            (&other_spec, &base_spec)
        } else {
            (&base_spec, &other_spec)
        };
        let found = changes(old_spec, new_spec);
        let change = found
            .iter()
            .find(|c| c["rule"] == *rule && c["operation"].as_str() == case.operation)
            .unwrap();
        let breaks_code = change["breaks"]
            .as_array()
            .unwrap()
            .contains(&Value::from("code"));
        // A change the diff calls a break of code changes the item; one it does not, leaves it
        // (or only adds to it: a new variant, field or method breaks nothing).
        let added_only = match (&before, &after) {
            (None, Some(_)) => true,
            (Some(b), Some(a)) => {
                a.split(',').count() > b.split(',').count()
                    && b.split(',').all(|x| a.split(',').any(|y| y == x))
            }
            _ => false,
        };
        let changed = before != after && !added_only;
        assert_eq!(
            changed,
            breaks_code && !added_only,
            "{rule}: {item:?} {before:?} -> {after:?}; the diff says: {}",
            change["client"]
        );
    }
}
