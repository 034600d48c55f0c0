//! Debian's chromium, headless, driven through the DevTools protocol over a pipe
//! (`--remote-debugging-pipe`, the protocol's messages on file descriptors 3 and 4).
//!
//! A page is opened in a tab of its own and its requests are read from that tab's own network
//! events (`Network.requestWillBeSent` of the tab's session). Chromium also calls services of
//! its own whatever the page and whatever the flags (component updates, sign-in, the network
//! clock, `www.google.com`): those belong to the browser, not to any tab, so they never reach a
//! tab's events, and no list of hosts has to be kept up to date with chromium's releases.
//! Every host name resolves to nothing (`--host-resolver-rules`), so a request a page makes
//! fails at once on this machine and nothing leaves it.

use std::fs::File;
use std::io::{PipeWriter, Read, Write};
use std::os::fd::AsRawFd;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{Value, json};

/// How long one protocol call or one page load may take.
const PATIENCE: Duration = Duration::from_secs(60);
/// How long a loaded page is watched for late requests.
const SETTLE: Duration = Duration::from_millis(750);

/// Debian's chromium: `CHROMIUM` when set, else `/usr/bin/chromium`. Absent, the test fails
/// saying how to install it (`.ci/run` does).
pub(crate) fn chromium() -> PathBuf {
    let path = std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    assert!(
        path.exists(),
        "{} is missing: the HTML report is tested in Debian's chromium \
         (`apt-get install chromium`, as .ci/run does), or set CHROMIUM to another build",
        path.display()
    );
    path
}

/// What a page was, once loaded in a tab of its own.
pub(crate) struct Visit {
    /// The document as the browser parsed it (`outerHTML`).
    pub(crate) dom: String,
    /// A PNG of the viewport (1280 x 1400).
    pub(crate) screenshot: Vec<u8>,
    /// The URL of every request the page made, its own document aside.
    pub(crate) requests: Vec<String>,
}

/// A headless chromium, spoken to through the DevTools protocol.
pub(crate) struct Browser {
    child: Child,
    commands: PipeWriter,
    messages: Receiver<Value>,
    /// Events that arrived while a call waited for its answer.
    events: Vec<Value>,
    next_id: u64,
    log: PathBuf,
}

impl Browser {
    /// Starts chromium with a new profile under `dir`; its own output goes to a log there.
    pub(crate) fn start(dir: &Path) -> Browser {
        let profile = dir.join("chromium-profile");
        let log = dir.join("chromium.log");
        // Ours to write, the browser's to read (its fd 3); the browser's to write, ours to read
        // (its fd 4).
        let (browser_reads, commands) = std::io::pipe().expect("a pipe");
        let (mut answers, browser_writes) = std::io::pipe().expect("a pipe");
        let (read_fd, write_fd) = (browser_reads.as_raw_fd(), browser_writes.as_raw_fd());
        let mut command = Command::new(chromium());
        command
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--disable-default-apps",
                "--hide-scrollbars",
                "--window-size=1280,1400",
                "--remote-debugging-pipe",
                // Every host resolves to nothing: a page's request fails at once, and nothing
                // leaves the machine. (Files and loopback need no name.)
                "--host-resolver-rules=MAP * ~NOTFOUND",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(File::create(&log).expect("chromium's log"));
        // SAFETY: between fork and exec only async-signal-safe calls (fcntl, dup2) run. The
        // pipe's ends are first copied above 9 so that the two `dup2`s cannot overwrite one
        // another; `dup2` clears close-on-exec on 3 and 4, which the browser inherits.
        unsafe {
            command.pre_exec(move || {
                let read = libc::fcntl(read_fd, libc::F_DUPFD, 10);
                let write = libc::fcntl(write_fd, libc::F_DUPFD, 10);
                if read < 0 || write < 0 || libc::dup2(read, 3) < 0 || libc::dup2(write, 4) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = command.spawn().expect("chromium starts");
        // The browser's ends live in the browser now: closed here, so that its exit ends our
        // reads.
        drop((browser_reads, browser_writes));

        let (sender, messages) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut pending = Vec::new();
            let mut chunk = [0u8; 64 << 10];
            loop {
                let n = match answers.read(&mut chunk) {
                    Ok(0) | Err(_) => return,
                    Ok(n) => n,
                };
                pending.extend_from_slice(&chunk[..n]);
                // Messages end with a NUL byte.
                while let Some(end) = pending.iter().position(|&b| b == 0) {
                    let message: Value = serde_json::from_slice(&pending[..end])
                        .expect("the DevTools protocol speaks JSON");
                    pending.drain(..=end);
                    if sender.send(message).is_err() {
                        return;
                    }
                }
            }
        });
        Browser {
            child,
            commands,
            messages,
            events: Vec::new(),
            next_id: 1,
            log,
        }
    }

    /// What chromium wrote on its stderr so far, for a failure's message.
    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// The next message, within the time left before `deadline`; `None` past it.
    fn next_message(&mut self, deadline: Instant, waiting_for: &str) -> Option<Value> {
        let left = deadline.saturating_duration_since(Instant::now());
        match self.messages.recv_timeout(left) {
            Ok(message) => Some(message),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => panic!(
                "chromium closed its DevTools pipe while {waiting_for}: {}",
                self.log()
            ),
        }
    }

    /// Calls `method` (in the tab of `session`, or of the browser) and returns its result.
    fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        let mut message = json!({"id": id, "method": method, "params": params});
        if let Some(session) = session {
            message["sessionId"] = json!(session);
        }
        let mut bytes = serde_json::to_vec(&message).unwrap();
        bytes.push(0);
        self.commands
            .write_all(&bytes)
            .unwrap_or_else(|e| panic!("{method}: cannot write to chromium: {e}: {}", self.log()));
        let deadline = Instant::now() + PATIENCE;
        loop {
            let Some(message) = self.next_message(deadline, method) else {
                panic!(
                    "{method}: no answer from chromium in {PATIENCE:?}: {}",
                    self.log()
                );
            };
            if message["id"] == id {
                if let Some(error) = message.get("error") {
                    panic!("{method}: chromium answered {error}");
                }
                return message["result"].clone();
            }
            self.events.push(message);
        }
    }

    /// Opens `url` in a new tab, waits for its load event and a moment more, and returns its
    /// DOM, a screenshot and the requests it made.
    pub(crate) fn visit(&mut self, url: &str) -> Visit {
        let target = self.call(None, "Target.createTarget", json!({"url": "about:blank"}));
        let target = target["targetId"].as_str().expect("a target id").to_owned();
        let attached = self.call(
            None,
            "Target.attachToTarget",
            json!({"targetId": target, "flatten": true}),
        );
        let session = attached["sessionId"]
            .as_str()
            .expect("a session id")
            .to_owned();
        let tab = Some(session.as_str());
        self.call(tab, "Network.enable", json!({}));
        self.call(tab, "Page.enable", json!({}));
        self.call(
            tab,
            "Emulation.setDeviceMetricsOverride",
            json!({"width": 1280, "height": 1400, "deviceScaleFactor": 1, "mobile": false}),
        );
        self.events.clear();
        let navigated = self.call(tab, "Page.navigate", json!({"url": url}));
        if let Some(problem) = navigated.get("errorText") {
            panic!("{url} did not open: {problem}");
        }

        let mine = |event: &Value, method: &str| {
            event["method"] == method && event["sessionId"].as_str() == Some(session.as_str())
        };
        let mut events = std::mem::take(&mut self.events);
        let deadline = Instant::now() + PATIENCE;
        while !events.iter().any(|e| mine(e, "Page.loadEventFired")) {
            match self.next_message(deadline, "loading the page") {
                Some(message) => events.push(message),
                None => panic!("{url}: no load event in {PATIENCE:?}: {}", self.log()),
            }
        }
        let settled = Instant::now() + SETTLE;
        while let Some(message) = self.next_message(settled, "watching the page") {
            events.push(message);
        }
        let requests = events
            .iter()
            .filter(|e| mine(e, "Network.requestWillBeSent"))
            .map(|e| &e["params"])
            .filter(|p| !(p["type"] == "Document" && p["request"]["url"] == url))
            .map(|p| p["request"]["url"].as_str().unwrap_or("?").to_owned())
            .collect();

        let dom = self.call(
            tab,
            "Runtime.evaluate",
            json!({"expression": "document.documentElement.outerHTML", "returnByValue": true}),
        );
        let dom = dom["result"]["value"]
            .as_str()
            .expect("the DOM as text")
            .to_owned();
        let shot = self.call(tab, "Page.captureScreenshot", json!({"format": "png"}));
        let screenshot = base64::engine::general_purpose::STANDARD
            .decode(shot["data"].as_str().expect("a screenshot"))
            .expect("base64 from chromium");
        self.call(None, "Target.closeTarget", json!({"targetId": target}));
        Visit {
            dom,
            screenshot,
            requests,
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let message = b"{\"id\":0,\"method\":\"Browser.close\",\"params\":{}}\0";
        let _ = self.commands.write_all(message);
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
