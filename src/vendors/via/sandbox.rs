//! VIA's sandbox, as `confirmspec mock` plays it: the credentials it accepts, and what its
//! pages leave open, decided (the README's table lists them).

/// The `client-id` the mock accepts.
pub const CLIENT_ID: &str = "mock-client";
/// The `client-secret` the mock accepts.
pub const CLIENT_SECRET: &str = "mock-secret";
/// How the mock's start-up line names them.
pub const CREDENTIALS: &str = "VIA `client-id: mock-client`, `client-secret: mock-secret`";
/// How many `verify` attempts one `verifyId` allows; a `verifyId` is spent by a success or by
/// its last wrong code.
pub const ATTEMPTS: u32 = 3;
/// The HTTP status of VIA's error envelope (VIA documents none; the spec's `default`).
pub const ERROR_STATUS: u16 = 400;
