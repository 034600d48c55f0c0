//! Servers compared by their URLs, each variable's values expanded (Invoicebox's `{line}`
//! gives two), so dropping a value is dropping a server.

use super::{ChangeRule as R, Differ, Finding, Side};
use crate::model::servers_at;
/// The URLs of a spec's servers, each variable's values expanded: url -> pointer.
fn server_urls(side: Side<'_>) -> Vec<(String, String)> {
    servers_at(side.document(), "")
        .into_iter()
        .flat_map(|server| {
            let pointer = server.pointer.clone();
            server
                .urls()
                .into_iter()
                .map(move |url| (url, pointer.clone()))
        })
        .collect()
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
