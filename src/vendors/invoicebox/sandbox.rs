//! Invoicebox's sandbox, as `confirmspec mock` plays it: the credentials it accepts, and what
//! its pages leave open, decided (the README's table lists them).

/// The Bearer token the mock accepts.
pub const TOKEN: &str = "mock-invoicebox-token";
/// How the mock's start-up line names it.
pub const CREDENTIALS: &str = "Invoicebox `Bearer mock-invoicebox-token`";
/// How many codes `sendCode` sends for one order; after that it answers `codeAlreadySent`
/// with `leftAttempt: 0` (send-code.md: "how many more times a code can be sent", no number
/// given).
pub const SENDS: u32 = 3;
/// How many `pay` attempts one code allows; a wrong code costs one, and with none left `pay`
/// answers `limitReached` until a new code is sent (pay.md names `limitReached`, "too many
/// attempts", with no number).
pub const ATTEMPTS: u32 = 3;
