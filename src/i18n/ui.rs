//! `Tr`: how the admin app speaks to one staff member: their language, their time zone.

use std::sync::Arc;

use chrono::DateTime;
use chrono_tz::Tz;
use fluent_bundle::{FluentArgs, FluentValue};

use super::catalog::Catalog;

/// A value passed to a message: text or a number.
pub trait Arg {
    fn value(&self) -> FluentValue<'_>;
}

impl Arg for str {
    fn value(&self) -> FluentValue<'_> {
        FluentValue::from(self)
    }
}
impl Arg for String {
    fn value(&self) -> FluentValue<'_> {
        FluentValue::from(self.as_str())
    }
}
impl<T: Arg + ?Sized> Arg for &T {
    fn value(&self) -> FluentValue<'_> {
        (**self).value()
    }
}
macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl Arg for $t {
            fn value(&self) -> FluentValue<'_> {
                FluentValue::from(*self)
            }
        }
    )*};
}
number_arg!(i32, i64, u32, u64, usize, f64);

/// Translator for one page: messages in `lang`, times in `tz`.
#[derive(Clone)]
pub struct Tr {
    catalog: Arc<Catalog>,
    pub lang: String,
    pub tz: Tz,
}

impl Tr {
    pub fn new(catalog: Arc<Catalog>, lang: &str, tz: Tz) -> Tr {
        Tr {
            catalog,
            lang: lang.to_string(),
            tz,
        }
    }

    /// Message `id` (or `id.attribute`).
    pub fn t(&self, id: &str) -> String {
        self.catalog.format(&self.lang, id, None)
    }

    /// Message `id` with one variable.
    pub fn t1(&self, id: &str, name: &str, value: impl Arg) -> String {
        let mut args = FluentArgs::new();
        args.set(name, value.value());
        self.catalog.format(&self.lang, id, Some(&args))
    }

    /// Message `id` with two variables.
    pub fn t2(&self, id: &str, n1: &str, v1: impl Arg, n2: &str, v2: impl Arg) -> String {
        let mut args = FluentArgs::new();
        args.set(n1, v1.value());
        args.set(n2, v2.value());
        self.catalog.format(&self.lang, id, Some(&args))
    }

    /// An instant (epoch ms) as a date and time in the member's zone, labelled with the zone's
    /// abbreviation at that instant, e.g. `2026-12-06 14:05 CET`: staff in several zones read
    /// one page.
    pub fn datetime(&self, millis: i64) -> String {
        match DateTime::from_timestamp_millis(millis) {
            Some(utc) if millis < crate::domain::instance::FOREVER => {
                let local = utc.with_timezone(&self.tz);
                format!(
                    "{} {}",
                    local.format(&self.t("format-datetime")),
                    local.format("%Z")
                )
            }
            _ => self.t("expiry-forever"),
        }
    }

    /// The member's zone as labels beside `datetime-local` inputs name it, e.g. `Europe/Paris`.
    pub fn zone(&self) -> String {
        self.tz.name().to_string()
    }

    /// An instant as a date only.
    pub fn date(&self, millis: i64) -> String {
        match DateTime::from_timestamp_millis(millis) {
            Some(utc) if millis < crate::domain::instance::FOREVER => utc
                .with_timezone(&self.tz)
                .format(&self.t("format-date"))
                .to_string(),
            _ => self.t("expiry-forever"),
        }
    }

    /// A UTC calendar day as a date, in the member's format: the survey trend's weeks are counted
    /// in UTC days, so a week's label names the day it starts on wherever the member is.
    pub fn utc_date(&self, millis: i64) -> String {
        match DateTime::from_timestamp_millis(millis) {
            Some(utc) => utc.format(&self.t("format-date")).to_string(),
            None => String::new(),
        }
    }

    /// A span of time in words, e.g. "2 days, 3 hours".
    pub fn duration(&self, millis: i64) -> String {
        super::duration_in(&self.catalog, &self.lang, millis)
    }

    /// The value for an `<input type="datetime-local">` in the member's zone.
    pub fn datetime_input(&self, millis: i64) -> String {
        match DateTime::from_timestamp_millis(millis) {
            Some(utc) if millis < crate::domain::instance::FOREVER => utc
                .with_timezone(&self.tz)
                .format("%Y-%m-%dT%H:%M")
                .to_string(),
            _ => String::new(),
        }
    }

    /// Reads a `datetime-local` value typed in the member's zone as epoch ms.
    pub fn parse_datetime_input(&self, text: &str) -> Option<i64> {
        use chrono::offset::LocalResult;
        use chrono::TimeZone;
        let naive = chrono::NaiveDateTime::parse_from_str(text.trim(), "%Y-%m-%dT%H:%M")
            .or_else(|_| chrono::NaiveDateTime::parse_from_str(text.trim(), "%Y-%m-%dT%H:%M:%S"))
            .ok()?;
        match self.tz.from_local_datetime(&naive) {
            LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => Some(t.timestamp_millis()),
            LocalResult::None => None,
        }
    }

    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2030-01-01 00:00 UTC (winter in Europe) and half a year later.
    const WINTER: i64 = 1_893_456_000_000;
    const SUMMER: i64 = WINTER + 181 * 86_400_000;

    fn tr(lang: &str, tz: Tz) -> Tr {
        Tr::new(Arc::new(Catalog::embedded()), lang, tz)
    }

    #[test]
    fn times_name_the_zone_they_are_shown_in() {
        assert_eq!(tr("en", Tz::UTC).datetime(WINTER), "2030-01-01 00:00 UTC");
        let berlin = tr("de", Tz::Europe__Berlin);
        assert_eq!(berlin.datetime(WINTER), "01.01.2030 01:00 CET");
        assert_eq!(berlin.datetime(SUMMER), "01.07.2030 02:00 CEST");
        assert_eq!(berlin.zone(), "Europe/Berlin");
        // Forever has no zone.
        assert_eq!(
            berlin.datetime(crate::domain::instance::FOREVER),
            berlin.t("expiry-forever")
        );
    }

    #[test]
    fn a_utc_day_keeps_its_date_west_of_utc() {
        let chicago = tr("en", Tz::America__Chicago);
        // UTC midnight is the evening before in Chicago; the trend's week starts on the UTC day.
        assert_eq!(chicago.date(WINTER), "2029-12-31");
        assert_eq!(chicago.utc_date(WINTER), "2030-01-01");
    }
}
