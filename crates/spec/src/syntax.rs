//! A parser's message, said the way confirmspec says a place: the problem alone, since the
//! caller names the place (a file and line, an entry and byte offset) its own way.

/// serde_json's message without the ` at line L column C` it appends to every error.
pub fn json_problem(error: &serde_json::Error) -> String {
    let message = error.to_string();
    if error.line() == 0 {
        return message;
    }
    let position = format!(" at line {} column {}", error.line(), error.column());
    match message.strip_suffix(&position) {
        Some(problem) => problem.to_owned(),
        None => message,
    }
}

/// The byte offset in `text` of the place serde_json's `error` names (its line and column,
/// which count bytes), at most the text's length.
pub fn json_error_offset(text: &[u8], error: &serde_json::Error) -> usize {
    let mut start = 0;
    for _ in 1..error.line() {
        match memchr::memchr(b'\n', &text[start..]) {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    (start + error.column().saturating_sub(1)).min(text.len())
}

/// yaml_serde's message without the positions in it: libyaml's can name two, the problem's
/// (` at line L column C`) and, after its context (`, while parsing a flow sequence`), the
/// context's. The caller gives the problem's position.
pub(crate) fn yaml_problem(error: &yaml_serde::Error) -> String {
    let message = error.to_string();
    let mut problem = String::with_capacity(message.len());
    let mut rest = message.as_str();
    while let Some(at) = rest.find(" at line ") {
        problem.push_str(&rest[..at]);
        let after = &rest[at + " at line ".len()..];
        let digits = |text: &str| {
            text.find(|c: char| !c.is_ascii_digit())
                .unwrap_or(text.len())
        };
        let line = digits(after);
        match after[line..].strip_prefix(" column ") {
            Some(column) if line > 0 && digits(column) > 0 => rest = &column[digits(column)..],
            _ => {
                problem.push_str(" at line ");
                rest = after;
            }
        }
    }
    problem.push_str(rest);
    problem
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_json_problem_has_no_position_and_keeps_the_rest() {
        let error = serde_json::from_str::<serde_json::Value>("{\"a\": tru}").unwrap_err();
        assert_eq!(json_problem(&error), "expected ident");
        assert_eq!((error.line(), error.column()), (1, 10));
        let error = serde_json::from_str::<u8>("\"x\"").unwrap_err();
        assert!(json_problem(&error).starts_with("invalid type: string \"x\""));
        assert!(!json_problem(&error).contains(" at line "));
    }

    #[test]
    fn a_json_error_is_placed_at_its_byte() {
        let text = b"{\"a\": 1,\n \"b\": tru}";
        let error = serde_json::from_slice::<serde_json::Value>(text).unwrap_err();
        assert_eq!(json_error_offset(text, &error), 18);
        assert_eq!(text[18], b'}');
    }

    #[test]
    fn a_yaml_problem_has_no_position() {
        let error = yaml_serde::from_str::<serde_json::Value>("a: [1, 2\nb: 3").unwrap_err();
        assert_eq!(
            yaml_problem(&error),
            "did not find expected ',' or ']', while parsing a flow sequence"
        );
        let error = yaml_serde::from_str::<u8>("x").unwrap_err();
        assert_eq!(yaml_problem(&error), error.to_string());
    }
}
