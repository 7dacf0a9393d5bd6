//! The harness: chromedriver on a free port, a headless Chromium session, an Actioneer server,
//! and `Session`, a blocking helper that flows use to act like a person in the browser.

use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

use crate::support::{Backend, TestApp};
use crate::web_support::STAFF_PASSWORD;

/// How long a page may take to appear after a click or a navigation.
const PATIENCE: Duration = Duration::from_secs(10);

/// One browser at a time: the machines running this are small, and it keeps timing steady.
static ONE_BROWSER: Mutex<()> = Mutex::new(());

/// Defines a browser test: `flow!(name, |s| { s.goto("/admin/"); … })`.
#[macro_export]
macro_rules! flow {
    ($name:ident, |$s:ident| $body:block) => {
        #[test]
        fn $name() {
            $crate::browser::run(stringify!($name), |$s: &$crate::browser::Session| $body);
        }
    };
}

/// Runs one flow in a fresh browser against a fresh server; skips without chromedriver.
pub fn run(name: &str, flow: impl FnOnce(&Session)) {
    let Some(chromedriver) = chromedriver() else {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("chromedriver is required in CI (apt-get install chromium chromium-driver)");
        }
        eprintln!(
            "SKIPPED {name}: chromedriver not found (set CHROMEDRIVER or install chromium-driver)"
        );
        return;
    };
    let _one = ONE_BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let started = Instant::now();
    let session = Session::start(&chromedriver);
    flow(&session);
    drop(session);
    eprintln!("{name}: {:.1} s", started.elapsed().as_secs_f64());
}

fn chromedriver() -> Option<PathBuf> {
    // CHROMEDRIVER, when set, is the only place looked at.
    if let Some(path) = std::env::var_os("CHROMEDRIVER") {
        return Some(PathBuf::from(path)).filter(|p| p.is_file());
    }
    let on_path = std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .map(|dir| dir.join("chromedriver"));
    [PathBuf::from("/usr/bin/chromedriver")]
        .into_iter()
        .chain(on_path)
        .find(|p| p.is_file())
}

/// The Chromium binary, when it is not where chromedriver looks by itself.
fn chromium() -> Option<String> {
    if let Ok(path) = std::env::var("CHROME_BIN") {
        return Some(path);
    }
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .into_iter()
        .find(|p| std::path::Path::new(p).is_file())
        .map(str::to_string)
}

/// The chromedriver process; killed when dropped.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// Where screenshots go: `$CARGO_TARGET_DIR/screenshots`, else `target/screenshots`.
pub fn screenshot_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"));
    target.join("screenshots")
}

/// A browser signed in (or not) to a server of its own.
pub struct Session {
    pub app: TestApp,
    rt: tokio::runtime::Runtime,
    client: Client,
    _driver: Driver,
}

impl Session {
    fn start(chromedriver: &PathBuf) -> Session {
        let app = TestApp::start(Backend::Sqlite).expect("SQLite is always available");
        let port = free_port();
        let driver = Driver(
            Command::new(chromedriver)
                .arg(format!("--port={port}"))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("chromedriver starts"),
        );
        let deadline = Instant::now() + PATIENCE;
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "chromedriver did not listen on {port}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("tokio runtime");
        let mut options = json!({
            "args": [
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--window-size=1280,900",
                "--lang=en-US",
            ],
            "prefs": {"intl.accept_languages": "en-US,en"},
        });
        if let Some(binary) = chromium() {
            options["binary"] = Value::String(binary);
        }
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), json!("chrome"));
        caps.insert("goog:chromeOptions".into(), options);
        // Two crypto providers are compiled in, so rustls cannot choose one by itself.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = rt
            .block_on(
                ClientBuilder::rustls()
                    .expect("TLS set-up")
                    .capabilities(caps)
                    .connect(&format!("http://127.0.0.1:{port}")),
            )
            .expect("a Chromium session");
        Session {
            app,
            rt,
            client,
            _driver: driver,
        }
    }

    fn wd<T>(
        &self,
        what: &str,
        f: impl std::future::Future<Output = Result<T, fantoccini::error::CmdError>>,
    ) -> T {
        self.rt
            .block_on(f)
            .unwrap_or_else(|e| panic!("{what}: {e}\npage:\n{}", self.page_text_or_empty()))
    }

    fn page_text_or_empty(&self) -> String {
        self.rt
            .block_on(async {
                let body = self.client.find(Locator::Css("body")).await?;
                body.text().await
            })
            .unwrap_or_default()
    }

    /// The server's address followed by `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.app.base, path)
    }

    /// Opens a page of the server (`/admin/…`).
    pub fn goto(&self, path: &str) {
        let url = self.url(path);
        self.wd(&format!("open {url}"), self.client.goto(&url));
    }

    /// The path (and query) of the page shown.
    pub fn path(&self) -> String {
        let url = self.wd("current URL", self.client.current_url());
        match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_string(),
        }
    }

    /// The visible text of the page.
    pub fn page_text(&self) -> String {
        self.rt
            .block_on(async {
                let body = self.client.find(Locator::Css("body")).await?;
                body.text().await
            })
            .expect("page text")
    }

    #[track_caller]
    pub fn assert_text(&self, text: &str) {
        let page = self.page_text();
        assert!(page.contains(text), "page lacks {text:?}:\n{page}");
    }

    #[track_caller]
    pub fn assert_no_text(&self, text: &str) {
        let page = self.page_text();
        assert!(!page.contains(text), "page shows {text:?}:\n{page}");
    }

    /// Runs JavaScript in the page and returns its result.
    pub fn execute(&self, script: &str) -> Value {
        self.wd("script", self.client.execute(script, vec![]))
    }

    /// The text of an open alert, confirm or prompt dialog, if any.
    pub fn dialog(&self) -> Option<String> {
        self.rt.block_on(self.client.get_alert_text()).ok()
    }

    /// The input, select or textarea labelled `label`, else the first one named `label`.
    fn field(&self, label: &str) -> fantoccini::elements::Element {
        self.rt
            .block_on(async {
                let labels = self
                    .client
                    .find_all(Locator::XPath(&format!(
                        "//label[normalize-space()={}]",
                        xpath_literal(label)
                    )))
                    .await?;
                for l in labels {
                    if let Some(id) = l.attr("for").await? {
                        if let Ok(field) = self.client.find(Locator::Id(&id)).await {
                            return Ok(field);
                        }
                    }
                }
                self.client
                    .find(Locator::Css(&format!("[name={}]", css_string(label))))
                    .await
            })
            .unwrap_or_else(|e| {
                panic!(
                    "no field labelled or named {label:?} ({e}):\n{}",
                    self.page_text_or_empty()
                )
            })
    }

    /// Types `value` into the field labelled (or named) `label`, replacing what was there;
    /// chooses the option with that value for a select.
    pub fn fill(&self, label: &str, value: &str) {
        let field = self.field(label);
        self.wd(&format!("fill {label}"), async {
            if field.tag_name().await?.eq_ignore_ascii_case("select") {
                field.select_by_value(value).await
            } else {
                field.clear().await?;
                field.send_keys(value).await
            }
        });
    }

    /// The current value of the field labelled (or named) `label`.
    pub fn value(&self, label: &str) -> String {
        let field = self.field(label);
        self.wd("field value", field.prop("value"))
            .unwrap_or_default()
    }

    /// Types `value` into the last field labelled `label`: the row a person just added.
    pub fn fill_last(&self, label: &str, value: &str) {
        let xpath = format!("//label[normalize-space()={}]", xpath_literal(label));
        let labels = self.wd("find labels", self.client.find_all(Locator::XPath(&xpath)));
        let label_el = labels
            .last()
            .unwrap_or_else(|| panic!("no field labelled {label:?}:\n{}", self.page_text()));
        let id = self
            .wd("label target", label_el.attr("for"))
            .unwrap_or_else(|| panic!("the label {label:?} names no field"));
        let field = self.wd(&format!("field #{id}"), self.client.find(Locator::Id(&id)));
        self.wd(&format!("fill {label}"), async {
            field.clear().await?;
            field.send_keys(value).await
        });
    }

    /// Clicks the label showing `text`: ticks its checkbox or picks its radio button.
    pub fn choose(&self, text: &str) {
        let xpath = format!("//label[normalize-space()={}]", xpath_literal(text));
        let label = self.wd(
            &format!("find label {text:?}"),
            self.client.find(Locator::XPath(&xpath)),
        );
        self.wd(&format!("click label {text:?}"), label.click());
    }

    /// Whether the field labelled (or named) `label` is checked.
    pub fn is_checked(&self, label: &str) -> bool {
        let field = self.field(label);
        self.wd("checked", field.prop("checked")).as_deref() == Some("true")
    }

    /// Clicks the first button showing `text` that works in the page (no new page expected).
    pub fn press(&self, text: &str) {
        let xpath = format!("//main//button[normalize-space()={}]", xpath_literal(text));
        let button = self.wd(
            &format!("find button {text:?}"),
            self.client.find(Locator::XPath(&xpath)),
        );
        self.wd(&format!("click button {text:?}"), button.click());
    }

    /// Accepts the open confirm dialog and waits for the page it leads to.
    pub fn accept_dialog(&self) {
        self.wd("accept the dialog", self.client.accept_alert());
        let deadline = Instant::now() + PATIENCE;
        loop {
            let loaded = self.rt.block_on(self.client.execute(
                "return !window.__e2eOldPage && document.readyState === 'complete';",
                vec![],
            ));
            if matches!(loaded, Ok(Value::Bool(true))) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "no new page after accepting the dialog"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Clicks the first button showing `text` and waits for the page it leads to.
    pub fn click_button(&self, text: &str) {
        let xpath = format!(
            "(//main//button[normalize-space()={t}] | //header//button[normalize-space()={t}])",
            t = xpath_literal(text)
        );
        self.click_and_wait(&format!("button {text:?}"), Locator::XPath(&xpath));
    }

    /// Follows the first link showing `text` and waits for the page.
    pub fn click_link(&self, text: &str) {
        let xpath = format!("//a[normalize-space()={}]", xpath_literal(text));
        self.click_and_wait(&format!("link {text:?}"), Locator::XPath(&xpath));
    }

    fn click_and_wait(&self, what: &str, locator: Locator<'_>) {
        // A marker on the old document: it is gone once the next page has loaded.
        self.execute("window.__e2eOldPage = true; return null;");
        let element = self.wd(&format!("find {what}"), self.client.find(locator));
        self.wd(&format!("click {what}"), element.click());
        let deadline = Instant::now() + PATIENCE;
        loop {
            if self.dialog().is_some() {
                return;
            }
            let loaded = self.rt.block_on(self.client.execute(
                "return !window.__e2eOldPage && document.readyState === 'complete';",
                vec![],
            ));
            if matches!(loaded, Ok(Value::Bool(true))) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "no new page after clicking {what}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Signs in through the form; expects to land on an admin page.
    pub fn sign_in(&self, email: &str, password: &str) {
        self.goto("/admin/login");
        self.fill("Email", email);
        self.fill("Password", password);
        self.click_button("Sign in");
        let path = self.path();
        assert!(
            path.starts_with("/admin/") && !path.starts_with("/admin/login"),
            "sign-in as {email} stayed at {path}:\n{}",
            self.page_text()
        );
    }

    /// Creates a staff member with `role` and signs in as them; returns their email.
    pub fn sign_in_as(&self, role: &str) -> String {
        let email = format!("{role}-{}@staff.test", uuid::Uuid::new_v4().simple());
        self.app.staff(&email, role);
        self.sign_in(&email, STAFF_PASSWORD);
        email
    }

    /// Makes the window `width` × `height` CSS pixels (a phone: 390 wide).
    pub fn resize(&self, width: u32, height: u32) {
        self.wd("resize", self.client.set_window_size(width, height));
    }

    /// Goes back in history (the Back button) and waits for the page shown.
    pub fn back(&self) {
        self.navigate_and_wait("back", true);
    }

    /// Reloads the page (what a person's Reload does) and waits for it.
    pub fn reload(&self) {
        self.navigate_and_wait("reload", false);
    }

    fn navigate_and_wait(&self, what: &str, back: bool) {
        self.execute("window.__e2eOldPage = true; return null;");
        if back {
            self.wd(what, self.client.back());
        } else {
            self.wd(what, self.client.refresh());
        }
        let deadline = Instant::now() + PATIENCE;
        loop {
            // A page restored from the back/forward cache keeps the marker; one that reloads
            // itself then loses it.
            let loaded = self.rt.block_on(self.client.execute(
                "return document.readyState === 'complete' ? (window.__e2eOldPage ? 'old' : 'new') : 'loading';",
                vec![],
            ));
            match loaded {
                Ok(Value::String(s)) if s == "new" => return,
                Ok(Value::String(s)) if s == "old" && Instant::now() > deadline => return,
                _ => {}
            }
            assert!(
                Instant::now() < deadline + Duration::from_secs(1),
                "no page after {what}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Screenshots of the page at 1280 and at 390 px wide: `<name>-1280.png`, `<name>-390.png`.
    pub fn screenshots(&self, name: &str) {
        self.resize(1280, 900);
        self.screenshot(&format!("{name}-1280"));
        self.resize(390, 844);
        self.screenshot(&format!("{name}-390"));
        self.resize(1280, 900);
    }

    /// Saves a PNG of the visible page as `<target>/screenshots/<name>.png`.
    pub fn screenshot(&self, name: &str) -> PathBuf {
        let png = self.wd("screenshot", self.client.screenshot());
        let dir = screenshot_dir();
        std::fs::create_dir_all(&dir).expect("screenshot directory");
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png).expect("screenshot written");
        path
    }
}

impl Drop for Session {
    /// Ends the WebDriver session, so Chromium quits before chromedriver is killed.
    fn drop(&mut self) {
        let _ = self.rt.block_on(self.client.clone().close());
    }
}

/// `s` as an XPath string literal (XPath 1 has no escapes: split at double quotes).
fn xpath_literal(s: &str) -> String {
    if !s.contains('"') {
        format!("\"{s}\"")
    } else if !s.contains('\'') {
        format!("'{s}'")
    } else {
        let parts: Vec<String> = s.split('"').map(|p| format!("\"{p}\"")).collect();
        format!("concat({})", parts.join(", '\"', "))
    }
}

/// `s` as a CSS string.
fn css_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}
