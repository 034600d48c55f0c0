//! Media types: a `Content-Type`'s essence, whether it is JSON, and the documented media range it falls under.

use confirmspec_spec::model::Media;

/// The essence of a media type: `application/json; charset=utf-8` -> `application/json`.
pub(crate) fn essence(content_type: &str) -> &str {
    // A byte search: `split(';')` sets up a searcher that costs more than these short
    // strings, and this runs several times for every message.
    let end = content_type
        .bytes()
        .position(|b| b == b';')
        .unwrap_or(content_type.len());
    content_type[..end].trim()
}

/// Whether a media type (without parameters, any case) is JSON.
pub(crate) fn is_json(essence: &str) -> bool {
    let suffix = essence
        .len()
        .checked_sub(5)
        .and_then(|at| essence.get(at..));
    essence.eq_ignore_ascii_case("application/json")
        || essence.eq_ignore_ascii_case("text/json")
        || suffix.is_some_and(|s| s.eq_ignore_ascii_case("+json"))
}

/// The declared media that a body of `essence` falls under: exact, then `type/*`, then `*/*`.
pub(crate) fn pick<'m>(media: &'m [Media], essence: &str) -> Option<&'m Media> {
    // Most bodies come as the only media type their spec declares, written the same way: the
    // first one found, at the cost of one comparison.
    if let Some(first) = media.first()
        && first.range.eq_ignore_ascii_case(essence)
    {
        return Some(first);
    }
    let (kind, subtype) = media_range(essence);
    media
        .iter()
        .find(|m| {
            let (k, s) = media_range(&m.range);
            k.eq_ignore_ascii_case(kind) && s.eq_ignore_ascii_case(subtype)
        })
        .or_else(|| {
            media
                .iter()
                .find(|m| matches!(media_range(&m.range), (k, "*") if k.eq_ignore_ascii_case(kind)))
        })
        .or_else(|| media.iter().find(|m| media_range(&m.range) == ("*", "*")))
}

/// A media type or range without its parameters, as type and subtype.
pub(crate) fn media_range(range: &str) -> (&str, &str) {
    let range = essence(range);
    match range.bytes().position(|b| b == b'/') {
        Some(slash) => (&range[..slash], &range[slash + 1..]),
        None => (range, ""),
    }
}

pub(crate) use crate::exchange::header;

pub(crate) fn documented(media: &[Media]) -> String {
    let list: Vec<&str> = media.iter().map(|m| m.range.as_str()).collect();
    list.join(", ")
}

#[cfg(test)]
mod tests {
    use super::{essence, media_range};

    #[test]
    fn media_types_lose_their_parameters_and_split_at_the_slash() {
        for (text, expected_essence, expected_range) in [
            (
                "application/json; charset=utf-8",
                "application/json",
                ("application", "json"),
            ),
            (
                " application/problem+json ;q=1",
                "application/problem+json",
                ("application", "problem+json"),
            ),
            ("text/*", "text/*", ("text", "*")),
            ("*/*", "*/*", ("*", "*")),
            ("nonsense", "nonsense", ("nonsense", "")),
            ("; charset=utf-8", "", ("", "")),
        ] {
            assert_eq!(essence(text), expected_essence, "{text}");
            assert_eq!(media_range(text), expected_range, "{text}");
        }
    }
}
