//! Finding users in the admin app.

use super::ServiceResult;
use crate::db::DbConnection;
use crate::domain::user::User;
use crate::store;

/// The most users one page shows.
pub const MAX_PER_PAGE: usize = 100;

#[derive(Debug, Clone, Default)]
pub struct UserQuery {
    /// An id, or part of an email or name; empty for everyone.
    pub text: String,
    /// Zero-based page.
    pub page: usize,
    pub per_page: usize,
}

#[derive(Debug, Clone)]
pub struct UserPage {
    pub users: Vec<User>,
    /// Matches over all pages.
    pub total: i64,
}

pub fn search(conn: &mut DbConnection, query: &UserQuery) -> ServiceResult<UserPage> {
    let per_page = query.per_page.clamp(1, MAX_PER_PAGE) as i64;
    let offset = (query.page as i64).saturating_mul(per_page);
    let (users, total) = store::user_directory::search(conn, &query.text, offset, per_page)?;
    Ok(UserPage { users, total })
}
