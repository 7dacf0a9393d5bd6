//! Durations on the definition and reason forms: an amount and a unit, as people think of them,
//! to and from the API's milliseconds.

use crate::domain::instance::FOREVER;
use crate::domain::lifecycle::Escalation;

const SECOND: i64 = 1_000;
const MINUTE: i64 = 60 * SECOND;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;
const WEEK: i64 = 7 * DAY;

/// The units offered, largest first: (form value, milliseconds).
pub const UNITS: [(&str, i64); 5] = [
    ("weeks", WEEK),
    ("days", DAY),
    ("hours", HOUR),
    ("minutes", MINUTE),
    ("seconds", SECOND),
];

/// The unit of an escalation step that never ends.
pub const PERMANENT: &str = "permanent";

/// A duration as a form row shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Amount {
    pub amount: String,
    pub unit: String,
}

impl Amount {
    /// Milliseconds in the largest unit that holds them whole (seconds, rounded, else).
    pub fn of(millis: i64) -> Amount {
        if millis == FOREVER {
            return Amount {
                amount: String::new(),
                unit: PERMANENT.into(),
            };
        }
        let (unit, size) = UNITS
            .into_iter()
            .find(|(_, size)| millis % size == 0)
            .unwrap_or(("seconds", SECOND));
        Amount {
            amount: (millis / size).to_string(),
            unit: unit.into(),
        }
    }

    pub fn new(amount: &str, unit: &str) -> Amount {
        Amount {
            amount: amount.trim().to_string(),
            unit: unit.trim().to_string(),
        }
    }

    /// Nothing typed: a row to ignore.
    pub fn is_blank(&self) -> bool {
        self.amount.is_empty() && self.unit != PERMANENT
    }

    /// The milliseconds typed. What is not a whole number becomes 0, which the domain reports
    /// beside the field as not positive; an unknown unit counts as days.
    pub fn millis(&self) -> i64 {
        if self.unit == PERMANENT {
            return FOREVER;
        }
        let size = UNITS
            .into_iter()
            .find(|(u, _)| *u == self.unit)
            .map_or(DAY, |(_, size)| size);
        self.amount
            .parse::<i64>()
            .map_or(0, |n| n.saturating_mul(size))
    }

    pub fn is_unit(&self, unit: &str) -> bool {
        self.unit == unit
    }
}

/// Pairs repeated amount and unit fields into rows, dropping blank ones.
pub fn rows(amounts: &[String], units: &[String]) -> Vec<Amount> {
    amounts
        .iter()
        .enumerate()
        .map(|(n, a)| Amount::new(a, units.get(n).map_or("", String::as_str)))
        .filter(|a| !a.is_blank())
        .collect()
}

/// A ladder as typed into a form (a window, then rows of step durations): none when neither a
/// window nor a step was given. The definition and reason forms both read it this way.
pub fn ladder(
    window: &Amount,
    step_amounts: &[String],
    step_units: &[String],
) -> Option<Escalation> {
    let steps = rows(step_amounts, step_units);
    if steps.is_empty() && window.amount.is_empty() {
        return None;
    }
    Some(Escalation {
        window: window.millis(),
        durations: steps.iter().map(Amount::millis).collect(),
    })
}

/// A stored ladder as the form's fields: the window's amount and unit (days when there is
/// none), each step's amount and unit.
pub struct LadderFields {
    pub window_amount: String,
    pub window_unit: String,
    pub step_amount: Vec<String>,
    pub step_unit: Vec<String>,
}

impl LadderFields {
    pub fn of(ladder: Option<&Escalation>) -> LadderFields {
        let window = ladder.map_or_else(|| Amount::new("", "days"), |e| Amount::of(e.window));
        let steps: Vec<Amount> = ladder
            .map(|e| e.durations.iter().map(|d| Amount::of(*d)).collect())
            .unwrap_or_default();
        LadderFields {
            window_amount: window.amount,
            window_unit: window.unit,
            step_amount: steps.iter().map(|a| a.amount.clone()).collect(),
            step_unit: steps.into_iter().map(|a| a.unit).collect(),
        }
    }
}

/// The ladder editor as a form shows it: the window, each step typed with its error and a
/// blank one to add a step, the units offered.
pub struct LadderEditor {
    pub window: Amount,
    pub window_error: String,
    pub durations_error: String,
    pub steps: Vec<(Amount, String)>,
    pub units: Vec<&'static str>,
    pub permanent: &'static str,
}

impl LadderEditor {
    /// The ladder typed; `error_of` gives the errors of a field, `step_error` those of step `n`.
    pub fn typed(
        window_amount: &str,
        window_unit: &str,
        step_amounts: &[String],
        step_units: &[String],
        error_of: impl Fn(&str) -> String,
        step_error: impl Fn(usize) -> String,
    ) -> LadderEditor {
        let mut window = Amount::new(window_amount, window_unit);
        if window.unit.is_empty() {
            window.unit = "days".into();
        }
        let steps = rows(step_amounts, step_units)
            .into_iter()
            .chain([Amount::new("", "days")])
            .enumerate()
            .map(|(n, step)| (step, step_error(n)))
            .collect();
        LadderEditor {
            window,
            window_error: error_of("escalation.window"),
            durations_error: error_of("escalation.durations"),
            steps,
            units: UNITS.iter().map(|(u, _)| *u).collect(),
            permanent: PERMANENT,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_round_trip_in_the_largest_whole_unit() {
        assert_eq!(Amount::of(3 * DAY), Amount::new("3", "days"));
        assert_eq!(Amount::of(2 * WEEK), Amount::new("2", "weeks"));
        assert_eq!(Amount::of(90 * MINUTE), Amount::new("90", "minutes"));
        assert_eq!(Amount::of(FOREVER).millis(), FOREVER);
        assert_eq!(Amount::new("36", "hours").millis(), 36 * HOUR);
        assert_eq!(Amount::new("three", "days").millis(), 0);
        assert!(Amount::new(" ", "days").is_blank());
        assert!(!Amount::new("", PERMANENT).is_blank());
        let rows = rows(
            &["1".into(), "".into(), "".into()],
            &["days".into(), "days".into(), PERMANENT.into()],
        );
        assert_eq!(rows.len(), 2);
    }
}
