//! Driving the admin app over HTTP like a browser without JavaScript: cookies, forms with their
//! CSRF token, redirects observed rather than followed.

use std::cell::RefCell;

use actioneer::service::staff::{self, MemberInput};

use crate::support::TestApp;

pub const STAFF_PASSWORD: &str = "staff password 1";

impl TestApp {
    /// A staff member with `role`, password `STAFF_PASSWORD`; returns their user id.
    pub fn staff(&self, email: &str, role: &str) -> String {
        let input = MemberInput {
            email: email.into(),
            name: format!("{role} {email}"),
            password: STAFF_PASSWORD.into(),
            role: role.into(),
            ..Default::default()
        };
        let hash = staff::hash_password(&input).expect("hash");
        let mut conn = self.state.db.write().expect("connection");
        let member = staff::create(&mut conn, self.now(), &input, hash).expect("staff member");
        member.id.to_string()
    }

    /// A browser with no cookies yet.
    pub fn browser(&self) -> Browser {
        self.browser_with(reqwest::header::HeaderMap::new())
    }

    /// A browser whose every request carries `X-Forwarded-For: <chain>`, as if it came through a
    /// reverse proxy (or made the header up).
    pub fn browser_forwarded_for(&self, chain: &str) -> Browser {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert(
            "x-forwarded-for",
            reqwest::header::HeaderValue::from_str(chain).expect("header value"),
        );
        self.browser_with(headers)
    }

    fn browser_with(&self, headers: reqwest::header::HeaderMap) -> Browser {
        Browser {
            base: self.base.clone(),
            client: reqwest::blocking::Client::builder()
                .cookie_store(true)
                .redirect(reqwest::redirect::Policy::none())
                .default_headers(headers)
                .build()
                .expect("client"),
            csrf: RefCell::new(String::new()),
        }
    }

    /// A browser signed in as a new staff member with `role`.
    pub fn signed_in(&self, role: &str) -> Browser {
        let email = format!("{role}-{}@staff.test", uuid::Uuid::new_v4().simple());
        self.staff(&email, role);
        let browser = self.browser();
        let page = browser.sign_in(&email, STAFF_PASSWORD);
        assert_eq!(page.status, 303, "sign-in failed: {}", page.body);
        browser
    }
}

pub struct Browser {
    pub base: String,
    pub client: reqwest::blocking::Client,
    /// The CSRF token of the last page that had a form.
    csrf: RefCell<String>,
}

#[derive(Debug)]
pub struct Page {
    pub status: u16,
    pub body: String,
    pub location: Option<String>,
    /// Checked by tests of downloads (CSV).
    #[allow(dead_code)]
    pub content_type: String,
}

impl Page {
    fn from(res: reqwest::blocking::Response) -> Page {
        let header = |name: &str| {
            res.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let location = header("location");
        let content_type = header("content-type").unwrap_or_default();
        let status = res.status().as_u16();
        Page {
            status,
            location,
            content_type,
            body: res.text().expect("body"),
        }
    }

    /// Asserts a 303 to a path starting with `prefix`; returns the location.
    pub fn redirects_to(&self, prefix: &str) -> String {
        assert_eq!(
            self.status, 303,
            "expected a redirect, got {}: {}",
            self.status, self.body
        );
        let location = self.location.clone().expect("location");
        assert!(
            location.starts_with(prefix),
            "redirect to {location}, wanted {prefix}…"
        );
        location
    }

    pub fn contains(&self, text: &str) -> bool {
        self.body.contains(text)
    }

    #[track_caller]
    pub fn assert_has(&self, text: &str) {
        assert!(
            self.body.contains(text),
            "page lacks {text:?}:\n{}",
            self.body
        );
    }

    /// The `value` of the first hidden or text input named `name`.
    pub fn input_value(&self, name: &str) -> Option<String> {
        let at = self.body.find(&format!("name=\"{name}\""))?;
        let tag_start = self.body[..at].rfind('<')?;
        let tag_end = self.body[at..].find('>')? + at;
        let tag = &self.body[tag_start..tag_end];
        let start = tag.find("value=\"")? + "value=\"".len();
        let end = tag[start..].find('"')? + start;
        Some(tag[start..end].to_string())
    }
}

impl Browser {
    fn remember_csrf(&self, page: &Page) {
        if let Some(token) = page.input_value("_csrf") {
            *self.csrf.borrow_mut() = token;
        }
    }

    pub fn get(&self, path: &str) -> Page {
        let page = Page::from(
            self.client
                .get(format!("{}{}", self.base, path))
                .send()
                .expect("request"),
        );
        self.remember_csrf(&page);
        page
    }

    /// Posts a form with the CSRF token of the last page seen.
    pub fn post(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        let mut all: Vec<(&str, &str)> = fields.to_vec();
        let csrf = self.csrf.borrow().clone();
        all.push(("_csrf", &csrf));
        self.post_exactly(path, &all)
    }

    /// Posts exactly these fields (a forged form leaves out the token).
    pub fn post_exactly(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        let page = Page::from(
            self.client
                .post(format!("{}{}", self.base, path))
                .form(fields)
                .send()
                .expect("request"),
        );
        self.remember_csrf(&page);
        page
    }

    pub fn sign_in(&self, email: &str, password: &str) -> Page {
        self.get("/admin/login");
        self.post(
            "/admin/login",
            &[
                ("email", email),
                ("password", password),
                ("next", "/admin/"),
            ],
        )
    }
}
