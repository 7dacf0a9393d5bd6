//! Staff notes: what an agent writes about a user or one of their instances for other staff.
//! Never part of what the user, webhooks or API clients see.

use uuid::Uuid;

use super::errors::{FieldErrors, Kind};
use super::text::too_long;

/// Longest note, in characters: room for a paragraph of context, not a document.
pub const MAX_NOTE: usize = 2000;

/// A stored note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffNote {
    pub id: Uuid,
    pub user_id: Uuid,
    /// The instance the note is about; `None` for a note on the user.
    pub instance_id: Option<Uuid>,
    /// The staff member's user id.
    pub author_id: Uuid,
    pub body: String,
    pub created_instant: i64,
}

/// The note's text as stored (trimmed), or `[blank]note.body` / `[tooLong]note.body`.
pub fn check_body(body: &str) -> Result<String, FieldErrors> {
    let body = body.trim();
    if body.is_empty() {
        return Err(FieldErrors::single(Kind::Blank, "note.body"));
    }
    if too_long(body, MAX_NOTE) {
        return Err(FieldErrors::single(Kind::TooLong, "note.body"));
    }
    Ok(body.to_string())
}

/// Whether a staff member may delete a note: its author may, and an administrator may.
pub fn may_delete(note: &StaffNote, member: Uuid, is_admin: bool) -> bool {
    is_admin || note.author_id == member
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(author: Uuid) -> StaffNote {
        StaffNote {
            id: Uuid::nil(),
            user_id: Uuid::nil(),
            instance_id: None,
            author_id: author,
            body: "x".into(),
            created_instant: 0,
        }
    }

    #[test]
    fn a_note_is_trimmed_non_blank_and_bounded() {
        assert_eq!(check_body("  Called them.\n"), Ok("Called them.".into()));
        assert!(check_body(" \n\t").unwrap_err().has("note.body"));
        assert!(check_body(&"é".repeat(MAX_NOTE)).is_ok());
        assert!(check_body(&"é".repeat(MAX_NOTE + 1))
            .unwrap_err()
            .has("note.body"));
    }

    #[test]
    fn only_the_author_or_an_admin_deletes() {
        let (author, other) = (Uuid::from_u128(1), Uuid::from_u128(2));
        assert!(may_delete(&note(author), author, false));
        assert!(!may_delete(&note(author), other, false));
        assert!(may_delete(&note(author), other, true));
    }
}
