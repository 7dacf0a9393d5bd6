//! `$expiry`: an instant as a localized date and time in the user's time zone.

use chrono::{DateTime, Datelike, Timelike};
use chrono_tz::{OffsetName, Tz};
use fluent_bundle::FluentArgs;

use super::Catalog;

/// The forever expiry: it has no date.
const FOREVER: i64 = i64::MAX;

/// `expiry` (epoch milliseconds) in `timezone` (UTC when absent or unknown), worded in the first
/// preferred language that has a translation, e.g. "July 24, 2023, 1:17 PM UTC". Empty for the
/// forever expiry and for instants outside the calendar's range.
pub fn format_expiry(expiry: i64, timezone: Option<&str>, preferred: &[String]) -> String {
    format_expiry_in(super::embedded(), expiry, timezone, preferred)
}

/// `format_expiry` worded with `catalog` (the live one, reloaded from `locales/`).
pub fn format_expiry_in(
    catalog: &Catalog,
    expiry: i64,
    timezone: Option<&str>,
    preferred: &[String],
) -> String {
    let message = |lang: &str, id: &str, args: &FluentArgs| catalog.format(lang, id, Some(args));
    if expiry == FOREVER {
        return String::new();
    }
    let Some(utc) = DateTime::from_timestamp_millis(expiry) else {
        return String::new();
    };
    let tz: Tz = timezone
        .and_then(|name| name.trim().parse().ok())
        .unwrap_or(Tz::UTC);
    let local = utc.with_timezone(&tz);
    let zone = local
        .offset()
        .abbreviation()
        .map_or_else(|| local.offset().to_string(), str::to_string);
    let lang = super::language_in(catalog, preferred);
    let lang = lang.as_str();
    let month = message(
        lang,
        &format!("month-{}", local.month()),
        &FluentArgs::new(),
    );
    let hour12 = match local.hour() % 12 {
        0 => 12,
        h => h,
    };
    let mut args = FluentArgs::new();
    args.set("month", month);
    args.set("day", local.day());
    args.set("year", local.year());
    args.set("hour12", hour12.to_string());
    args.set("hour24", format!("{:02}", local.hour()));
    args.set("minute", format!("{:02}", local.minute()));
    args.set("pm", if local.hour() >= 12 { "true" } else { "false" });
    args.set("zone", zone);
    message(lang, "date-time", &args)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2023-07-24T13:17:46.927Z, the instant of the spec's example.
    const EXAMPLE: i64 = 1_690_204_666_927;

    fn tags(t: &[&str]) -> Vec<String> {
        t.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn english_in_utc() {
        assert_eq!(
            format_expiry(EXAMPLE, None, &[]),
            "July 24, 2023, 1:17 PM UTC"
        );
        assert_eq!(
            format_expiry(EXAMPLE, Some("No/Such_Zone"), &tags(&["it"])),
            "July 24, 2023, 1:17 PM UTC"
        );
    }

    #[test]
    fn english_in_a_time_zone_with_morning_and_midnight() {
        // 13:17 UTC is 09:17 in New York in summer (EDT).
        assert_eq!(
            format_expiry(EXAMPLE, Some("America/New_York"), &[]),
            "July 24, 2023, 9:17 AM EDT"
        );
        // 2023-01-01T00:05:00Z
        assert_eq!(
            format_expiry(1_672_531_500_000, None, &[]),
            "January 1, 2023, 12:05 AM UTC"
        );
    }

    #[test]
    fn german_with_month_names_and_24_hours() {
        assert_eq!(
            format_expiry(EXAMPLE, Some("Europe/Berlin"), &tags(&["de_AT"])),
            "24. Juli 2023, 15:17 CEST"
        );
        // 2023-03-05T08:04:00Z
        assert_eq!(
            format_expiry(1_678_003_440_000, None, &tags(&["de"])),
            "5. März 2023, 08:04 UTC"
        );
    }

    #[test]
    fn french_first_of_month() {
        // 2023-07-01T13:17:00Z
        assert_eq!(
            format_expiry(1_688_217_420_000, None, &tags(&["fr"])),
            "1er juillet 2023 à 13:17 UTC"
        );
    }

    #[test]
    fn forever_has_no_date() {
        assert_eq!(format_expiry(i64::MAX, None, &[]), "");
    }
}
