//! `request.security`: whether a request meets one of its operation's security requirements.

use crate::validate::Location;
use std::borrow::Cow;

use super::super::Rule;
use super::super::params::{self};
use super::Collector;
use crate::decode::media::header;
use crate::exchange::{REDACTED_MARKERS, Request};
use confirmspec_spec::model::{Credential, In, Operation};

pub(super) fn check_security<'e>(
    findings: &mut Collector<'e>,
    operation: &Operation,
    request: &'e Request,
    query: &'e [(String, String)],
) {
    let authorization = header(&request.headers, "authorization");
    if let Some(value) = authorization {
        findings.secret(value);
        if let Some((_, token)) = value.split_once(' ') {
            findings.secret(token.trim());
        }
    }
    let cookies = header(&request.headers, "cookie")
        .map(params::cookie_pairs)
        .unwrap_or_default();
    // A recorder (or a gateway's log) that hid the whole value left no scheme to compare:
    // the credential was sent, and it satisfies any `Authorization` requirement.
    let hidden = authorization
        .map(str::trim)
        .filter(|v| REDACTED_MARKERS.contains(v));
    let present = |credential: &Credential| -> Option<Cow<'e, str>> {
        match credential {
            Credential::Authorization(_) | Credential::Token if hidden.is_some() => {
                hidden.map(Cow::Borrowed)
            }
            Credential::Authorization(scheme) => authorization
                .and_then(|v| v.split_once(' '))
                .filter(|(given, token)| {
                    given.eq_ignore_ascii_case(scheme) && !token.trim().is_empty()
                })
                .map(|(_, token)| Cow::Borrowed(token.trim())),
            Credential::Token => authorization
                .and_then(|v| v.split_once(' '))
                .filter(|(given, token)| !given.is_empty() && !token.trim().is_empty())
                .map(|(_, token)| Cow::Borrowed(token.trim())),
            Credential::ApiKey(In::Header, name) => {
                header(&request.headers, name).map(Cow::Borrowed)
            }
            Credential::ApiKey(In::Query, name) => query
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| Cow::Borrowed(v.as_str())),
            Credential::ApiKey(_, name) => cookies
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| Cow::Owned(v.clone())),
            Credential::Unknown => Some(Cow::Borrowed("")),
        }
    };
    let mut satisfied = operation.security.alternatives.is_empty();
    for requirement in &operation.security.alternatives {
        let mut all = true;
        for scheme in &requirement.schemes {
            match present(&scheme.credential) {
                Some(value) => findings.secret(value),
                None => all = false,
            }
        }
        satisfied |= all;
    }
    if satisfied {
        return;
    }
    let describe = |credential: &Credential| match credential {
        Credential::Authorization(scheme) => format!("`Authorization: {}`", capitalized(scheme)),
        Credential::Token => "`Authorization` with an OAuth 2.0 token (any scheme)".into(),
        Credential::ApiKey(location, name) => format!("the `{name}` {}", location.as_str()),
        Credential::Unknown => "a credential".into(),
    };
    let alternatives: Vec<String> = operation
        .security
        .alternatives
        .iter()
        .map(|requirement| {
            let parts: Vec<String> = requirement
                .schemes
                .iter()
                .map(|s| format!("{} ({})", describe(&s.credential), s.name))
                .collect();
            parts.join(" and ")
        })
        .collect();
    let schema_path = Some(operation.security.pointer.clone());
    findings.push(
        Location::RequestSecurity,
        Rule::Security,
        format!(
            "no credentials of any security requirement: send {}",
            alternatives.join(", or ")
        ),
        schema_path,
    );
}

pub(super) fn capitalized(scheme: &str) -> String {
    let mut chars = scheme.chars();
    chars
        .next()
        .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}
