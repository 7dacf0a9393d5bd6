//! How much of a search one page holds: the same limits for every search, in the API and the
//! admin app.

use super::{FieldErrors, Kind};

/// A page holds this many results unless asked otherwise.
pub const DEFAULT_RESULTS: i64 = 25;
/// The most results a page may be asked for.
pub const MAX_RESULTS: i64 = 500;

/// The first row and size of the page asked for (from row 0, `DEFAULT_RESULTS` when left out).
/// A negative first row is `[invalid]<prefix>startRow`, a size outside 1..=`MAX_RESULTS`
/// `[invalid]<prefix>numberOfResults`.
pub fn check(
    start_row: Option<i64>,
    number_of_results: Option<i64>,
    prefix: &str,
    errors: &mut FieldErrors,
) -> (i64, i64) {
    let start_row = start_row.unwrap_or(0);
    if start_row < 0 {
        errors.add(Kind::Invalid, &format!("{prefix}startRow"));
    }
    let number_of_results = number_of_results.unwrap_or(DEFAULT_RESULTS);
    if !(1..=MAX_RESULTS).contains(&number_of_results) {
        errors.add(Kind::Invalid, &format!("{prefix}numberOfResults"));
    }
    (start_row, number_of_results)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_25_from_the_start_unless_asked() {
        let mut errors = FieldErrors::new();
        assert_eq!(check(None, None, "", &mut errors), (0, 25));
        assert_eq!(check(Some(50), Some(500), "", &mut errors), (50, 500));
        assert!(errors.is_empty());
    }

    #[test]
    fn out_of_range_rows_are_named_with_the_prefix() {
        let mut errors = FieldErrors::new();
        check(Some(-1), Some(0), "search.", &mut errors);
        check(None, Some(MAX_RESULTS + 1), "search.", &mut errors);
        let fields: Vec<_> = errors.field_errors.keys().cloned().collect();
        assert_eq!(fields, ["search.numberOfResults", "search.startRow"]);
    }
}
