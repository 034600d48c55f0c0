//! The HAR reader on any bytes: every entry handed over, read or not, indices in order.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut last = None;
    confirmspec_validator::read("fuzz.har", data, |index, _| {
        if index != 0 {
            assert!(last.is_none_or(|previous| index > previous));
        }
        last = Some(index);
    });
});
