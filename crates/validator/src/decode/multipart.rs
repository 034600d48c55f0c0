//! Multipart bodies (RFC 7578): the boundary of a `multipart/form-data` Content-Type, the
//! parts it delimits with their names and headers, and whether a part's media type is one an
//! encoding allows.

/// The `boundary` parameter of a multipart Content-Type.
pub(crate) fn boundary(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|parameter| {
        let (key, value) = parameter.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case("boundary")
            .then(|| value.trim().trim_matches('"').to_owned())
            .filter(|b| !b.is_empty())
    })
}

/// One part of a multipart body.
pub(crate) struct Part<'b> {
    pub name: String,
    /// Sent with a `filename`: a file.
    pub file: bool,
    pub content_type: Option<String>,
    pub body: &'b [u8],
}

/// Why a multipart body cannot be read; a part is counted from 1.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum MultipartError {
    #[error("the multipart body's Content-Type names no `boundary`")]
    NoBoundary,
    #[error("the multipart body has no part delimited by its boundary")]
    NoPart,
    #[error("the multipart body is not closed by `--boundary--`")]
    NotClosed,
    #[error("part {0} of the multipart body has no blank line after its headers")]
    NoBlankLine(usize),
    #[error("part {0} of the multipart body has no `Content-Disposition: form-data; name=...`")]
    NoName(usize),
}

/// The parts of a multipart body (RFC 7578), each with its name and headers.
pub(crate) fn parts<'b>(body: &'b [u8], boundary: &[u8]) -> Result<Vec<Part<'b>>, MultipartError> {
    let delimiter = [b"--".as_slice(), boundary].concat();
    let finder = memchr::memmem::Finder::new(&delimiter);
    let mut starts: Vec<usize> = finder.find_iter(body).collect();
    if starts.is_empty() {
        return Err(MultipartError::NoPart);
    }
    let mut parts = Vec::new();
    let closed = starts
        .iter()
        .any(|&s| body[s + delimiter.len()..].starts_with(b"--"));
    if !closed {
        return Err(MultipartError::NotClosed);
    }
    starts.push(body.len());
    for window in starts.windows(2) {
        let (start, end) = (window[0] + delimiter.len(), window[1]);
        let chunk = &body[start..end];
        if chunk.starts_with(b"--") {
            break;
        }
        let chunk = chunk.strip_prefix(b"\r\n").unwrap_or(chunk);
        let chunk = chunk.strip_suffix(b"\r\n").unwrap_or(chunk);
        let split = memchr::memmem::find(chunk, b"\r\n\r\n")
            .ok_or(MultipartError::NoBlankLine(parts.len() + 1))?;
        let head = String::from_utf8_lossy(&chunk[..split]);
        let mut name = None;
        let mut file = false;
        let mut content_type = None;
        for line in head.split("\r\n") {
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            if key.trim().eq_ignore_ascii_case("content-disposition") {
                for parameter in value.split(';').skip(1) {
                    let Some((k, v)) = parameter.split_once('=') else {
                        continue;
                    };
                    match k.trim().to_ascii_lowercase().as_str() {
                        "name" => name = Some(v.trim().trim_matches('"').to_owned()),
                        "filename" | "filename*" => file = true,
                        _ => {}
                    }
                }
            } else if key.trim().eq_ignore_ascii_case("content-type") {
                content_type = Some(value.trim().to_owned());
            }
        }
        let name = name.ok_or(MultipartError::NoName(parts.len() + 1))?;
        parts.push(Part {
            name,
            file,
            content_type,
            body: &chunk[split + 4..],
        });
    }
    Ok(parts)
}

/// Whether a part's media type is one of an encoding's `contentType` list (ranges allowed).
pub(crate) fn media_allows(declared: &str, sent: &str) -> bool {
    let (kind, subtype) = crate::decode::media::media_range(sent);
    declared.split(',').any(|range| {
        let (k, s) = crate::decode::media::media_range(range.trim());
        (k == "*" || k.eq_ignore_ascii_case(kind)) && (s == "*" || s.eq_ignore_ascii_case(subtype))
    })
}

#[cfg(test)]
mod tests {
    use super::super::form::{FormKind, decode};
    use super::MultipartError;
    use serde_json::json;

    #[test]
    fn malformed_multipart_bodies_say_what_is_wrong() {
        let decode = |content_type: &str, body: &str| {
            decode(
                FormKind::Multipart,
                content_type,
                body.as_bytes(),
                None,
                &[],
                &json!({}),
            )
            .err()
        };
        assert_eq!(
            decode("multipart/form-data", "x"),
            Some(MultipartError::NoBoundary)
        );
        assert_eq!(
            decode("multipart/form-data; boundary=b", "nothing"),
            Some(MultipartError::NoPart)
        );
        assert_eq!(
            decode(
                "multipart/form-data; boundary=b",
                "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n"
            ),
            Some(MultipartError::NotClosed)
        );
        assert_eq!(
            decode(
                "multipart/form-data; boundary=b",
                "--b\r\nX: y\r\n1\r\n--b--"
            ),
            Some(MultipartError::NoBlankLine(1))
        );
        let error = decode(
            "multipart/form-data; boundary=b",
            "--b\r\nX: y\r\n\r\n1\r\n--b--",
        );
        assert_eq!(error, Some(MultipartError::NoName(1)));
        assert!(error.unwrap().to_string().contains("Content-Disposition"));
    }
}
