//! Yandex Market's sandbox, as `confirmspec mock` plays it: the credentials it accepts, and
//! what its pages leave open, decided (the README's table lists them).

/// The `Api-Key` the mock accepts.
pub const API_KEY: &str = "mock-yandex-market-key";
/// The OAuth token the mock accepts (`Authorization: Bearer` or `OAuth`).
pub const OAUTH_TOKEN: &str = "mock-yandex-market-token";
/// How the mock's start-up line names them.
pub const CREDENTIALS: &str =
    "Yandex Market `Api-Key: mock-yandex-market-key` or `Bearer mock-yandex-market-token`";
/// How many checks one hand-over code allows; the last wrong one answers `NEED_UPDATE` and a
/// new code is issued ("when none are left, the code is renewed").
pub const ATTEMPTS: u32 = 3;
