//! The rules of a search over instances: which states, orders, pages and expiry windows may be
//! asked for.

use uuid::Uuid;

use super::instance::State;
use super::lifecycle::ActionKind;
use super::paging;
use super::{FieldErrors, Kind};

/// What a search orders instances by; the id breaks ties.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SearchOrder {
    #[default]
    InsertInstant,
    Expiry,
    Name,
}

/// The state, order and page a search asks for, as sent.
#[derive(Debug, Clone, Copy, Default)]
pub struct SearchAsked<'a> {
    pub state: Option<&'a str>,
    /// `field [ASC|DESC]`, field one of `insertInstant`, `expiry`, `name`.
    pub order_by: Option<&'a str>,
    pub start_row: Option<i64>,
    pub number_of_results: Option<i64>,
    pub expires_after: Option<i64>,
    pub expires_before: Option<i64>,
}

/// The order and page of a search, checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchPage {
    pub order: SearchOrder,
    pub descending: bool,
    pub start_row: i64,
    pub number_of_results: i64,
}

/// What a search over instances matches; absent criteria match all. The API's search and the
/// admin instances list both filter by it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Criteria {
    pub tenant_id: Option<Uuid>,
    pub user_action_id: Option<Uuid>,
    pub actionee_user_id: Option<Uuid>,
    /// Only instances of one of these actionees (none: nothing matches).
    pub actionee_user_ids: Option<Vec<Uuid>>,
    pub actioner_user_id: Option<Uuid>,
    pub reason_code: Option<String>,
    /// An option's name, exactly.
    pub option: Option<String>,
    pub state: Option<State>,
    pub expires_before: Option<i64>,
    pub expires_after: Option<i64>,
    /// Applied (first created) before / after these instants, both excluded.
    pub created_before: Option<i64>,
    pub created_after: Option<i64>,
    /// Only instances of definitions of this kind (an extension).
    pub kind: Option<ActionKind>,
}

/// A search over instances: what to match, and the checked page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstanceSearch {
    pub criteria: Criteria,
    pub page: SearchPage,
    /// Count every match, however many; otherwise up to a bound.
    pub accurate_total: bool,
}

/// An expiry window is empty unless "expires before" is later than "expires after".
pub fn expiry_window_is_valid(expires_after: Option<i64>, expires_before: Option<i64>) -> bool {
    window_is_valid(expires_after, expires_before)
}

/// A window of instants (both ends excluded) is empty unless its end is later than its start;
/// an open end is no bound.
pub fn window_is_valid(after: Option<i64>, before: Option<i64>) -> bool {
    match (after, before) {
        (Some(after), Some(before)) => before > after,
        _ => true,
    }
}

/// The "applied" window of whole days `from..=to`, given the instants at which `from` starts
/// and the day after `to` starts, as the exclusive bounds a search takes (`created_after`,
/// `created_before`). `None` when `to` is before `from`: the range is the wrong way round.
pub fn applied_days_window(
    from_start: Option<i64>,
    to_next_day: Option<i64>,
) -> Option<(Option<i64>, Option<i64>)> {
    if let (Some(from), Some(next)) = (from_start, to_next_day) {
        if next <= from {
            return None;
        }
    }
    Some((from_start.map(|s| s.saturating_sub(1)), to_next_day))
}

/// A typed "user" filter stands for at most this many users; more asks for a narrower one.
pub const MAX_USERS_MATCHED: usize = 100;

/// Checks what a search asks for: the state to match, and the page (newest first by default).
/// Every field in error is reported (`[invalid]state`, `[invalid]orderBy`, `[invalid]startRow`,
/// `[invalid]numberOfResults`, `[invalid]expiresBefore`).
pub fn check(asked: SearchAsked) -> Result<(Option<State>, SearchPage), FieldErrors> {
    let mut errors = FieldErrors::new();
    let state = match asked.state {
        None => None,
        Some(s) => {
            let parsed = State::parse(s);
            if parsed.is_none() {
                errors.add(Kind::Invalid, "state");
            }
            parsed
        }
    };
    let (order, descending) = match asked.order_by.map(str::trim) {
        None => (SearchOrder::InsertInstant, true),
        Some(spec) => parse_order(spec).unwrap_or_else(|| {
            errors.add(Kind::Invalid, "orderBy");
            (SearchOrder::InsertInstant, true)
        }),
    };
    let (start_row, number_of_results) =
        paging::check(asked.start_row, asked.number_of_results, "", &mut errors);
    if !expiry_window_is_valid(asked.expires_after, asked.expires_before) {
        errors.add(Kind::Invalid, "expiresBefore");
    }
    errors.into_result()?;
    let page = SearchPage {
        order,
        descending,
        start_row,
        number_of_results,
    };
    Ok((state, page))
}

/// `field [ASC|DESC]` (direction in any case, ascending by default) → (order, descending).
fn parse_order(spec: &str) -> Option<(SearchOrder, bool)> {
    let mut parts = spec.split_whitespace();
    let order = match parts.next()? {
        "insertInstant" => SearchOrder::InsertInstant,
        "expiry" => SearchOrder::Expiry,
        "name" => SearchOrder::Name,
        _ => return None,
    };
    let descending = match parts.next().map(str::to_ascii_uppercase).as_deref() {
        None | Some("ASC") => false,
        Some("DESC") => true,
        _ => return None,
    };
    parts.next().is_none().then_some((order, descending))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(asked: SearchAsked) -> Vec<String> {
        check(asked).expect_err("refused").codes()
    }

    #[test]
    fn defaults_are_newest_first_25_from_the_start() {
        let (state, page) = check(SearchAsked::default()).expect("accepted");
        assert_eq!(state, None);
        assert_eq!(
            page,
            SearchPage {
                order: SearchOrder::InsertInstant,
                descending: true,
                start_row: 0,
                number_of_results: 25,
            }
        );
    }

    #[test]
    fn applied_days_include_both_ends() {
        // The first day starts at 1000; the day after the last starts at 5000.
        assert_eq!(
            applied_days_window(Some(1000), Some(5000)),
            Some((Some(999), Some(5000)))
        );
        assert_eq!(
            applied_days_window(None, Some(5000)),
            Some((None, Some(5000)))
        );
        // One day: from and to the same day.
        assert!(applied_days_window(Some(1000), Some(2000)).is_some());
        // "To" the day before "from".
        assert_eq!(applied_days_window(Some(2000), Some(2000)), None);
        assert!(!window_is_valid(Some(5000), Some(4000)));
    }

    #[test]
    fn order_is_a_field_and_an_optional_direction() {
        let order = |spec| {
            check(SearchAsked {
                order_by: Some(spec),
                ..SearchAsked::default()
            })
            .map(|(_, p)| (p.order, p.descending))
            .ok()
        };
        assert_eq!(order(" name "), Some((SearchOrder::Name, false)));
        assert_eq!(order("expiry desc"), Some((SearchOrder::Expiry, true)));
        assert_eq!(
            order("insertInstant Asc"),
            Some((SearchOrder::InsertInstant, false))
        );
        assert_eq!(order(""), None);
        assert_eq!(order("name sideways"), None);
        assert_eq!(order("name ASC again"), None);
        assert_eq!(order("Name"), None);
    }

    #[test]
    fn every_bad_field_is_reported() {
        let asked = SearchAsked {
            state: Some("sleeping"),
            order_by: Some("size"),
            start_row: Some(-1),
            number_of_results: Some(501),
            expires_after: Some(10),
            expires_before: Some(10),
        };
        assert_eq!(
            codes(asked),
            [
                "[invalid]expiresBefore",
                "[invalid]numberOfResults",
                "[invalid]orderBy",
                "[invalid]startRow",
                "[invalid]state"
            ]
        );
        let zero = SearchAsked {
            number_of_results: Some(0),
            ..SearchAsked::default()
        };
        assert_eq!(codes(zero), ["[invalid]numberOfResults"]);
        let window = |after, before| {
            check(SearchAsked {
                expires_after: Some(after),
                expires_before: Some(before),
                ..SearchAsked::default()
            })
            .is_ok()
        };
        assert!(window(10, 11));
        assert!(!window(11, 10));
    }
}
