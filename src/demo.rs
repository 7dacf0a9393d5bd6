//! `actioneer serve --demo`: seeds the Pied Piper story through the services, so the demo data
//! obeys the same rules as anything the API or the admin app writes.
//!
//! Everything goes into one write transaction (fast on SQLite). History lies in the past: each
//! apply, change and cancel is made with a `now` of its own, in time order; what has expired
//! since is ended by the worker's normal end processing.

use std::collections::{BTreeMap, HashSet};
use std::time::Instant;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use uuid::Uuid;

use crate::app::AppState;
use crate::db::DbConnection;
use crate::domain::instance::{ActionInput, FOREVER};
use crate::domain::reason::ReasonInput;
use crate::domain::user::UserInput;
use crate::domain::user_action::{ActionOption, UserActionInput};
use crate::service::actioning::{self, Publish};
use crate::service::staff::{self, MemberInput};
use crate::service::users::{self, LoginId};
use crate::service::{self, reasons, user_actions, ServiceError, ServiceResult};

/// The password of every demo staff member (logged at start, and in the README).
pub const DEMO_PASSWORD: &str = "piedpiper-demo";
/// The email domain of the demo's people.
pub const DOMAIN: &str = "piedpiper.example";
/// How many users the demo creates.
pub const USERS: usize = 200;
/// The names of the demo's definitions; the first one marks the demo data as present.
pub const SUBSCRIPTION: &str = "Premium subscription";
pub const BAN: &str = "Forum ban";
pub const SURVEY: &str = "Happiness survey";

const HOUR: i64 = 3_600_000;
const DAY: i64 = 24 * HOUR;
/// The history covers eight weeks before the seed.
const HISTORY_DAYS: i64 = 56;

/// The demo staff: email (before the domain), name, role, language.
pub const STAFF: [(&str, &str, &str, &str); 4] = [
    ("admin", "Morgan Reyes", "admin", ""),
    ("sam", "Sam Okafor", "support", ""),
    ("lena", "Lena Brandt", "support", "de"),
    ("elodie", "Élodie Martin", "translator", "fr"),
];

/// What a seed did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seeded {
    /// The demo data was written.
    Created(Summary),
    /// Action definitions exist already (the demo's or someone's own): nothing was written.
    Skipped,
}

/// Counts of what was seeded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub staff: usize,
    pub users: usize,
    pub reasons: usize,
    pub surveys: usize,
    pub subscriptions: usize,
    pub extended: usize,
    pub cancelled: usize,
    pub bans: usize,
    pub lifted: usize,
    pub elapsed_ms: u128,
}

/// Seeds demo data into an empty database; does nothing when action definitions exist already.
pub fn seed(state: &AppState) -> anyhow::Result<Seeded> {
    let started = Instant::now();
    // Hashing is slow: outside the transaction. Each member gets a hash (and salt) of their own,
    // so one cracked hash or a changed password says nothing about the others.
    let hashes = STAFF
        .iter()
        .map(|_| users::hash_password(DEMO_PASSWORD))
        .collect::<ServiceResult<Vec<String>>>()
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let now = state.now();
    let mut conn = state.db.write()?;
    let result = crate::db::transaction(&mut conn, |conn| -> ServiceResult<Option<Summary>> {
        if !user_actions::list(conn, true, None)?.is_empty()
            || !user_actions::list(conn, false, None)?.is_empty()
        {
            return Ok(None);
        }
        Story::new(now).write(conn, &hashes).map(Some)
    });
    let summary = match result {
        Ok(Some(summary)) => summary,
        Ok(None) => {
            tracing::info!("demo data not seeded: the database has action definitions already");
            return Ok(Seeded::Skipped);
        }
        Err(ServiceError::Invalid(errors)) => {
            return Err(anyhow::anyhow!("seeding the demo data: {errors:?}"))
        }
        Err(e) => return Err(anyhow::anyhow!("seeding the demo data: {e}")),
    };
    let summary = Summary {
        elapsed_ms: started.elapsed().as_millis(),
        ..summary
    };
    let people: Vec<String> = STAFF
        .iter()
        .map(|(login, _, role, _)| format!("{login}@{DOMAIN} ({role})"))
        .collect();
    // Staff exist now, so a setup link logged before this one is no longer needed.
    tracing::info!(
        "demo: sign in at {}/admin/ as {} with the password {DEMO_PASSWORD}",
        state.config.base_url.trim_end_matches('/'),
        people.join(", ")
    );
    tracing::info!(
        users = summary.users,
        staff = summary.staff,
        reasons = summary.reasons,
        surveys = summary.surveys,
        subscriptions = summary.subscriptions,
        extended = summary.extended,
        cancelled = summary.cancelled,
        bans = summary.bans,
        lifted = summary.lifted,
        elapsed_ms = summary.elapsed_ms as u64,
        "demo data seeded"
    );
    Ok(Seeded::Created(summary))
}

/// Rolls of a seeded generator: the same story on every seed.
struct Dice(StdRng);

impl Dice {
    fn seeded(seed: u64) -> Dice {
        Dice(StdRng::seed_from_u64(seed))
    }

    /// A number in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.0.gen_range(0..n)
        }
    }

    /// A fraction in `0.0..1.0`.
    fn unit(&mut self) -> f64 {
        self.0.gen()
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// `n` distinct indexes of `0..len`, in random order.
    fn sample(&mut self, len: usize, n: usize) -> Vec<usize> {
        rand::seq::index::sample(&mut self.0, len, n.min(len)).into_vec()
    }
}

const FIRST_EN: [&str; 40] = [
    "Olivia", "Liam", "Emma", "Noah", "Ava", "Ethan", "Sophia", "Mason", "Isabella", "Lucas",
    "Mia", "Aiden", "Amelia", "James", "Harper", "Elijah", "Evelyn", "Benjamin", "Abigail",
    "Logan", "Priya", "Ravi", "Mei", "Hiroshi", "Ana", "Diego", "Fatima", "Omar", "Chloe",
    "Daniel", "Grace", "Samuel", "Zoe", "Jack", "Layla", "Henry", "Nora", "Owen", "Ivy", "Caleb",
];
const LAST_EN: [&str; 40] = [
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Miller",
    "Davis",
    "Rodriguez",
    "Martinez",
    "Hernandez",
    "Lopez",
    "Wilson",
    "Anderson",
    "Thomas",
    "Taylor",
    "Moore",
    "Jackson",
    "Lee",
    "Perez",
    "Thompson",
    "White",
    "Harris",
    "Clark",
    "Lewis",
    "Robinson",
    "Walker",
    "Young",
    "Allen",
    "King",
    "Patel",
    "Nguyen",
    "Kim",
    "Chen",
    "Singh",
    "Tanaka",
    "Okoye",
    "Silva",
    "Murphy",
    "Kowalski",
];
const FIRST_DE: [&str; 16] = [
    "Lukas",
    "Anna",
    "Jonas",
    "Lea",
    "Felix",
    "Marie",
    "Paul",
    "Sophie",
    "Maximilian",
    "Hannah",
    "Leon",
    "Emilia",
    "Finn",
    "Johanna",
    "Moritz",
    "Greta",
];
const LAST_DE: [&str; 16] = [
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Schulz",
    "Hoffmann",
    "Koch",
    "Richter",
    "Klein",
    "Wolf",
    "Schröder",
    "Neumann",
];
const FIRST_FR: [&str; 16] = [
    "Louis", "Camille", "Hugo", "Léa", "Gabriel", "Manon", "Arthur", "Chloé", "Jules", "Inès",
    "Raphaël", "Juliette", "Théo", "Zoé", "Nathan", "Margaux",
];
const LAST_FR: [&str; 16] = [
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
    "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garnier", "Fournier",
];

/// An address part made of a name: lower case, ASCII letters only.
fn ascii_login(name: &str) -> String {
    name.chars()
        .flat_map(|c| c.to_lowercase())
        .map(|c| match c {
            'ä' => 'a',
            'à' | 'â' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'ï' | 'î' => 'i',
            'ö' | 'ô' => 'o',
            'ü' | 'û' => 'u',
            'ç' => 'c',
            other => other,
        })
        .filter(|c| c.is_ascii_alphanumeric())
        .collect()
}

/// Localized names, texts or options of the demo: German and French.
fn german_and_french(de: &str, fr: &str) -> BTreeMap<String, String> {
    BTreeMap::from([("de".to_string(), de.into()), ("fr".to_string(), fr.into())])
}

/// A demo definition named in English, German and French.
fn definition(name: &str, de: &str, fr: &str) -> UserActionInput {
    UserActionInput {
        name: Some(name.into()),
        localized_names: Some(german_and_french(de, fr)),
        ..Default::default()
    }
}

/// One step of the history, applied in time order.
enum Step {
    Survey {
        user: usize,
        agent: usize,
        option: &'static str,
        comment: Option<&'static str>,
    },
    Subscribe {
        slot: usize,
        user: usize,
        agent: usize,
        reason: &'static str,
        expiry: i64,
    },
    Extend {
        slot: usize,
        agent: usize,
        expiry: i64,
    },
    Unsubscribe {
        slot: usize,
        agent: usize,
    },
    Ban {
        slot: usize,
        user: usize,
        agent: usize,
        reason: &'static str,
        expiry: i64,
        comment: &'static str,
    },
    Lift {
        slot: usize,
        agent: usize,
    },
}

const SURVEY_COMMENTS: [&str; 6] = [
    "Called about the compression ratio of large videos.",
    "Asked when the desktop app comes out.",
    "Upload failed twice, worked on the third try.",
    "Loves the new sharing links.",
    "Billing question, resolved on the call.",
    "Wants a family plan.",
];

const SPAM_COMMENTS: [&str; 3] = [
    "Posted the same referral link in 40 threads.",
    "Advertised a crypto scheme in every category.",
    "Bot-like posting: 200 replies in an hour.",
];

const ABUSE_COMMENTS: [&str; 3] = [
    "Insulted other members in the help forum.",
    "Repeated personal attacks after a warning.",
    "Threatening messages to a moderator.",
];

struct Story {
    now: i64,
    start: i64,
    dice: Dice,
}

/// Ids of what the story refers to.
struct Cast {
    staff: Vec<Uuid>,
    users: Vec<Uuid>,
    reasons: BTreeMap<&'static str, Uuid>,
    subscription: Uuid,
    ban: Uuid,
    survey: Uuid,
}

impl Cast {
    /// The admin is staff[0], the support agents staff[1] and staff[2].
    fn agent(&self, which: usize) -> Uuid {
        self.staff[1 + which % 2]
    }
}

impl Story {
    fn new(now: i64) -> Story {
        Story {
            now,
            start: now - HISTORY_DAYS * DAY,
            dice: Dice::seeded(0x5EED_D3A0),
        }
    }

    fn write(mut self, conn: &mut DbConnection, hashes: &[String]) -> ServiceResult<Summary> {
        let mut summary = Summary::default();
        let definitions_at = self.start - 14 * DAY;
        let (subscription, ban, survey) = self.definitions(conn, definitions_at)?;
        let reasons = self.reasons(conn, definitions_at)?;
        summary.reasons = reasons.len();
        let staff = self.staff(conn, definitions_at, hashes, &mut summary)?;
        let users = self.users(conn)?;
        summary.users = users.len();
        let cast = Cast {
            staff,
            users,
            reasons,
            subscription,
            ban,
            survey,
        };
        let mut steps = self.plan(cast.users.len());
        steps.sort_by_key(|(at, _)| *at);
        self.play(conn, &cast, steps, &mut summary)?;
        Ok(summary)
    }

    fn definitions(&self, conn: &mut DbConnection, at: i64) -> ServiceResult<(Uuid, Uuid, Uuid)> {
        let subscription = UserActionInput {
            temporal: Some(true),
            send_end_event: Some(true),
            ..definition(SUBSCRIPTION, "Premium-Abo", "Abonnement Premium")
        };
        let ban = UserActionInput {
            temporal: Some(true),
            prevent_login: Some(true),
            send_end_event: Some(true),
            ..definition(BAN, "Forensperre", "Bannissement du forum")
        };
        let option = |name: &str, de: &str, fr: &str| ActionOption {
            name: Some(name.into()),
            localized_names: Some(german_and_french(de, fr)),
        };
        let survey = UserActionInput {
            temporal: Some(false),
            options: Some(vec![
                option("happy", "zufrieden", "satisfait"),
                option("indifferent", "gleichgültig", "indifférent"),
                option("frustrated", "frustriert", "frustré"),
            ]),
            ..definition(SURVEY, "Zufriedenheitsumfrage", "Enquête de satisfaction")
        };
        let mut create =
            |input| Ok::<_, ServiceError>(user_actions::create(conn, at, None, input)?.id);
        Ok((create(subscription)?, create(ban)?, create(survey)?))
    }

    fn reasons(
        &self,
        conn: &mut DbConnection,
        at: i64,
    ) -> ServiceResult<BTreeMap<&'static str, Uuid>> {
        let mut ids = BTreeMap::new();
        for (code, text, de, fr) in [
            ("SPAM", "Spam", "Spam-Beiträge", "Pourriel"),
            (
                "ABUSE",
                "Abusive behaviour",
                "Beleidigungen",
                "Comportement abusif",
            ),
            (
                "PAID",
                "Paid by the customer",
                "Vom Kunden bezahlt",
                "Payé par le client",
            ),
            ("GOODWILL", "Goodwill gesture", "Kulanz", "Geste commercial"),
            (
                "TRIAL",
                "Free trial",
                "Kostenlose Testphase",
                "Essai gratuit",
            ),
        ] {
            let reason = reasons::create(
                conn,
                at,
                None,
                ReasonInput {
                    text: Some(text.into()),
                    code: Some(code.into()),
                    localized_texts: Some(german_and_french(de, fr)),
                    escalation: None,
                },
            )?;
            ids.insert(code, reason.id);
        }
        Ok(ids)
    }

    /// The demo staff; an existing member with a demo email (e.g. from ACTIONEER_ADMIN_EMAIL)
    /// is kept as is.
    fn staff(
        &self,
        conn: &mut DbConnection,
        at: i64,
        hashes: &[String],
        summary: &mut Summary,
    ) -> ServiceResult<Vec<Uuid>> {
        let mut ids = Vec::new();
        for ((login, name, role, language), hash) in STAFF.into_iter().zip(hashes) {
            let email = format!("{login}@{DOMAIN}");
            let existing = match users::find_by(conn, None, LoginId::Email(&email)) {
                Ok(user) => staff::find(conn, user.id).ok(),
                Err(ServiceError::NotFound) => None,
                Err(e) => return Err(e),
            };
            if let Some(member) = existing {
                ids.push(member.id);
                continue;
            }
            let input = MemberInput {
                email,
                name: name.into(),
                password: DEMO_PASSWORD.into(),
                role: role.into(),
                language: language.into(),
                time_zone: match language {
                    "de" => "Europe/Berlin",
                    "fr" => "Europe/Paris",
                    _ => "America/Los_Angeles",
                }
                .into(),
            };
            ids.push(staff::create(conn, at, &input, Some(hash.clone()))?.id);
            summary.staff += 1;
        }
        Ok(ids)
    }

    fn users(&mut self, conn: &mut DbConnection) -> ServiceResult<Vec<Uuid>> {
        let mut taken = HashSet::new();
        let mut ids = Vec::with_capacity(USERS);
        for i in 0..USERS {
            let (first, last, language, zone) = match i % 10 {
                3 | 7 => (
                    *self.dice.pick(&FIRST_DE),
                    *self.dice.pick(&LAST_DE),
                    Some("de"),
                    "Europe/Berlin",
                ),
                5 => (
                    *self.dice.pick(&FIRST_FR),
                    *self.dice.pick(&LAST_FR),
                    Some("fr"),
                    "Europe/Paris",
                ),
                _ => (
                    *self.dice.pick(&FIRST_EN),
                    *self.dice.pick(&LAST_EN),
                    None,
                    *self.dice.pick(&[
                        "America/Los_Angeles",
                        "America/New_York",
                        "Europe/London",
                        "Asia/Singapore",
                    ]),
                ),
            };
            let base = format!("{}.{}", ascii_login(first), ascii_login(last));
            let mut login = base.clone();
            let mut n = 2;
            while !taken.insert(login.clone()) {
                login = format!("{base}{n}");
                n += 1;
            }
            // Signed up at some point in the year before the history starts, or during it.
            let joined = self.start - self.dice.below(300) as i64 * DAY
                + self.dice.below(20 * DAY as u64) as i64;
            let user = users::create(
                conn,
                joined.min(self.now - DAY),
                None,
                None,
                UserInput {
                    email: Some(format!("{login}@{DOMAIN}")),
                    first_name: Some(first.into()),
                    last_name: Some(last.into()),
                    full_name: Some(format!("{first} {last}")),
                    preferred_languages: language.map(|l| vec![l.to_string()]),
                    timezone: Some(zone.into()),
                    ..Default::default()
                },
                None,
            )?;
            ids.push(user.id);
        }
        Ok(ids)
    }

    /// The eight weeks of history, unordered: (instant, step).
    fn plan(&mut self, users: usize) -> Vec<(i64, Step)> {
        let mut steps = Vec::new();
        self.plan_surveys(users, &mut steps);
        self.plan_subscriptions(users, &mut steps);
        self.plan_bans(users, &mut steps);
        steps
    }

    /// Surveys: a few every working day; happiness rises over the weeks.
    fn plan_surveys(&mut self, users: usize, steps: &mut Vec<(i64, Step)>) {
        let (start, now) = (self.start, self.now);
        for day in 0..HISTORY_DAYS {
            let weekday = (day % 7) < 5;
            let count = if weekday { 4 + self.dice.below(4) } else { 1 };
            let trend = day as f64 / (HISTORY_DAYS - 1) as f64;
            for _ in 0..count {
                let at = start + day * DAY + 8 * HOUR + self.dice.below(9 * HOUR as u64) as i64;
                let roll = self.dice.unit();
                let option = if roll < 0.35 + 0.30 * trend {
                    "happy"
                } else if roll < 0.65 + 0.12 * trend {
                    "indifferent"
                } else {
                    "frustrated"
                };
                let comment = (self.dice.below(4) == 0).then(|| *self.dice.pick(&SURVEY_COMMENTS));
                steps.push((
                    at.min(now - HOUR),
                    Step::Survey {
                        user: self.dice.below(users as u64) as usize,
                        agent: self.dice.below(2) as usize,
                        option,
                        comment,
                    },
                ));
            }
        }
    }

    /// Subscriptions: 30 days (trials 14), some extended, some cancelled, many expired.
    fn plan_subscriptions(&mut self, users: usize, steps: &mut Vec<(i64, Step)>) {
        let (start, now) = (self.start, self.now);
        let subscribers = self.dice.sample(users, 70.min(users));
        for (slot, &user) in subscribers.iter().enumerate() {
            let begun = start + self.dice.below(52 * DAY as u64) as i64;
            let roll = self.dice.below(10);
            let (reason, length) = match roll {
                0 => ("TRIAL", 14 * DAY),
                1 => ("GOODWILL", 30 * DAY),
                _ => ("PAID", 30 * DAY),
            };
            let agent = self.dice.below(2) as usize;
            let expiry = begun + length;
            steps.push((
                begun,
                Step::Subscribe {
                    slot,
                    user,
                    agent,
                    reason,
                    expiry,
                },
            ));
            let fate = self.dice.below(10);
            if expiry < now && fate < 4 {
                // Renewed a few days before it ran out.
                let at = expiry - (1 + self.dice.below(4) as i64) * DAY;
                steps.push((
                    at,
                    Step::Extend {
                        slot,
                        agent,
                        expiry: expiry + 30 * DAY,
                    },
                ));
            } else if expiry >= now && fate < 2 {
                let room = (now - begun - DAY).max(HOUR);
                let at = begun + DAY.min(room) + self.dice.below(room as u64) as i64;
                steps.push((at.min(now - HOUR), Step::Unsubscribe { slot, agent }));
            }
        }
    }

    /// Forum bans for spam and abuse: days, weeks, or for good; some lifted early.
    fn plan_bans(&mut self, users: usize, steps: &mut Vec<(i64, Step)>) {
        let (start, now) = (self.start, self.now);
        let banned = self.dice.sample(users, 14.min(users));
        for (slot, &user) in banned.iter().enumerate() {
            let begun = start + self.dice.below(54 * DAY as u64) as i64;
            let spam = self.dice.below(3) < 2;
            let (reason, comment) = if spam {
                ("SPAM", *self.dice.pick(&SPAM_COMMENTS))
            } else {
                ("ABUSE", *self.dice.pick(&ABUSE_COMMENTS))
            };
            let expiry = match self.dice.below(5) {
                0 => begun + 3 * DAY,
                1 | 2 => begun + 7 * DAY,
                3 => begun + 30 * DAY,
                _ => FOREVER,
            };
            let agent = self.dice.below(2) as usize;
            steps.push((
                begun,
                Step::Ban {
                    slot,
                    user,
                    agent,
                    reason,
                    expiry,
                    comment,
                },
            ));
            let until = expiry.min(now);
            if self.dice.below(4) == 0 && until - begun > 2 * DAY {
                let at = begun + DAY + self.dice.below((until - begun - 2 * DAY) as u64) as i64;
                steps.push((at, Step::Lift { slot, agent }));
            }
        }
    }

    fn play(
        &self,
        conn: &mut DbConnection,
        cast: &Cast,
        steps: Vec<(i64, Step)>,
        summary: &mut Summary,
    ) -> ServiceResult<()> {
        let mut player = Player {
            cast,
            outbound: service::events::Outbound::default(),
            held: BTreeMap::new(),
        };
        for (at, step) in steps {
            player.step(conn, at, step, summary)?;
        }
        Ok(())
    }
}

/// Plays the planned steps through the same services as the API.
struct Player<'a> {
    cast: &'a Cast,
    outbound: service::events::Outbound,
    /// Instance ids by the plan's slots, for the steps that change them later.
    held: BTreeMap<(Held, usize), Uuid>,
}

/// What a slot of the plan holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Held {
    Subscription,
    Ban,
}

impl Player<'_> {
    /// Demo history publishes nothing: there are no webhooks yet, and it all happened already.
    fn quiet(&self) -> Publish<'_> {
        Publish {
            out: &self.outbound,
            broadcast: false,
            info: None,
        }
    }

    fn apply(&self, conn: &mut DbConnection, at: i64, input: ActionInput) -> ServiceResult<Uuid> {
        Ok(actioning::apply(conn, at, None, input, self.quiet())?.id)
    }

    /// Applies `input` for `reason` until `expiry`, and keeps the instance in `slot`.
    fn hold(
        &mut self,
        conn: &mut DbConnection,
        at: i64,
        (held, slot): (Held, usize),
        (reason, expiry): (&str, i64),
        input: ActionInput,
    ) -> ServiceResult<()> {
        let input = ActionInput {
            reason_id: self.cast.reasons.get(reason).copied(),
            expiry: Some(expiry),
            ..input
        };
        let id = self.apply(conn, at, input)?;
        self.held.insert((held, slot), id);
        Ok(())
    }

    /// A change by `agent` with `comment` to the instance in `slot`, if the plan made it: to
    /// `expiry`, else cancelled.
    fn change(
        &self,
        conn: &mut DbConnection,
        at: i64,
        slot: (Held, usize),
        agent: usize,
        comment: &str,
        expiry: Option<i64>,
    ) -> ServiceResult<bool> {
        let Some(&id) = self.held.get(&slot) else {
            return Ok(false);
        };
        let input = ActionInput {
            actioner_user_id: Some(self.cast.agent(agent)),
            comment: Some(comment.into()),
            expiry,
            ..Default::default()
        };
        match expiry {
            Some(_) => actioning::modify(conn, at, None, id, input, self.quiet())?,
            None => actioning::cancel(conn, at, None, id, input, self.quiet())?,
        };
        Ok(true)
    }

    /// A new instance of `action` for user number `user`, applied by `agent`.
    fn new_input(&self, action: Uuid, user: usize, agent: usize) -> ActionInput {
        ActionInput {
            user_action_id: Some(action),
            actionee_user_id: Some(self.cast.users[user]),
            actioner_user_id: Some(self.cast.agent(agent)),
            ..Default::default()
        }
    }

    fn step(
        &mut self,
        conn: &mut DbConnection,
        at: i64,
        step: Step,
        summary: &mut Summary,
    ) -> ServiceResult<()> {
        let cast = self.cast;
        match step {
            Step::Survey {
                user,
                agent,
                option,
                comment,
            } => {
                let input = ActionInput {
                    option: Some(option.into()),
                    comment: comment.map(str::to_string),
                    ..self.new_input(cast.survey, user, agent)
                };
                self.apply(conn, at, input)?;
                summary.surveys += 1;
            }
            Step::Subscribe {
                slot,
                user,
                agent,
                reason,
                expiry,
            } => {
                let input = self.new_input(cast.subscription, user, agent);
                let slot = (Held::Subscription, slot);
                self.hold(conn, at, slot, (reason, expiry), input)?;
                summary.subscriptions += 1;
            }
            Step::Ban {
                slot,
                user,
                agent,
                reason,
                expiry,
                comment,
            } => {
                let input = ActionInput {
                    comment: Some(comment.into()),
                    ..self.new_input(cast.ban, user, agent)
                };
                self.hold(conn, at, (Held::Ban, slot), (reason, expiry), input)?;
                summary.bans += 1;
            }
            Step::Extend {
                slot,
                agent,
                expiry,
            } => {
                let renewed = "Renewed for another month.";
                let slot = (Held::Subscription, slot);
                if self.change(conn, at, slot, agent, renewed, Some(expiry))? {
                    summary.extended += 1;
                }
            }
            Step::Unsubscribe { slot, agent } => {
                let asked = "Cancelled at the customer's request.";
                let slot = (Held::Subscription, slot);
                if self.change(conn, at, slot, agent, asked, None)? {
                    summary.cancelled += 1;
                }
            }
            Step::Lift { slot, agent } => {
                let lifted = "Apologised; ban lifted early.";
                if self.change(conn, at, (Held::Ban, slot), agent, lifted, None)? {
                    summary.lifted += 1;
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logins_are_plain_ascii() {
        assert_eq!(ascii_login("Müller"), "muller");
        assert_eq!(ascii_login("Élodie"), "elodie");
        assert_eq!(ascii_login("Lefèvre"), "lefevre");
    }

    #[test]
    fn dice_sample_is_distinct() {
        let mut dice = Dice::seeded(7);
        let mut picked = dice.sample(200, 70);
        picked.sort();
        picked.dedup();
        assert_eq!(picked.len(), 70);
        assert!(picked.iter().all(|&i| i < 200));
    }
}
