//! Servers compared by their URLs, each variable's values expanded (Invoicebox's `{line}`
//! gives two), so dropping a value is dropping a server.

use serde_json::Value;

use super::{ChangeRule as R, Differ, Finding, Side};
/// The URLs of a spec's servers, each variable's values expanded: url -> pointer.
fn server_urls(side: Side<'_>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let Some(Value::Array(servers)) = side.at("/servers") else {
        return out;
    };
    for (i, server) in servers.iter().enumerate() {
        let Some(url) = server.get("url").and_then(Value::as_str) else {
            continue;
        };
        let mut urls = vec![url.to_owned()];
        if let Some(Value::Object(variables)) = server.get("variables") {
            for (name, variable) in variables {
                let values: Vec<String> = match variable.get("enum") {
                    Some(Value::Array(values)) => values
                        .iter()
                        .filter_map(Value::as_str)
                        .map(str::to_owned)
                        .collect(),
                    _ => variable
                        .get("default")
                        .and_then(Value::as_str)
                        .map(str::to_owned)
                        .into_iter()
                        .collect(),
                };
                let mark = &format!("{{{name}}}");
                urls = urls
                    .iter()
                    .flat_map(|url| values.iter().map(move |v| url.replace(mark, v)))
                    .collect();
            }
        }
        out.extend(urls.into_iter().map(|url| (url, format!("/servers/{i}"))));
    }
    out
}

/// Servers added and removed.
pub(super) fn compare(d: &mut Differ<'_>) {
    let old = server_urls(d.old);
    let new = server_urls(d.new);
    for (url, pointer) in &new {
        if !old.iter().any(|(u, _)| u == url) {
            d.push(Finding {
                rule: R::ServerAdded,
                location: "server",
                field: None,
                old: None,
                new: Some(pointer),
                message: format!("the server {url} is added"),
                client: "a base URL the builder may be given".into(),
            });
        }
    }
    for (url, pointer) in &old {
        if !new.iter().any(|(u, _)| u == url) {
            d.push(Finding {
                rule: R::ServerRemoved,
                location: "server",
                field: None,
                old: Some(pointer),
                new: None,
                message: format!("the server {url} is removed"),
                client: "clients whose base URL is it must move (the generated default follows the first server)".into(),
            });
        }
    }
}
