//! `--format html`: one self-contained page to look at a run. No script, font, image or
//! request to anywhere (its Content-Security-Policy forbids every fetch; the style is inline):
//! the counts with a bar, a picture of coverage (each operation's documented statuses, seen or
//! not, and the undocumented ones seen), the groups of violations with an example each and a
//! link to the spec file's line, the unmatched requests by reason, the unreadable entries.
//!
//! Its size is bounded by the distinct defects and the specs' operations, never by the
//! exchanges: past [`GROUPS_SHOWN`] groups the page counts the rest. Secrets are masked as in
//! every report (messages and URLs are the validator's, masked at the source).
//!
//! The numbers a script would read carry `data-` attributes (`data-summary`, `data-group`),
//! which the browser test compares with the JSON report.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::Page;
use super::uri::absolute_uri;
use crate::run::SpecPaths;
use crate::tally::{Coverage, Group, Summary, Tally, UnmatchedGroup};

/// How many groups of violations (and of unmatched requests) the page shows; the rest are
/// counted, and every one is in `--format json`.
pub(super) const GROUPS_SHOWN: usize = 500;

const STYLE: &str = r#"
:root { --ok: #1a7f37; --bad: #cf222e; --warn: #9a6700; --odd: #8250df; --none: #d0d7de;
  --ink: #1f2328; --dim: #59636e; --line: #d1d9e0; --bg: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); }
header, section, footer { padding: 12px 24px; }
header { background: var(--ink); color: #fff; }
header h1 { margin: 0; font-size: 20px; }
header p { margin: 4px 0 0; color: #d1d9e0; }
h2 { font-size: 17px; margin: 8px 0 10px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
code, .mono { font: 12px/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
.tiles { display: flex; flex-wrap: wrap; gap: 10px; }
.tile { border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; min-width: 130px; }
.tile .n { display: block; font-size: 24px; font-weight: 600; }
.tile.conforming .n { color: var(--ok); } .tile.violating .n { color: var(--bad); }
.tile.unmatched .n { color: var(--warn); } .tile.unreadable .n { color: var(--bad); }
.bar { display: flex; height: 12px; border-radius: 6px; overflow: hidden; margin-top: 12px; background: var(--none); max-width: 900px; }
.bar span { display: block; height: 100%; }
.bar .conforming { background: var(--ok); } .bar .violating { background: var(--bad); }
.bar .unmatched { background: var(--warn); } .bar .unreadable { background: #57606a; }
table { border-collapse: collapse; }
td, th { text-align: left; vertical-align: top; padding: 4px 10px 4px 0; border-bottom: 1px solid var(--line); }
th { font-weight: 600; color: var(--dim); }
td.num, th.num { text-align: right; }
.chip { display: inline-block; margin: 1px 3px 1px 0; padding: 0 6px; border-radius: 10px; font-size: 12px; border: 1px solid transparent; }
.chip.seen { background: var(--ok); color: #fff; }
.chip.unseen { background: #fff; color: var(--dim); border-color: var(--none); border-style: dashed; }
.chip.undocumented { background: var(--odd); color: #fff; }
.op.never td { color: var(--dim); }
.legend { color: var(--dim); margin: 8px 0; }
.group { border: 1px solid var(--line); border-left: 4px solid var(--bad); border-radius: 6px; padding: 8px 12px; margin: 0 0 10px; max-width: 1100px; }
.group.warning { border-left-color: var(--warn); }
.group h3 { font-size: 14px; margin: 0; }
.group .sev { text-transform: uppercase; font-size: 11px; color: var(--bad); margin-right: 6px; }
.group.warning .sev { color: var(--warn); }
.group .count { margin: 4px 0; color: var(--dim); }
.group .example { margin: 4px 0; overflow-wrap: anywhere; }
.group .spec { margin: 2px 0 0; color: var(--dim); overflow-wrap: anywhere; }
.more, footer { color: var(--dim); }
"#;

/// Text for HTML, in an element or a quoted attribute.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub(super) fn write(out: &mut impl Write, page: &Page, tally: &Tally) -> io::Result<()> {
    // The page is built in a String (`write!` into it cannot fail) and written once.
    let mut html = String::with_capacity(64 * 1024);
    let s = tally.summary;
    let _ = write!(
        html,
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="confirmspec {version}">
<title>confirmspec validate: {exchanges}, {violating} violating</title>
<style>{STYLE}</style>
</head>
<body>
<header><h1>confirmspec validate</h1><p>{exchanges}: {conforming} conforming, {violating} violating, {unmatched} unmatched, {unreadable} unreadable</p></header>
"#,
        version = env!("CARGO_PKG_VERSION"),
        exchanges = plural(s.exchanges, "exchange", "exchanges"),
        conforming = s.conforming,
        violating = s.violating,
        unmatched = s.unmatched,
        unreadable = s.unreadable,
    );
    summary(&mut html, s);
    coverage(&mut html, &tally.coverage);
    groups(&mut html, &tally.groups.groups(), &page.paths);
    unmatched(&mut html, &tally.groups.unmatched());
    if !page.unreadable.is_empty() {
        let _ = write!(
            html,
            "<section id=\"unreadable\"><h2>Unreadable entries</h2><ul>"
        );
        for result in &page.unreadable {
            let _ = write!(
                html,
                "<li class=\"mono\">{}</li>",
                esc(result.reason.as_deref().unwrap_or("unreadable"))
            );
        }
        let _ = writeln!(html, "</ul></section>");
    }
    let paths = &page.paths;
    let _ = write!(
        html,
        "<footer>Spec files: the bundled <code>specs/…</code> are in <code>{}</code>; other relative paths start at <code>{}</code>. Every exchange and violation is in <code>--format json</code>.</footer>\n</body>\n</html>\n",
        esc(&paths.bundled_relative_to),
        esc(&paths.relative_to)
    );
    out.write_all(html.as_bytes())
}

fn summary(html: &mut String, s: Summary) {
    let _ = write!(html, "<section id=\"summary\"><div class=\"tiles\">");
    let counts = [
        ("exchanges", s.exchanges),
        ("conforming", s.conforming),
        ("violating", s.violating),
        ("unmatched", s.unmatched),
        ("unreadable", s.unreadable),
    ];
    for (name, n) in counts {
        let _ = write!(
            html,
            "<div class=\"tile {name}\"><span class=\"n\" data-summary=\"{name}\">{n}</span>{name}</div>"
        );
    }
    let _ = write!(
        html,
        "</div><div class=\"bar\" role=\"img\" aria-label=\"verdicts\">"
    );
    if s.exchanges > 0 {
        for (name, n) in &counts[1..] {
            if *n > 0 {
                let share = *n as f64 * 100.0 / s.exchanges as f64;
                let _ = write!(
                    html,
                    "<span class=\"{name}\" style=\"width:{share:.3}%\" title=\"{n} {name}\"></span>"
                );
            }
        }
    }
    let _ = writeln!(html, "</div></section>");
}

/// Each operation a row, its statuses as chips: documented and seen (with the count),
/// documented and never seen, seen but undocumented.
fn coverage(html: &mut String, coverage: &Coverage) {
    if coverage.operations.is_empty() {
        return;
    }
    let operations = coverage.operations.len();
    let exercised = operations - coverage.unexercised().count();
    let statuses = coverage.operations.iter().flat_map(|o| &o.statuses);
    let documented = statuses.clone().count();
    let seen = statuses.filter(|s| s.exchanges > 0).count();
    let undocumented: usize = coverage
        .operations
        .iter()
        .map(|o| o.undocumented.len())
        .sum();
    let _ = write!(
        html,
        "<section id=\"coverage\"><h2>Coverage</h2><p><b data-coverage=\"exercised\">{exercised}</b> of <b data-coverage=\"operations\">{operations}</b> operations exercised; <b data-coverage=\"seen\">{seen}</b> of <b data-coverage=\"documented\">{documented}</b> documented responses seen; <b data-coverage=\"undocumented\">{undocumented}</b> undocumented statuses seen.</p>\
<p class=\"legend\"><span class=\"chip seen\">200 ×n</span> documented, seen n times <span class=\"chip unseen\">404</span> documented, never seen <span class=\"chip undocumented\">418 ×n</span> seen, not documented</p>\
<table><thead><tr><th>Spec</th><th>Operation</th><th>Request</th><th class=\"num\">Exchanges</th><th>Responses</th></tr></thead><tbody>"
    );
    for op in &coverage.operations {
        let _ = write!(
            html,
            "<tr class=\"op{}\"><td>{}</td><td><code>{}</code></td><td class=\"mono\">{} {}</td><td class=\"num\">{}</td><td>",
            if op.exchanges == 0 { " never" } else { "" },
            esc(&op.spec),
            esc(&op.operation),
            esc(&op.method),
            esc(&op.path),
            op.exchanges
        );
        for status in &op.statuses {
            if status.exchanges > 0 {
                let _ = write!(
                    html,
                    "<span class=\"chip seen\" title=\"documented, seen in {n}\">{} ×{n}</span>",
                    esc(&status.status),
                    n = status.exchanges
                );
            } else {
                let _ = write!(
                    html,
                    "<span class=\"chip unseen\" title=\"documented, never seen\">{}</span>",
                    esc(&status.status)
                );
            }
        }
        for status in &op.undocumented {
            let _ = write!(
                html,
                "<span class=\"chip undocumented\" title=\"not documented, seen in {n}\">{} ×{n}</span>",
                esc(&status.status),
                n = status.exchanges
            );
        }
        let _ = write!(html, "</td></tr>");
    }
    let _ = writeln!(html, "</tbody></table></section>");
}

fn groups(html: &mut String, groups: &[&Group], paths: &SpecPaths) {
    let _ = write!(
        html,
        "<section id=\"groups\"><h2>Violations: <span data-groups=\"violations\">{}</span></h2>",
        plural(groups.len(), "group", "groups")
    );
    if groups.is_empty() {
        let _ = write!(html, "<p>None.</p>");
    }
    for group in groups.iter().take(GROUPS_SHOWN) {
        group_card(html, group, paths);
    }
    more(html, groups.len());
    let _ = writeln!(html, "</section>");
}

fn more(html: &mut String, shown_of: usize) {
    if shown_of > GROUPS_SHOWN {
        let _ = write!(
            html,
            "<p class=\"more\">and {} more groups (every one is in <code>--format json</code>)</p>",
            shown_of - GROUPS_SHOWN
        );
    }
}

fn group_card(html: &mut String, group: &Group, paths: &SpecPaths) {
    let place = group.place();
    let severity = group.severity.as_str();
    let _ = write!(
        html,
        "<article class=\"group {severity}\" data-group=\"{}\" data-exchanges=\"{}\" data-violations=\"{}\"><h3><span class=\"sev\">{severity}</span>{} <code>{}</code> · <code>{}</code> <code>[{}]</code></h3>",
        esc(&group.fingerprint),
        group.exchanges,
        group.violations,
        esc(&group.spec),
        esc(group.operation.as_deref().unwrap_or("")),
        esc(&place),
        group.rule,
    );
    let _ = write!(html, "<p class=\"count\">{}</p>", esc(&group.count_text()));
    let example = &group.example;
    let Some(violation) = &example.violation else {
        let _ = write!(html, "</article>");
        return;
    };
    let at = match &violation.pointer {
        Some(actual) if Some(actual) != group.pointer.as_ref() => format!(" at {actual}"),
        _ => String::new(),
    };
    let status = example
        .status
        .map(|s| format!(" → {s}"))
        .unwrap_or_default();
    let _ = write!(
        html,
        "<p class=\"example\"><span class=\"mono\">{}{} {} {}{}{}</span>: {}</p>",
        if group.exchanges > 1 { "e.g. " } else { "" },
        esc(&example.seen.to_string()),
        esc(example.method.as_deref().unwrap_or("?")),
        esc(example.url.as_deref().unwrap_or("?")),
        esc(&status),
        esc(&at),
        esc(&violation.message),
    );
    if let (Some(file), Some(line)) = (&violation.spec_file, violation.spec_line) {
        let _ = write!(
            html,
            "<p class=\"spec\"><a href=\"{}\">{}:{line}</a> <code>{}</code></p>",
            esc(&absolute_uri(file, paths)),
            esc(file),
            esc(violation.schema_path.as_deref().unwrap_or("")),
        );
    }
    let _ = write!(html, "</article>");
}

fn unmatched(html: &mut String, groups: &[&UnmatchedGroup]) {
    if groups.is_empty() {
        return;
    }
    let _ = write!(
        html,
        "<section id=\"unmatched\"><h2>Unmatched requests: <span data-groups=\"unmatched\">{}</span></h2><table><thead><tr><th>Reason</th><th class=\"num\">Exchanges</th><th>First</th><th>Last</th><th>Example</th></tr></thead><tbody>",
        plural(groups.len(), "group", "groups")
    );
    for group in groups.iter().take(GROUPS_SHOWN) {
        let example = &group.example;
        let _ = write!(
            html,
            "<tr data-unmatched-exchanges=\"{}\"><td>{}</td><td class=\"num\">{}</td><td class=\"mono\">{}</td><td class=\"mono\">{}</td><td class=\"mono\">{} {}</td></tr>",
            group.exchanges,
            esc(&group.reason),
            group.exchanges,
            esc(&group.first.to_string()),
            esc(&group.last.to_string()),
            esc(example.method.as_deref().unwrap_or("?")),
            esc(example.url.as_deref().unwrap_or("?")),
        );
    }
    let _ = write!(html, "</tbody></table>");
    more(html, groups.len());
    let _ = writeln!(html, "</section>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped() {
        assert_eq!(
            esc(r#"<img src=x onerror="a('b')">&"#),
            "&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt;&amp;"
        );
    }
}
