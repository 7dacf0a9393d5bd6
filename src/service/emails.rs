//! Queued emails for administrators: pending, sent and failed emails with their
//! attempts, and replay of a failed one. The queries are the webhook delivery log's.

use serde::Deserialize;
use uuid::Uuid;

use super::deliveries::{find_of, list_of, replay_of};
use super::ServiceResult;
use crate::db::DbConnection;
use crate::store;
use crate::store::instances::InstanceLabel;
use crate::store::outbox::{LogFilter, OutboxItem, EMAIL};

/// A sender or recipient as queued.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct Address {
    pub address: String,
    pub display: Option<String>,
}

impl Address {
    /// `Name <address>`, or the bare address when there is no name.
    pub fn formatted(&self) -> String {
        match self.display.as_deref().map(str::trim) {
            Some(name) if !name.is_empty() => format!("{name} <{}>", self.address),
            _ => self.address.clone(),
        }
    }
}

/// The email as it was rendered and queued (the `Email` object).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct EmailContent {
    pub from: Address,
    pub to: Vec<Address>,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// The change of the action the email was sent for (`start`, `modify`, `cancel`, `end`);
    /// none on test emails and on emails queued before it was recorded.
    pub phase: Option<String>,
}

impl EmailContent {
    /// A payload that does not parse reads as empty: the worker fails such an email as corrupt,
    /// and its attempt says so.
    pub fn parse(payload: &str) -> EmailContent {
        serde_json::from_str(payload).unwrap_or_default()
    }

    /// Every recipient, formatted, joined by commas.
    pub fn recipients(&self) -> String {
        self.to
            .iter()
            .map(Address::formatted)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// A queued email, what it says and what it is about.
#[derive(Debug, Clone)]
pub struct QueuedEmail {
    pub item: OutboxItem,
    pub content: EmailContent,
    /// The action instance the email is about; `None` for a test email or a deleted instance.
    pub action: Option<InstanceLabel>,
}

fn with_actions(
    conn: &mut DbConnection,
    items: Vec<OutboxItem>,
) -> ServiceResult<Vec<QueuedEmail>> {
    let ids: Vec<Uuid> = items.iter().filter_map(|i| i.action_id).collect();
    let labels = store::instances::labels(conn, &ids)?;
    Ok(items
        .into_iter()
        .map(|item| QueuedEmail {
            content: EmailContent::parse(&item.payload),
            action: item
                .action_id
                .and_then(|a| labels.iter().find(|l| l.id == a).cloned()),
            item,
        })
        .collect())
}

/// A page of emails, newest first, and the number of all that match `filter` (its kind is
/// ignored).
pub fn list(conn: &mut DbConnection, filter: LogFilter) -> ServiceResult<(Vec<QueuedEmail>, i64)> {
    let (items, total) = list_of(conn, EMAIL, filter)?;
    Ok((with_actions(conn, items)?, total))
}

pub fn find(conn: &mut DbConnection, id: Uuid) -> ServiceResult<QueuedEmail> {
    let item = find_of(conn, EMAIL, id)?;
    let mut found = with_actions(conn, vec![item])?;
    found.pop().ok_or(super::ServiceError::NotFound)
}

/// Puts a failed email back in the queue: same id and content, a fresh retry schedule.
/// An email that did not fail is `[invalid]emailId`.
pub fn replay(conn: &mut DbConnection, now: i64, id: Uuid) -> ServiceResult<QueuedEmail> {
    replay_of(conn, now, EMAIL, id, "emailId")?;
    find(conn, id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_queued_payload_reads_with_names_and_parts() {
        let content = EmailContent::parse(
            r#"{"attachments": [], "bcc": [], "cc": [],
            "from": {"address": "mod@example.com", "display": "Moderation"},
            "to": [{"address": "jane@example.com", "display": "Jane Doe"},
                   {"address": "ops@example.com", "display": ""}],
            "subject": "Banned", "text": "Hello", "html": "<p>Hello</p>"}"#,
        );
        assert_eq!(content.from.formatted(), "Moderation <mod@example.com>");
        assert_eq!(
            content.recipients(),
            "Jane Doe <jane@example.com>, ops@example.com"
        );
        assert_eq!(content.subject, "Banned");
        assert_eq!(content.html, "<p>Hello</p>");
    }

    #[test]
    fn a_corrupt_payload_reads_as_empty() {
        assert_eq!(EmailContent::parse("not json"), EmailContent::default());
        assert_eq!(
            EmailContent::parse(r#"{"subject": "Only"}"#).subject,
            "Only"
        );
    }
}
