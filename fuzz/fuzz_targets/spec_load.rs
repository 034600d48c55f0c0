//! The spec loader on any text, as YAML and as JSON: an error, never a panic or a hang; a
//! spec that loads must also build a validator (or say why not).
#![no_main]

use confirmspec_validator::Spec;
use confirmspec_validator::{Options, Validator};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for file in ["fuzz.yaml", "fuzz.json"] {
        if let Ok(spec) = Spec::from_text("fuzz", file.as_ref(), text)
            && let Ok(validator) = Validator::new(vec![spec], Options::default())
        {
            let _ = validator.compile_all();
        }
    }
});
