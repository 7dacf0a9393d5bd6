//! The webhook event log: how an event's deliveries add up to one result, how an attempt
//! is judged, how attempt ids are formed, and which searches may be asked for.

use uuid::Uuid;

use super::{FieldErrors, Kind};

/// The result of one event across its deliveries (FusionAuth's `WebhookEventResult`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub enum EventResult {
    Running,
    Succeeded,
    Failed,
}

impl EventResult {
    pub fn parse(text: &str) -> Option<EventResult> {
        match text {
            "Running" => Some(EventResult::Running),
            "Succeeded" => Some(EventResult::Succeeded),
            "Failed" => Some(EventResult::Failed),
            _ => None,
        }
    }

    /// `Running` while any delivery is pending; else `Failed` if one gave up; else `Succeeded`.
    pub fn of(statuses: impl IntoIterator<Item = DeliveryState>) -> EventResult {
        let mut failed = false;
        for s in statuses {
            match s {
                DeliveryState::Pending => return EventResult::Running,
                DeliveryState::Failed => failed = true,
                DeliveryState::Succeeded => {}
            }
        }
        if failed {
            EventResult::Failed
        } else {
            EventResult::Succeeded
        }
    }
}

/// Where one delivery (one event to one webhook) stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryState {
    Pending,
    Succeeded,
    Failed,
}

/// The result of one attempt (FusionAuth's `WebhookAttemptResult`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub enum AttemptResult {
    Success,
    Failure,
    /// No answer arrived (connection refused, timeout).
    Unknown,
}

impl AttemptResult {
    /// An attempt without an error succeeded; one with an error failed if the receiver answered.
    pub fn of(status_code: Option<u16>, failed: bool) -> AttemptResult {
        match (failed, status_code) {
            (false, _) => AttemptResult::Success,
            (true, Some(_)) => AttemptResult::Failure,
            (true, None) => AttemptResult::Unknown,
        }
    }
}

/// Attempts of one delivery that get their own id: the index lives in the id's last 12 bits.
pub const MAX_ATTEMPT_IDS: usize = 1 << ATTEMPT_BITS;
const ATTEMPT_BITS: u32 = 12;
const ATTEMPT_MASK: u128 = (1 << ATTEMPT_BITS) - 1;

/// The id of a delivery's `index`th attempt: the delivery's id with its last 12 bits replaced
/// by the index, so an attempt is found from its id through the delivery ids' own index, with
/// no id stored per attempt. `None` past [`MAX_ATTEMPT_IDS`].
pub fn attempt_id(delivery_id: Uuid, index: usize) -> Option<Uuid> {
    let index = u128::try_from(index).ok().filter(|i| *i <= ATTEMPT_MASK)?;
    Some(Uuid::from_u128(
        (delivery_id.as_u128() & !ATTEMPT_MASK) | index,
    ))
}

/// The delivery ids an attempt id may come from (an inclusive range) and the attempt's index.
pub fn attempt_origin(attempt_id: Uuid) -> (Uuid, Uuid, usize) {
    let bits = attempt_id.as_u128();
    let low = bits & !ATTEMPT_MASK;
    // The mask keeps 12 bits, so the index always fits.
    let index = usize::try_from(bits & ATTEMPT_MASK).unwrap_or_default();
    (
        Uuid::from_u128(low),
        Uuid::from_u128(low | ATTEMPT_MASK),
        index,
    )
}

/// The search criteria as sent; every one optional.
#[derive(Debug, Clone, Default)]
pub struct SearchAsked {
    pub start: Option<i64>,
    pub end: Option<i64>,
    pub event: Option<String>,
    pub event_result: Option<String>,
    pub event_type: Option<String>,
    pub webhook_id: Option<Uuid>,
    pub linked_object_id: Option<Uuid>,
    pub start_row: Option<i64>,
    pub number_of_results: Option<i64>,
    pub order_by: Option<String>,
    pub accurate_total: Option<bool>,
}

/// The search criteria, checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventSearch {
    /// `insertInstant` ≥ start.
    pub start: Option<i64>,
    /// `insertInstant` ≤ end.
    pub end: Option<i64>,
    /// Text found in the event's JSON, as written (case counts).
    pub event: Option<String>,
    pub event_result: Option<EventResult>,
    pub event_type: Option<String>,
    pub webhook_id: Option<Uuid>,
    pub linked_object_id: Option<Uuid>,
    pub descending: bool,
    pub start_row: i64,
    pub number_of_results: i64,
    pub accurate_total: bool,
}

/// Checks a search; every bad criterion is reported as `[invalid]search.<name>`.
pub fn check(asked: SearchAsked) -> Result<EventSearch, FieldErrors> {
    let mut errors = FieldErrors::new();
    let event_result = asked.event_result.as_deref().and_then(|r| {
        let parsed = EventResult::parse(r);
        if parsed.is_none() {
            errors.add(Kind::Invalid, "search.eventResult");
        }
        parsed
    });
    let descending = match asked.order_by.as_deref().map(str::trim) {
        None => true,
        Some(spec) => parse_order(spec).unwrap_or_else(|| {
            errors.add(Kind::Invalid, "search.orderBy");
            true
        }),
    };
    let (start_row, number_of_results) = super::paging::check(
        asked.start_row,
        asked.number_of_results,
        "search.",
        &mut errors,
    );
    if let (Some(start), Some(end)) = (asked.start, asked.end) {
        if start > end {
            errors.add(Kind::Invalid, "search.end");
        }
    }
    errors.into_result()?;
    Ok(EventSearch {
        start: asked.start,
        end: asked.end,
        event: asked.event.filter(|e| !e.is_empty()),
        event_result,
        event_type: asked.event_type.filter(|t| !t.is_empty()),
        webhook_id: asked.webhook_id,
        linked_object_id: asked.linked_object_id,
        descending,
        start_row,
        number_of_results,
        accurate_total: asked.accurate_total.unwrap_or(false),
    })
}

/// `insertInstant [ASC|DESC]` (direction in any case, ascending when left out) → descending?
fn parse_order(spec: &str) -> Option<bool> {
    let mut parts = spec.split_whitespace();
    if parts.next()? != "insertInstant" {
        return None;
    }
    let descending = match parts.next().map(str::to_ascii_uppercase).as_deref() {
        None | Some("ASC") => false,
        Some("DESC") => true,
        _ => return None,
    };
    parts.next().is_none().then_some(descending)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn pending_wins_then_failed() {
        use DeliveryState::*;
        assert_eq!(
            EventResult::of([Succeeded, Pending, Failed]),
            EventResult::Running
        );
        assert_eq!(EventResult::of([Succeeded, Failed]), EventResult::Failed);
        assert_eq!(
            EventResult::of([Succeeded, Succeeded]),
            EventResult::Succeeded
        );
    }

    #[test]
    fn an_attempt_without_an_answer_is_unknown() {
        assert_eq!(AttemptResult::of(Some(200), false), AttemptResult::Success);
        assert_eq!(AttemptResult::of(Some(500), true), AttemptResult::Failure);
        assert_eq!(AttemptResult::of(None, true), AttemptResult::Unknown);
    }

    #[test]
    fn attempt_ids_lead_back_to_their_delivery() {
        let delivery = Uuid::now_v7();
        for index in [0, 1, 10, MAX_ATTEMPT_IDS - 1] {
            let id = attempt_id(delivery, index).unwrap();
            let (low, high, back) = attempt_origin(id);
            assert_eq!(back, index);
            assert!(low <= delivery && delivery <= high);
            // The text forms sort the same way, as the store compares them.
            assert!(low.to_string() <= delivery.to_string());
            assert!(delivery.to_string() <= high.to_string());
            assert_eq!(id.get_version_num(), 7, "still a version 7 UUID");
        }
        assert_ne!(
            attempt_id(delivery, 0).unwrap(),
            attempt_id(delivery, 1).unwrap()
        );
        assert_eq!(attempt_id(delivery, MAX_ATTEMPT_IDS), None);
    }

    #[test]
    fn defaults_are_newest_first_25_and_an_estimated_total() {
        let s = check(SearchAsked::default()).unwrap();
        assert!(s.descending && !s.accurate_total);
        assert_eq!((s.start_row, s.number_of_results), (0, 25));
    }

    #[test]
    fn order_is_insert_instant_either_way() {
        let order = |o: &str| {
            check(SearchAsked {
                order_by: Some(o.into()),
                ..SearchAsked::default()
            })
            .map(|s| s.descending)
            .ok()
        };
        assert_eq!(order("insertInstant DESC"), Some(true));
        assert_eq!(order("insertInstant asc"), Some(false));
        assert_eq!(order("insertInstant"), Some(false));
        assert_eq!(order("sequence DESC"), None);
        assert_eq!(order("insertInstant DESC x"), None);
    }

    #[test]
    fn every_bad_criterion_is_reported_under_search() {
        let errors = check(SearchAsked {
            event_result: Some("Done".into()),
            order_by: Some("name".into()),
            start_row: Some(-1),
            number_of_results: Some(501),
            start: Some(10),
            end: Some(5),
            ..SearchAsked::default()
        })
        .unwrap_err();
        for field in [
            "search.eventResult",
            "search.orderBy",
            "search.startRow",
            "search.numberOfResults",
            "search.end",
        ] {
            assert!(errors.has(field), "{field}");
        }
    }
}
