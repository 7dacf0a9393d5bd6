//! `Names`: how a page names the people on it (users, agents), from one lookup per page.

use std::collections::HashMap;

use uuid::Uuid;

use crate::i18n::Tr;
use crate::service::user_directory::{display_name, Person};

pub struct Names<'a> {
    tr: &'a Tr,
    people: HashMap<Uuid, Person>,
}

impl<'a> Names<'a> {
    pub fn new(tr: &'a Tr, people: HashMap<Uuid, Person>) -> Self {
        Names { tr, people }
    }

    /// From staff names and emails looked up apart (an agent is named, a user has an email).
    pub fn from_parts(
        tr: &'a Tr,
        staff: &HashMap<Uuid, String>,
        emails: HashMap<Uuid, String>,
    ) -> Self {
        let mut people: HashMap<Uuid, Person> = emails
            .into_iter()
            .map(|(id, email)| (id, person(id, Some(email), None)))
            .collect();
        for (id, name) in staff {
            let email = people.remove(id).and_then(|p| p.email);
            people.insert(*id, person(*id, email, Some(name.clone())));
        }
        Names { tr, people }
    }

    /// "Name (email)", the id of someone unknown, or "Actioneer" for `None` (the system).
    pub fn of(&self, id: Option<Uuid>) -> String {
        let Some(id) = id else {
            return self.tr.t("users-actioneer");
        };
        match self.people.get(&id) {
            None => id.to_string(),
            Some(p) => {
                let name = display_name(p);
                match &p.email {
                    Some(email) if *email != name => {
                        self.tr.t2("users-person", "name", &name, "email", email)
                    }
                    _ => name,
                }
            }
        }
    }

    /// Name, else email, else the id: for a column that has no room for both.
    pub fn short(&self, id: Uuid) -> String {
        self.people
            .get(&id)
            .map_or_else(|| id.to_string(), display_name)
    }

    /// The email, else the id.
    pub fn email(&self, id: Uuid) -> String {
        self.people
            .get(&id)
            .and_then(|p| p.email.clone())
            .unwrap_or_else(|| id.to_string())
    }
}

/// A user where a page has only emails to hand: the email, else the id.
pub fn email_or_id(emails: &HashMap<Uuid, String>, id: Uuid) -> String {
    emails.get(&id).cloned().unwrap_or_else(|| id.to_string())
}

fn person(id: Uuid, email: Option<String>, name: Option<String>) -> Person {
    Person {
        id,
        email,
        first_name: None,
        last_name: None,
        full_name: name,
    }
}
