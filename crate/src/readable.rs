//! Numbers in messages, as people write them: `1e308`, not its 309 digits;
//! no "NaN" or "inf" text reaches the page; and what people typed is quoted
//! short and on one line.

/// The shortest text that reads back to `value` (`0.1`, `3`, `1e308`,
/// `-2.5e-7`), or "not a finite number".
pub fn number(value: f64) -> String {
    if !value.is_finite() {
        return "not a finite number".to_owned();
    }
    // Debug prints the shortest round-tripping digits, with an exponent for
    // very large and very small magnitudes.
    let text = format!("{value:?}");
    match text.strip_suffix(".0") {
        Some(whole) => whole.to_owned(),
        None => text,
    }
}

/// At most `chars` characters of what someone wrote, on one line (control
/// characters shown as �), with … when it was longer.
pub fn excerpt(text: &str, chars: usize) -> String {
    let mut out: String = text
        .chars()
        .take(chars)
        .map(|ch| if ch.is_control() { '�' } else { ch })
        .collect();
    if text.chars().nth(chars).is_some() {
        out.push('…');
    }
    out
}

/// A count with its thousands grouped: `4,999,995`.
pub fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (k, ch) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{count, number};

    #[test]
    fn counts_group_their_thousands() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1000), "1,000");
        assert_eq!(count(4_999_995), "4,999,995");
    }

    #[test]
    fn numbers_read_as_people_write_them() {
        assert_eq!(number(0.1), "0.1");
        assert_eq!(number(3.0), "3");
        assert_eq!(number(-1000.0), "-1000");
        assert_eq!(number(1e308), "1e308");
        assert_eq!(number(2.5e-7), "2.5e-7");
        assert_eq!(number(f64::NAN), "not a finite number");
        assert_eq!(number(f64::NEG_INFINITY), "not a finite number");
        for v in [0.1, 1e308, 2.5e-7, 123_456.789, f64::MIN_POSITIVE] {
            assert_eq!(number(v).parse::<f64>(), Ok(v), "{v} does not read back");
        }
    }
}
