//! An expiry as the forms send it: a `datetime-local` typed in the member's zone, which wins
//! when filled, or else a preset radio (`preset`) the server turns into an instant.

use crate::domain::instance::FOREVER;
use crate::i18n::Tr;

const DAY: i64 = 86_400_000;

/// Presets counted from now (apply and change forms).
pub const FROM_NOW: [&str; 4] = ["1d", "7d", "30d", "forever"];
/// Presets counted from the current expiry (change form).
pub const FROM_CURRENT: [&str; 5] = ["ext-1d", "ext-7d", "ext-30d", "cut-1d", "cut-7d"];
/// Keep the current expiry (change form, the default there).
pub const KEEP: &str = "keep";

/// The datetime field as typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Typed {
    Empty,
    At(i64),
    Unreadable,
}

pub fn typed(tr: &Tr, text: &str) -> Typed {
    if text.trim().is_empty() {
        Typed::Empty
    } else {
        tr.parse_datetime_input(text)
            .map_or(Typed::Unreadable, Typed::At)
    }
}

/// The datetime field as typed, where the form showed `shown` in it: left as shown, it asks for
/// nothing, so the preset radios decide (the change form shows the current expiry there).
pub fn typed_over(tr: &Tr, text: &str, shown: &str) -> Typed {
    if !shown.trim().is_empty() && text.trim() == shown.trim() {
        Typed::Empty
    } else {
        typed(tr, text)
    }
}

/// An instant as a `datetime-local` value in the member's zone; empty for "forever".
pub fn input_value(tr: &Tr, at: i64) -> String {
    if at == FOREVER {
        return String::new();
    }
    chrono::DateTime::from_timestamp_millis(at)
        .map(|t| t.with_timezone(&tr.tz).format("%Y-%m-%dT%H:%M").to_string())
        .unwrap_or_default()
}

/// The expiry the form asks for: `Ok(None)` when it asks for none, `Err(())` when what was
/// sent cannot be an instant (an unreadable date, or days added to "forever").
pub fn resolve(
    typed: Typed,
    preset: &str,
    now: i64,
    current: Option<i64>,
) -> Result<Option<i64>, ()> {
    match typed {
        Typed::At(at) => return Ok(Some(at)),
        Typed::Unreadable => return Err(()),
        Typed::Empty => {}
    }
    let days = |n: i64| n.saturating_mul(DAY);
    let shift = |n: i64| match current {
        Some(at) if at < FOREVER => Ok(Some(at.saturating_add(days(n)))),
        Some(_) => Err(()),
        None => Ok(None),
    };
    match preset {
        "1d" => Ok(Some(now.saturating_add(days(1)))),
        "7d" => Ok(Some(now.saturating_add(days(7)))),
        "30d" => Ok(Some(now.saturating_add(days(30)))),
        "forever" => Ok(Some(FOREVER)),
        KEEP => Ok(current),
        "ext-1d" => shift(1),
        "ext-7d" => shift(7),
        "ext-30d" => shift(30),
        "cut-1d" => shift(-1),
        "cut-7d" => shift(-7),
        _ => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_date_wins_over_a_preset() {
        assert_eq!(resolve(Typed::At(5), "7d", 0, None), Ok(Some(5)));
        assert_eq!(resolve(Typed::Unreadable, "7d", 0, None), Err(()));
        assert_eq!(
            resolve(Typed::Empty, "7d", 10, None),
            Ok(Some(10 + 7 * DAY))
        );
        assert_eq!(
            resolve(Typed::Empty, "forever", 10, None),
            Ok(Some(FOREVER))
        );
        assert_eq!(resolve(Typed::Empty, "", 10, None), Ok(None));
        assert_eq!(resolve(Typed::Empty, "nonsense", 10, None), Ok(None));
    }

    #[test]
    fn changes_count_from_the_current_expiry() {
        let current = Some(100 * DAY);
        assert_eq!(
            resolve(Typed::Empty, "ext-7d", 0, current),
            Ok(Some(107 * DAY))
        );
        assert_eq!(
            resolve(Typed::Empty, "cut-1d", 0, current),
            Ok(Some(99 * DAY))
        );
        assert_eq!(resolve(Typed::Empty, KEEP, 0, current), Ok(current));
        assert_eq!(resolve(Typed::Empty, "ext-1d", 0, Some(FOREVER)), Err(()));
        assert_eq!(
            resolve(Typed::Empty, KEEP, 0, Some(FOREVER)),
            Ok(Some(FOREVER))
        );
    }
}
