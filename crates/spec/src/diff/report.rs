//! The printers of `confirmspec diff`: text for people, markdown for release notes, one JSON
//! document for scripts (`docs/diff-report.schema.json`).

use std::io::{self, Write};

use crate::diff::{Change, Class, Diff, Place};

/// The formats of a diff report (`confirmspec diff --format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum DiffFormat {
    /// For people: one block per change, breaking ones first, a summary last.
    Text,
    /// `{"summary": {"breaking", "warning", "info"}, "changes": [...]}`.
    Json,
    /// Release notes: a section per class, a bullet per change.
    Markdown,
}

/// Writes a diff in a format.
pub fn write_diff(format: DiffFormat, diff: &Diff, out: &mut impl Write) -> io::Result<()> {
    match format {
        DiffFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, diff)?;
            writeln!(out)
        }
        DiffFormat::Text => text(diff, out),
        DiffFormat::Markdown => markdown(diff, out),
    }
}

const CLASSES: [(Class, &str); 3] = [
    (Class::Breaking, "Breaking changes"),
    (Class::Warning, "Warnings"),
    (Class::Info, "Other changes"),
];

fn place(place: Option<&Place>) -> String {
    match place {
        None => "-".to_owned(),
        Some(p) => match p.line {
            Some(line) => format!("{}:{line} ({})", p.file.display(), p.pointer),
            None => format!("{} ({})", p.file.display(), p.pointer),
        },
    }
}

fn at(change: &Change) -> String {
    let operation = change.operation.as_deref().unwrap_or("(spec)");
    match &change.field {
        Some(field) if !field.is_empty() => format!("{operation} {} {field}", change.location),
        _ => format!("{operation} {}", change.location),
    }
}

fn breaks(change: &Change) -> String {
    let names: Vec<&str> = change
        .breaks
        .iter()
        .map(|b| match b {
            crate::diff::Breaks::Traffic => "traffic",
            crate::diff::Breaks::Code => "code",
        })
        .collect();
    if names.is_empty() {
        String::new()
    } else {
        format!(" (breaks {})", names.join(" and "))
    }
}

fn text(diff: &Diff, out: &mut impl Write) -> io::Result<()> {
    for (class, _) in CLASSES {
        for change in diff.changes.iter().filter(|c| c.class == class) {
            writeln!(
                out,
                "{:<8} {}  [{}]{}",
                class,
                at(change),
                change.rule,
                breaks(change)
            )?;
            writeln!(out, "         {}", change.message)?;
            writeln!(out, "         client: {}", change.client)?;
            writeln!(out, "         old: {}", place(change.old.as_ref()))?;
            writeln!(out, "         new: {}", place(change.new.as_ref()))?;
        }
    }
    let s = diff.summary;
    writeln!(
        out,
        "{} breaking, {} warning, {} info",
        s.breaking, s.warning, s.info
    )
}

fn markdown(diff: &Diff, out: &mut impl Write) -> io::Result<()> {
    let s = diff.summary;
    writeln!(
        out,
        "**{} breaking, {} warning, {} info** change(s).",
        s.breaking, s.warning, s.info
    )?;
    for (class, title) in CLASSES {
        let changes: Vec<&Change> = diff.changes.iter().filter(|c| c.class == class).collect();
        if changes.is_empty() {
            continue;
        }
        writeln!(out, "\n## {title}\n")?;
        for change in changes {
            let operation = change
                .operation
                .as_deref()
                .map_or_else(String::new, |o| format!("**{o}** "));
            let field = match &change.field {
                Some(field) if !field.is_empty() => format!(" `{field}`"),
                _ => String::new(),
            };
            writeln!(
                out,
                "- {operation}`{}`{field}: {}{}. *Client:* {}. (`{}`)",
                change.location,
                change.message,
                breaks(change),
                change.client,
                change.rule
            )?;
        }
    }
    Ok(())
}
