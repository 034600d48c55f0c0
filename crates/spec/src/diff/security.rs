//! Security compared: each operation's requirement alternatives (an old way to authenticate
//! that no new alternative accepts is breaking), and the schemes both specs define.

use std::collections::BTreeSet;

use serde_json::Value;

use super::matching::Operation;
use super::{ChangeRule as R, Differ, Finding, Side, token};
/// The security requirement alternatives in force for an operation, with their pointers
/// (none listed: one alternative asking nothing, at the list's place).
fn alternatives(side: Side<'_>, operation: &Operation) -> Vec<(BTreeSet<String>, String)> {
    let security = &side.operations[operation.model].security;
    if security.alternatives.is_empty() {
        return vec![(BTreeSet::new(), security.pointer.clone())];
    }
    security
        .alternatives
        .iter()
        .map(|a| {
            let names = a.schemes.iter().map(|s| s.name.clone()).collect();
            (names, a.pointer.clone())
        })
        .collect()
}

/// The operation's security alternatives: which old ones are no longer accepted, which are new.
pub(super) fn requirements(d: &mut Differ<'_>, o: &Operation, n: &Operation) {
    let old = alternatives(d.old, o);
    let new = alternatives(d.new, n);
    let location = "request.security";
    let list = |set: &BTreeSet<String>| {
        if set.is_empty() {
            "no credentials".to_owned()
        } else {
            set.iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(" and ")
        }
    };
    for (alternative, old_pointer) in &old {
        if !new.iter().any(|(b, _)| b.is_subset(alternative)) {
            d.push(Finding {
                rule: R::SecurityAlternativeRemoved,
                location,
                field: None,
                old: Some(old_pointer),
                new: new.first().map(|(_, p)| p.as_str()),
                message: format!("calls with {} are no longer accepted", list(alternative)),
                client: "the generated client is unchanged (progenitor ignores security); services authenticating this way are refused".into(),
            });
        }
    }
    for (alternative, new_pointer) in &new {
        if !old.iter().any(|(a, _)| a == alternative) {
            d.push(Finding {
                rule: R::SecurityAlternativeAdded,
                location,
                field: None,
                old: None,
                new: Some(new_pointer),
                message: format!("calls with {} are accepted", list(alternative)),
                client: "nothing changes in the generated client; the vendor's client module may offer the new credentials".into(),
            });
        }
    }
}

/// Security schemes both specs define, whose type, place, name or HTTP scheme changed.
pub(super) fn schemes(d: &mut Differ<'_>) {
    let Some(Value::Object(old)) = d.old.at("/components/securitySchemes") else {
        return;
    };
    let Some(Value::Object(new)) = d.new.at("/components/securitySchemes") else {
        return;
    };
    let text = |node: &Value, key: &str| {
        node.get(key)
            .and_then(Value::as_str)
            .map(str::to_ascii_lowercase)
    };
    for name in old.keys().filter(|name| new.contains_key(*name)) {
        let pointer = format!("/components/securitySchemes/{}", token(name));
        let (Some((old_pointer, o)), Some((new_pointer, n))) =
            (d.old.follow(&pointer), d.new.follow(&pointer))
        else {
            continue;
        };
        let changed = ["type", "in", "name", "scheme"]
            .into_iter()
            .find(|key| text(o, key) != text(n, key));
        if let Some(key) = changed {
            d.push(Finding {
                rule: R::SecuritySchemeChanged,
                location: "request.security",
                field: None,
                old: Some(&format!("{old_pointer}/{key}")),
                new: Some(&format!("{new_pointer}/{key}")),
                message: format!(
                    "the security scheme `{name}` changes its `{key}` from {:?} to {:?}",
                    text(o, key).unwrap_or_default(),
                    text(n, key).unwrap_or_default()
                ),
                client: "credentials sent the old way are refused; the vendor's client module must send them the new way".into(),
            });
        }
    }
}
