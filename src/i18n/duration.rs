//! `localizedDuration`: the two largest non-zero units of a remaining time.

use fluent_bundle::FluentArgs;

use super::catalog::Catalog;
use super::{embedded, language};

/// (message id, seconds per unit), largest first; a year is 365 days.
const UNITS: [(&str, i64); 5] = [
    ("duration-year", 365 * 86_400),
    ("duration-day", 86_400),
    ("duration-hour", 3_600),
    ("duration-minute", 60),
    ("duration-second", 1),
];

/// `millis` rounded to the nearest second and worded with its two largest non-zero units, in the
/// first preferred language that has a translation, e.g. "2 days, 3 hours"; "0 seconds" under
/// half a second (negative values count as zero).
pub fn localized_duration(millis: i64, preferred: &[String]) -> String {
    duration_in(embedded(), language(preferred), millis)
}

/// `millis` in words in `lang` of `catalog` (the admin app passes the live catalog).
pub fn duration_in(catalog: &Catalog, lang: &str, millis: i64) -> String {
    let message = |lang: &str, id: &str, args: &FluentArgs| catalog.format(lang, id, Some(args));
    let unit = |lang: &str, id: &str, count: i64| {
        let mut args = FluentArgs::new();
        args.set("count", count);
        message(lang, id, &args)
    };
    let millis = millis.max(0);
    let mut rest = millis / 1000 + i64::from(millis % 1000 >= 500);
    let mut parts: Vec<String> = Vec::with_capacity(2);
    for (id, size) in UNITS {
        let count = rest / size;
        rest %= size;
        if count > 0 && parts.len() < 2 {
            parts.push(unit(lang, id, count));
        }
    }
    match parts.as_slice() {
        [] => unit(lang, "duration-second", 0),
        [one] => one.clone(),
        [first, second, ..] => {
            let mut args = FluentArgs::new();
            args.set("first", first.as_str());
            args.set("second", second.as_str());
            message(lang, "duration-join", &args)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECOND: i64 = 1000;
    const MINUTE: i64 = 60 * SECOND;
    const HOUR: i64 = 60 * MINUTE;
    const DAY: i64 = 24 * HOUR;
    const YEAR: i64 = 365 * DAY;

    fn en(millis: i64) -> String {
        localized_duration(millis, &[])
    }

    fn de(millis: i64) -> String {
        localized_duration(millis, &["de-DE".to_string()])
    }

    #[test]
    fn english_keeps_the_two_largest_non_zero_units() {
        assert_eq!(en(2 * DAY + 3 * HOUR + 4 * MINUTE), "2 days, 3 hours");
        assert_eq!(en(YEAR + 5 * MINUTE + 7 * SECOND), "1 year, 5 minutes");
        assert_eq!(en(15 * SECOND), "15 seconds");
        assert_eq!(en(DAY), "1 day");
        assert_eq!(en(HOUR + MINUTE), "1 hour, 1 minute");
        assert_eq!(en(2 * YEAR + 30 * DAY), "2 years, 30 days");
    }

    #[test]
    fn rounds_to_the_nearest_second() {
        assert_eq!(en(499), "0 seconds");
        assert_eq!(en(0), "0 seconds");
        assert_eq!(en(-5 * SECOND), "0 seconds");
        assert_eq!(en(500), "1 second");
        assert_eq!(en(DAY - 400), "1 day");
        assert_eq!(en(MINUTE + 1_499), "1 minute, 1 second");
    }

    #[test]
    fn german_words_and_plurals() {
        assert_eq!(de(2 * DAY + 3 * HOUR), "2 Tage, 3 Stunden");
        assert_eq!(de(DAY + HOUR), "1 Tag, 1 Stunde");
        assert_eq!(de(YEAR + 2 * MINUTE), "1 Jahr, 2 Minuten");
        assert_eq!(de(SECOND), "1 Sekunde");
        assert_eq!(de(100), "0 Sekunden");
    }

    #[test]
    fn french_and_fallback_to_english() {
        let fr = |m| localized_duration(m, &["fr_CA".to_string()]);
        assert_eq!(fr(2 * DAY + HOUR), "2 jours et 1 heure");
        assert_eq!(fr(0), "0 seconde");
        let it = localized_duration(DAY, &["it".to_string(), "de".to_string()]);
        assert_eq!(it, "1 Tag");
        assert_eq!(localized_duration(DAY, &["it".to_string()]), "1 day");
    }

    #[test]
    fn no_isolation_marks() {
        let text = en(2 * DAY + 3 * HOUR);
        assert!(!text.contains('\u{2068}') && !text.contains('\u{2069}'));
    }
}
