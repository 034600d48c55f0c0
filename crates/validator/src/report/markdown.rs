//! `--format markdown`: a run as a pull request comment or a wiki page would show it: the
//! counts, the groups of violations as a table (count, first and last exchange, one example,
//! the spec line), the unmatched requests by reason, the unreadable entries, and coverage.

use std::io::{self, Write};

use super::Page;
use crate::tally::{Coverage, Group, Tally, UnmatchedGroup};

/// Text for a table cell: no line breaks, `|` escaped, and `<`, `>`, `&` as entities so that
/// a renderer takes nothing in a message for markup.
fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '\n' | '\r' => out.push(' '),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            _ => out.push(c),
        }
    }
    out
}

/// Text in a code span: backticks would end it, so they become quotes.
fn code(text: &str) -> String {
    format!("`{}`", cell(text).replace('`', "'"))
}

pub(super) fn write(out: &mut impl Write, page: &Page, tally: &Tally) -> io::Result<()> {
    let s = tally.summary;
    writeln!(out, "# confirmspec validate\n")?;
    writeln!(
        out,
        "**{} exchanges**: {} conforming, {} violating, {} unmatched, {} unreadable.\n",
        s.exchanges, s.conforming, s.violating, s.unmatched, s.unreadable
    )?;
    let groups = tally.groups.groups();
    if !groups.is_empty() {
        writeln!(out, "## Violations ({} groups)\n", groups.len())?;
        writeln!(
            out,
            "| Operation | Where | Rule | Exchanges | First | Last | Example | Spec |"
        )?;
        writeln!(out, "|---|---|---|--:|---|---|---|---|")?;
        for group in groups {
            group_row(out, group)?;
        }
        writeln!(out)?;
    }
    let unmatched = tally.groups.unmatched();
    if !unmatched.is_empty() {
        writeln!(out, "## Unmatched requests\n")?;
        writeln!(out, "| Reason | Exchanges | First | Last | Example |")?;
        writeln!(out, "|---|--:|---|---|---|")?;
        for group in unmatched {
            unmatched_row(out, group)?;
        }
        writeln!(out)?;
    }
    if !page.unreadable.is_empty() {
        writeln!(out, "## Unreadable entries\n")?;
        for result in &page.unreadable {
            writeln!(
                out,
                "- {}",
                cell(result.reason.as_deref().unwrap_or("unreadable"))
            )?;
        }
        writeln!(out)?;
    }
    coverage(out, &tally.coverage)
}

fn group_row(out: &mut impl Write, group: &Group) -> io::Result<()> {
    let operation = format!(
        "{} {}",
        cell(&group.spec),
        group.operation.as_deref().map(code).unwrap_or_default()
    );
    let place = group.place();
    let example = &group.example;
    let (message, spec) = match &example.violation {
        Some(v) => (
            v.message.as_str(),
            match (&v.spec_file, v.spec_line) {
                (Some(file), Some(line)) => code(&format!("{file}:{line}")),
                _ => String::new(),
            },
        ),
        None => ("", String::new()),
    };
    let status = example
        .status
        .map(|s| format!(" → {s}"))
        .unwrap_or_default();
    writeln!(
        out,
        "| {operation} | {} | `{}` | {} | {} | {} | {} {}{status}: {} | {spec} |",
        code(&place),
        group.rule,
        group.exchanges,
        code(&group.first.to_string()),
        code(&group.last.to_string()),
        cell(example.method.as_deref().unwrap_or("?")),
        code(example.url.as_deref().unwrap_or("?")),
        cell(message),
    )
}

fn unmatched_row(out: &mut impl Write, group: &UnmatchedGroup) -> io::Result<()> {
    let example = &group.example;
    writeln!(
        out,
        "| {} | {} | {} | {} | {} {} |",
        cell(&group.reason),
        group.exchanges,
        code(&group.first.to_string()),
        code(&group.last.to_string()),
        cell(example.method.as_deref().unwrap_or("?")),
        code(example.url.as_deref().unwrap_or("?")),
    )
}

/// Coverage as a table: each operation, its exchanges, the documented responses seen (with
/// counts) and never seen, and the undocumented statuses seen.
fn coverage(out: &mut impl Write, coverage: &Coverage) -> io::Result<()> {
    if coverage.operations.is_empty() {
        return Ok(());
    }
    let exercised = coverage.operations.len() - coverage.unexercised().count();
    writeln!(
        out,
        "## Coverage\n\n{exercised} of {} operations exercised.\n",
        coverage.operations.len()
    )?;
    writeln!(
        out,
        "| Operation | Exchanges | Documented responses seen | Never seen | Undocumented seen |"
    )?;
    writeln!(out, "|---|--:|---|---|---|")?;
    for operation in &coverage.operations {
        let seen: Vec<String> = operation
            .statuses
            .iter()
            .filter(|s| s.exchanges > 0)
            .map(|s| format!("{} ×{}", s.status, s.exchanges))
            .collect();
        let never: Vec<&str> = operation
            .statuses
            .iter()
            .filter(|s| s.exchanges == 0)
            .map(|s| s.status.as_str())
            .collect();
        let undocumented: Vec<String> = operation
            .undocumented
            .iter()
            .map(|s| format!("{} ×{}", s.status, s.exchanges))
            .collect();
        writeln!(
            out,
            "| {} {} | {} | {} | {} | {} |",
            cell(&operation.spec),
            code(&operation.operation),
            operation.exchanges,
            seen.join(", "),
            never.join(", "),
            undocumented.join(", "),
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_cannot_break_its_table_nor_carry_markup() {
        assert_eq!(cell("a|b\nc<script>&"), "a\\|b c&lt;script&gt;&amp;");
        assert_eq!(code("x`y"), "`x'y`");
    }
}
