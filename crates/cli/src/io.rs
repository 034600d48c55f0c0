//! The command's inputs and outputs: files named on the command line or stdin, captures
//! opened as they are reached, the progress bar, and where a report goes.

use std::io::{BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use confirmspec_validator::report::{Format, Palette};
use confirmspec_validator::{Capture, RecordFormat};

use crate::error::{Error, FileAction};

/// The buffer between a report and its file or pipe: machine formats are written a piece at a
/// time, and reach the file a buffer at a time.
const BUFFER: usize = 64 << 10;

/// A file the command writes; an error names it.
pub(super) fn create(path: &Path) -> Result<std::fs::File, Error> {
    std::fs::File::create(path).map_err(Error::file(path, FileAction::Create))
}

/// The inputs to read: the files given, or stdin.
pub(super) fn inputs(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    if !paths.is_empty() {
        return Ok(paths.to_vec());
    }
    if std::io::stdin().is_terminal() {
        return Err(Error::Usage(
            "no capture given: name HAR or JSON Lines files, or pipe one to stdin (`-`)".into(),
        ));
    }
    Ok(vec![PathBuf::from("-")])
}

pub(super) fn read_input(path: &Path) -> Result<Vec<u8>, std::io::Error> {
    if path == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin().lock().read_to_end(&mut bytes)?;
        Ok(bytes)
    } else {
        std::fs::read(path)
    }
}

/// Captures larger than this (together) get a progress bar.
const PROGRESS_FROM: u64 = 4 << 20;

/// A progress bar over the bytes of the captures, on stderr when it is a terminal, for
/// captures of more than a few megabytes; hidden otherwise, or with `--quiet`.
pub(super) fn progress(paths: &[PathBuf], quiet: bool) -> indicatif::ProgressBar {
    let total: u64 = paths
        .iter()
        .filter(|p| *p != Path::new("-"))
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    if quiet || total < PROGRESS_FROM || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(total),
        indicatif::ProgressDrawTarget::stderr(),
    );
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{bar:40} {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} {msg} eta {eta}",
        )
        .expect("a valid template"),
    );
    bar
}

/// Opens each capture as it is reached: a file (its reads counted by the progress bar), or
/// stdin for `-`; one that cannot be opened gives one unreadable entry that says why.
pub(super) fn captures(
    paths: Vec<PathBuf>,
    bar: indicatif::ProgressBar,
    record_format: Option<RecordFormat>,
) -> impl Iterator<Item = Capture<'static>> + Send {
    paths.into_iter().map(move |path| {
        let name = path.display().to_string();
        let capture = if path == Path::new("-") {
            Capture::open(&name, std::io::stdin())
        } else {
            match std::fs::File::open(&path) {
                Ok(file) => Capture::open(&name, bar.wrap_read(file)),
                Err(e) => return Capture::unreadable(&name, &e),
            }
        };
        match record_format {
            Some(format) => capture.with_record_format(format),
            None => capture,
        }
    })
}

/// Where a report in `format` goes, and its palette: a file, or stdout, each through one
/// buffer and without colour; only text on a terminal goes through `anstream` (which honours
/// `NO_COLOR` and `CLICOLOR`, and speaks to Windows' console), in colour where it may.
pub(super) fn output(
    path: Option<&Path>,
    format: Format,
) -> Result<(Box<dyn Write>, Palette), Error> {
    if let Some(path) = path {
        return Ok((
            Box::new(BufWriter::with_capacity(BUFFER, create(path)?)),
            Palette::PLAIN,
        ));
    }
    let stdout = std::io::stdout();
    if format == Format::Text && stdout.is_terminal() {
        let colour = anstream::AutoStream::choice(&stdout) != anstream::ColorChoice::Never;
        return Ok((Box::new(anstream::stdout().lock()), Palette::new(colour)));
    }
    Ok((
        Box::new(BufWriter::with_capacity(BUFFER, stdout.lock())),
        Palette::PLAIN,
    ))
}

/// Ctrl-C, or SIGTERM where there is one. The handlers are in place when this returns, so a
/// signal that comes as soon as the proxy says it listens stops it gracefully, not by the
/// signal's default action (on Unix a handler is installed only when asked for).
pub(super) fn stop_signal() -> std::io::Result<impl std::future::Future<Output = ()>> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut term = signal(SignalKind::terminate())?;
        let mut interrupt = signal(SignalKind::interrupt())?;
        Ok(async move {
            tokio::select! {
                _ = term.recv() => {}
                _ = interrupt.recv() => {}
            }
        })
    }
    #[cfg(not(unix))]
    {
        Ok(async {
            let _ = tokio::signal::ctrl_c().await;
        })
    }
}
