//! The bounds on what is read of one message: its headers, and the nesting of its body.

use super::super::Rule;
use super::Collector;
use crate::capture::strings::outside_strings;
use crate::validate::Location;

/// Whether a message's headers are within the limits; when they are not, a `limit` violation
/// says which, and the message is not checked further.
pub(super) fn within_limits(
    findings: &mut Collector<'_>,
    location: Location,
    headers: &[(String, String)],
) -> bool {
    let limits = findings.inner.options.limits;
    let bytes: usize = headers.iter().map(|(n, v)| n.len() + v.len()).sum();
    let problem = if headers.len() > limits.max_headers {
        format!(
            "{} headers, more than the limit of {}",
            headers.len(),
            limits.max_headers
        )
    } else if bytes > limits.max_header_bytes {
        format!(
            "{bytes} bytes of headers, more than the limit of {} bytes",
            limits.max_header_bytes
        )
    } else {
        return true;
    };
    // Placed at the operation: the limit is the validator's, the message the operation's.
    let place = findings.operation_pointer.map(str::to_owned);
    findings.push(
        location,
        Rule::Limit,
        format!("{problem}; the message was not checked"),
        place,
    );
    false
}

/// Where a JSON text first nests arrays and objects deeper than `limit`: the byte offset of
/// the bracket that goes too deep. Brackets inside strings do not count.
pub(super) fn deeper_than(body: &[u8], limit: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (offset, byte) in outside_strings(body) {
        match byte {
            b'[' | b'{' => {
                depth += 1;
                if depth > limit {
                    return Some(offset);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}
