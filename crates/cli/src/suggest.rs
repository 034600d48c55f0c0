//! What to say when a name matches nothing: the nearest names there are, and where to see
//! them all.

use crate::error::Error;

/// At most this many names are listed after an unknown one; past it, the nearest.
const LISTED: usize = 12;

/// The names of `names` nearest to `given`, nearest first (case aside).
pub(super) fn nearest<'a>(given: &str, names: &[&'a str]) -> Vec<&'a str> {
    let given = given.to_lowercase();
    let mut scored: Vec<(f64, &str)> = names
        .iter()
        .map(|name| (strsim::jaro_winkler(&given, &name.to_lowercase()), *name))
        .filter(|(score, _)| *score >= 0.7)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored.into_iter().map(|(_, name)| name).collect()
}

/// "no `what` is named `given`; did you mean `x`? The `what`s: ..." (or the nearest of many,
/// and `how_to_list`, the command that lists them all).
pub(super) fn unknown(what: &str, given: &str, names: &[&str], how_to_list: &str) -> Error {
    let close = nearest(given, names);
    let mut message = format!("no {what} is named `{given}`");
    if let Some(best) = close.first() {
        message.push_str(&format!("; did you mean `{best}`?"));
    }
    if names.is_empty() {
        message.push_str(&format!(" (there is no {what})"));
    } else if names.len() <= LISTED {
        message.push_str(&format!(" The {what}s: {}.", names.join(", ")));
    } else {
        let shown: Vec<&str> = close.into_iter().take(LISTED).collect();
        if !shown.is_empty() {
            message.push_str(&format!(" The nearest: {}.", shown.join(", ")));
        }
        message.push_str(&format!(
            " There are {} {what}s: `{how_to_list}` lists them.",
            names.len()
        ));
    }
    Error::Usage(message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_name_is_suggested_and_the_names_listed() {
        let specs = ["payments", "order-events", "refunds"];
        assert_eq!(nearest("orderevents", &specs), ["order-events"]);
        let message = unknown("bundled spec", "orderevents", &specs, "").to_string();
        assert_eq!(
            message,
            "no bundled spec is named `orderevents`; did you mean `order-events`? \
             The bundled specs: payments, order-events, refunds."
        );
        let many: Vec<String> = (0..40).map(|i| format!("Schema{i}")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        let message = unknown("schema", "Schema7x", &many, "confirmspec check --list").to_string();
        assert!(message.contains("did you mean `Schema7`?"), "{message}");
        assert!(
            message.ends_with("There are 40 schemas: `confirmspec check --list` lists them."),
            "{message}"
        );
    }
}
