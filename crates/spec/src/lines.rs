//! The line of each JSON pointer in a spec's source text, for reports that point at the spec.
//!
//! Built on first use from yaml-rust2's event parser (YAML and JSON alike), so that loading a
//! spec costs nothing for it. A text the parser cannot read (JSON with escaped surrogate
//! pairs, which YAML forbids) simply has no lines; nor has any text without the `lines`
//! feature.

use std::collections::HashMap;
use std::sync::OnceLock;

#[cfg(feature = "lines")]
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
#[cfg(feature = "lines")]
use yaml_rust2::scanner::Marker;

/// The source text of one file and, once asked, the line of every pointer in it.
#[derive(Debug, Clone)]
pub struct Lines {
    text: std::sync::Arc<str>,
    index: OnceLock<HashMap<String, usize>>,
}

impl Lines {
    /// Keeps `text` for indexing on first use.
    pub fn index(text: &str) -> Self {
        Self {
            text: text.into(),
            index: OnceLock::new(),
        }
    }

    /// The 1-based line where the value (or, in a mapping, the key) at `pointer` starts.
    pub fn line_of(&self, pointer: &str) -> Option<usize> {
        let index = self.index.get_or_init(|| build(&self.text));
        // A pointer below a scalar (inside a string) has the scalar's line.
        let mut pointer = pointer;
        loop {
            if let Some(line) = index.get(pointer) {
                return Some(*line);
            }
            pointer = &pointer[..pointer.rfind('/')?];
        }
    }
}

#[cfg(not(feature = "lines"))]
fn build(_text: &str) -> HashMap<String, usize> {
    HashMap::new()
}

#[cfg(feature = "lines")]
fn build(text: &str) -> HashMap<String, usize> {
    let mut recorder = Recorder::default();
    let mut parser = Parser::new_from_str(text);
    if parser.load(&mut recorder, false).is_err() {
        return HashMap::new();
    }
    recorder.lines
}

#[cfg(feature = "lines")]
enum Frame {
    Mapping {
        pointer: String,
        key: Option<String>,
    },
    Sequence {
        pointer: String,
        next: usize,
    },
}

#[cfg(feature = "lines")]
#[derive(Default)]
struct Recorder {
    stack: Vec<Frame>,
    lines: HashMap<String, usize>,
}

#[cfg(feature = "lines")]
impl Recorder {
    /// The pointer of the node that starts now, or `None` when it is a mapping's key.
    fn place(&mut self, event: &Event, line: usize) -> Option<String> {
        match self.stack.last_mut() {
            None => Some(String::new()),
            Some(Frame::Sequence { pointer, next }) => {
                let place = format!("{pointer}/{next}");
                *next += 1;
                Some(place)
            }
            Some(Frame::Mapping { pointer, key }) => match key.take() {
                Some(key) => Some(format!("{pointer}/{key}")),
                None => {
                    let name = match event {
                        Event::Scalar(value, ..) => value.replace('~', "~0").replace('/', "~1"),
                        _ => String::from("?"),
                    };
                    let place = format!("{pointer}/{name}");
                    self.lines.entry(place).or_insert(line);
                    *key = Some(name);
                    None
                }
            },
        }
    }
}

#[cfg(feature = "lines")]
impl MarkedEventReceiver for Recorder {
    fn on_event(&mut self, event: Event, mark: Marker) {
        let line = mark.line();
        match &event {
            Event::Scalar(..)
            | Event::Alias(_)
            | Event::MappingStart(..)
            | Event::SequenceStart(..) => {
                let Some(pointer) = self.place(&event, line) else {
                    return;
                };
                self.lines.entry(pointer.clone()).or_insert(line);
                match event {
                    Event::MappingStart(..) => {
                        self.stack.push(Frame::Mapping { pointer, key: None })
                    }
                    Event::SequenceStart(..) => {
                        self.stack.push(Frame::Sequence { pointer, next: 0 })
                    }
                    _ => {}
                }
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

#[cfg(all(test, feature = "lines"))]
mod tests {
    use super::*;

    #[test]
    fn keys_items_and_nested_values_have_their_lines() {
        let lines =
            Lines::index("openapi: 3.0.3\npaths:\n  /a/{id}:\n    get:\n      tags: [x, y]\n");
        assert_eq!(lines.line_of("/openapi"), Some(1));
        assert_eq!(lines.line_of("/paths/~1a~1{id}"), Some(3));
        assert_eq!(lines.line_of("/paths/~1a~1{id}/get/tags/1"), Some(5));
        assert_eq!(
            lines.line_of("/paths/~1a~1{id}/get/responses"),
            Some(4),
            "the nearest parent"
        );
        let json = Lines::index("{\n  \"a\": {\n    \"b\": [1,\n 2]\n  }\n}");
        assert_eq!(json.line_of("/a/b/1"), Some(4));
    }
}
