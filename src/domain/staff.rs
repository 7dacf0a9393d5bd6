//! Staff of the admin app: roles and what each role may reach.

use serde::{Deserialize, Serialize};

/// A staff member's role. Administrators may do everything.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Admin,
    Support,
    Translator,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Admin, Role::Support, Role::Translator];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Support => "support",
            Role::Translator => "translator",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == text)
    }

    /// Whether this role may use pages of `area`.
    pub fn reaches(self, area: Area) -> bool {
        matches!(
            (self, area),
            (Role::Admin, _)
                | (_, Area::Account)
                | (Role::Support, Area::Support)
                | (Role::Translator, Area::Translations)
        )
    }
}

/// The parts of the admin app, by who may use them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Area {
    /// Every signed-in staff member: the start page, their own settings, sign-out.
    Account,
    /// Users, their actions, surveys, the instances list: support agents and administrators.
    Support,
    /// Definitions, webhooks, templates, tenants, keys, staff: administrators only.
    Admin,
    /// Locale progress and data translations: translators and administrators.
    Translations,
}

/// A signed-in staff member as pages see them.
#[derive(Debug, Clone, PartialEq)]
pub struct StaffMember {
    pub id: uuid::Uuid,
    pub email: String,
    pub name: String,
    pub role: Role,
    /// The UI language the member chose, if any.
    pub language: Option<String>,
    /// IANA time zone for showing and entering times, if chosen.
    pub time_zone: Option<String>,
}

/// How long a sign-in lasts without activity.
pub const SESSION_SECONDS: i64 = 12 * 60 * 60;
/// How long a first-start setup link stays valid.
pub const SETUP_SECONDS: i64 = 24 * 60 * 60;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_matrix() {
        use Area::*;
        let reach = |role: Role| {
            [Account, Support, Admin, Translations]
                .into_iter()
                .filter(|a| role.reaches(*a))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            reach(Role::Admin),
            vec![Account, Support, Admin, Translations]
        );
        assert_eq!(reach(Role::Support), vec![Account, Support]);
        assert_eq!(reach(Role::Translator), vec![Account, Translations]);
    }

    #[test]
    fn roles_round_trip_and_unknown_is_none() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
    }
}
