//! What the repeatable jobs of one write batch share (`db::writer`): the instances they leave to
//! be inserted together, and the users the batch read for them before the first one ran.

use diesel::QueryResult;
use uuid::Uuid;

use super::instances::BatchInserts;
use super::users::KnownUsers;
use crate::db::DbConnection;

/// A batch's shared reads and writes. A job run alone (the careful way) gets an empty one: it
/// reads its users itself and inserts its own instance before its savepoint ends.
#[derive(Default)]
pub struct WriteBatch {
    pub inserts: BatchInserts,
    pub users: KnownUsers,
}

impl WriteBatch {
    /// A batch whose jobs will look up `users`: they are read now, in one statement, instead of
    /// once a job (on PostgreSQL a round trip each).
    pub fn reading(conn: &mut DbConnection, users: &[Uuid]) -> QueryResult<WriteBatch> {
        Ok(WriteBatch {
            inserts: BatchInserts::default(),
            users: KnownUsers::read(conn, users)?,
        })
    }
}
