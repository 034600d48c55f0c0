//! Where a JSON string read by the HAR scanner (the document's head and each entry) stops: its
//! next quote or backslash; and the bytes of a JSON text outside its strings, for the scans
//! that count brackets (an array record's elements, a body's depth).

/// The bytes of a JSON text that stand outside its strings, with their offsets; each string's
/// opening quote is one of them (where it starts), nothing inside it is.
pub(crate) fn outside_strings(text: &[u8]) -> impl Iterator<Item = (usize, u8)> + '_ {
    let mut in_string = false;
    let mut escaped = false;
    text.iter().enumerate().filter_map(move |(at, &byte)| {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            return None;
        }
        in_string = byte == b'"';
        Some((at, byte))
    })
}

/// Where the next `"` or `\` of `bytes` (read inside a string) is.
///
/// Strings in a HAR are short, and a JSON body in one is full of escaped quotes, so a stop
/// comes every few bytes: the first 32 bytes are looked at eight at a time in a word (SWAR,
/// no call), and memchr takes over for a longer stretch (an HTML page).
pub(super) fn next_stop(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // The high bit of each byte of `word` equal to `byte`; above the lowest such byte a bit
    // may be set wrongly (a borrow), so only the lowest one is used.
    let equal = |word: u64, byte: u8| {
        let x = word ^ (ONES * u64::from(byte));
        x.wrapping_sub(ONES) & !x & HIGHS
    };
    let mut at = 0;
    while at < 32
        && let Some(chunk) = bytes.get(at..at + 8)
    {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        let found = equal(word, b'"') | equal(word, b'\\');
        if found != 0 {
            return Some(at + found.trailing_zeros() as usize / 8);
        }
        at += 8;
    }
    memchr::memchr2(b'"', b'\\', &bytes[at..]).map(|k| at + k)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every length up to past the hand-read stretch, a quote or a backslash at every place
    /// (or none), and around it bytes close to both (`!`, `#`, `[`, `]`), high bits (UTF-8
    /// continuation bytes, 0xFF) and zero: the answer is memchr's.
    #[test]
    fn the_next_stop_is_where_memchr_finds_it() {
        let fillers = [b'a', b'!', b'#', b'[', b']', 0x80, 0xFF, 0x00, 0x21 | 0x80];
        for len in 0..80 {
            for filler in fillers {
                for stop in [b'"', b'\\'] {
                    for at in (0..len).map(Some).chain([None]) {
                        let mut bytes = vec![filler; len];
                        if let Some(at) = at {
                            bytes[at] = stop;
                            // A second stop after the first must not be taken for it.
                            if at + 3 < len {
                                bytes[at + 3] = b'"';
                            }
                        }
                        assert_eq!(
                            next_stop(&bytes),
                            memchr::memchr2(b'"', b'\\', &bytes),
                            "{bytes:?}"
                        );
                    }
                }
            }
        }
    }
}
