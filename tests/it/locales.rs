//! The translators' tools: `locales check` on one fixture per kind of problem, `locales add`,
//! live reload, the message ids the app uses, and export/import of data translations.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use actioneer::i18n::catalog::{Catalog, Locales, Source};
use actioneer::i18n::check::{self, IssueKind, Report, Severity};
use actioneer::i18n::{add, reload};

use crate::both;
use crate::support::TestApp;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/locales").join(name)
}

fn check_fixture(name: &str) -> Report {
    check::check(&check::read_dir(&fixture(name)).unwrap())
}

#[track_caller]
fn only(report: &Report, kind: IssueKind) -> check::Issue {
    let found = report.of_kind(kind);
    assert_eq!(found.len(), 1, "{kind:?} in {}", report.text());
    found[0].clone()
}

#[test]
fn syntax_errors_are_reported_with_file_line_and_column() {
    let report = check_fixture("syntax");
    let issue = only(&report, IssueKind::Syntax);
    assert_eq!(
        (issue.lang.as_str(), issue.file.as_str()),
        ("de", "main.ftl")
    );
    assert_eq!((issue.line, issue.column), (3, 23), "{}", report.text());
    assert!(report.has_errors());
    assert!(
        report.text().contains("de/main.ftl:3:"),
        "{}",
        report.text()
    );
}

#[test]
fn missing_and_extra_messages_are_errors() {
    let missing = check_fixture("missing-id");
    let issue = only(&missing, IssueKind::MissingMessage);
    assert_eq!(issue.id.as_deref(), Some("bye"));
    assert_eq!(issue.severity, Severity::Error);

    let extra = check_fixture("extra-id");
    let issue = only(&extra, IssueKind::ExtraMessage);
    assert_eq!(issue.id.as_deref(), Some("stale"));
    assert_eq!(issue.line, 3);
    assert!(extra.has_errors());
}

#[test]
fn a_missing_attribute_is_an_error() {
    let report = check_fixture("missing-attribute");
    let issue = only(&report, IssueKind::MissingAttribute);
    assert_eq!(issue.id.as_deref(), Some("login.title"));
    assert!(report.has_errors());
}

#[test]
fn variables_are_compared_both_ways() {
    let report = check_fixture("variables");
    let unknown = only(&report, IssueKind::UnknownVariable);
    assert!(unknown.message.contains("$user"), "{}", unknown.message);
    let unused = only(&report, IssueKind::UnusedVariable);
    assert!(unused.message.contains("$name"), "{}", unused.message);
}

#[test]
fn plural_selectors_need_every_cldr_category_of_the_language() {
    let report = check_fixture("plural");
    let issue = only(&report, IssueKind::MissingPluralCategory);
    assert_eq!(issue.lang, "pl");
    assert!(
        issue.message.contains("few") && issue.message.contains("many"),
        "{}",
        issue.message
    );
    // Russian has one, few and many; `other` is the default variant's.
    assert!(
        report.issues.iter().all(|i| i.lang != "ru"),
        "{}",
        report.text()
    );
    let cats = check::plural_categories("ru").unwrap();
    assert!(cats.contains("few") && cats.contains("many"));
    assert_eq!(
        check::plural_categories("de")
            .unwrap()
            .into_iter()
            .collect::<Vec<_>>(),
        ["one", "other"]
    );
}

#[test]
fn values_identical_to_english_are_warnings_except_allowed_ones() {
    let report = check_fixture("identical");
    assert!(!report.has_errors(), "{}", report.text());
    let issue = only(&report, IssueKind::IdenticalToEnglish);
    assert_eq!(issue.id.as_deref(), Some("hello"));
    assert_eq!(issue.severity, Severity::Warning);
    let json: Value = serde_json::to_value(&report).unwrap();
    assert_eq!(json["errors"], 0);
    assert_eq!(json["warnings"], 1);
    assert_eq!(json["issues"][0]["kind"], "identical-to-english");
}

#[test]
fn the_repository_locales_have_no_errors() {
    let report = check::check(&check::read_dir(&root().join("locales")).unwrap());
    let errors: Vec<String> = report
        .issues
        .iter()
        .filter(|i| i.severity == Severity::Error)
        .map(|i| i.line_text())
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

fn copy_en(to: &Path) {
    let en = to.join("en");
    std::fs::create_dir_all(&en).unwrap();
    for entry in std::fs::read_dir(root().join("locales/en")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), en.join(entry.file_name())).unwrap();
    }
}

#[test]
fn an_added_locale_passes_the_check_with_untranslated_warnings_only() {
    let dir = tempfile::tempdir().unwrap();
    copy_en(dir.path());
    let (lang, files) = add::add_locale(dir.path(), "pl").unwrap();
    assert_eq!(lang, "pl");
    assert!(files.contains(&"ui.ftl".to_string()), "{files:?}");
    let report = check::check(&check::read_dir(dir.path()).unwrap());
    assert!(!report.has_errors(), "{}", report.text());
    assert!(
        !report.of_kind(IssueKind::IdenticalToEnglish).is_empty(),
        "{}",
        report.text()
    );
    let ui = std::fs::read_to_string(dir.path().join("pl/ui.ftl")).unwrap();
    assert!(ui.contains("TODO translate"), "{ui}");
    // Polish needs few and many for durations.
    let time = std::fs::read_to_string(dir.path().join("pl/time.ftl")).unwrap();
    assert!(time.contains("[few]") && time.contains("[many]"), "{time}");

    assert_eq!(
        add::add_locale(dir.path(), "pl"),
        Err(add::AddError::Exists("pl".into()))
    );
    for bad in ["polish", "p!", "", "de--DE"] {
        assert!(
            matches!(
                add::add_locale(dir.path(), bad),
                Err(add::AddError::InvalidTag(_))
            ),
            "{bad}"
        );
    }
    assert_eq!(add::canonical_tag("pt_br").unwrap(), "pt-BR");
}

/// Polls `f` for up to `limit`; returns whether it became true.
fn eventually(limit: Duration, f: impl Fn() -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        if f() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    f()
}

#[test]
fn a_changed_file_is_live_within_two_seconds_and_a_broken_one_keeps_its_last_good_version() {
    let dir = tempfile::tempdir().unwrap();
    let write = |lang: &str, text: &str| {
        std::fs::create_dir_all(dir.path().join(lang)).unwrap();
        std::fs::write(dir.path().join(lang).join("ui.ftl"), text).unwrap();
    };
    write("en", "hello = Hello\n");
    write("de", "hello = Hallo\n");
    let locales = Locales::new(Catalog::from_sources(Vec::<Source>::new()));
    let stop = Arc::new(AtomicBool::new(false));
    assert!(reload::start(&locales, dir.path(), stop.clone()));
    let say = |lang: &str| locales.current().format(lang, "hello", None);
    assert_eq!(say("de"), "Hallo");

    write("de", "hello = Servus\n");
    assert!(
        eventually(Duration::from_secs(2), || say("de") == "Servus"),
        "not reloaded within 2 s: {}",
        say("de")
    );

    write("de", "hello = Kaputt { $x $y }\n");
    assert!(
        eventually(Duration::from_secs(2), || !locales
            .current()
            .errors()
            .is_empty()),
        "the broken file was not noticed"
    );
    assert_eq!(say("de"), "Servus");
    let error = locales.current().errors()[0].clone();
    assert_eq!(
        (error.lang.as_str(), error.file.as_str(), error.line),
        ("de", "ui.ftl", 1)
    );

    write("de", "hello = Grüß Gott\n");
    assert!(eventually(Duration::from_secs(2), || say("de") == "Grüß Gott"));
    assert!(locales.current().errors().is_empty());
    stop.store(true, Ordering::Relaxed);
}

#[test]
fn the_cli_check_fails_on_a_broken_locale_and_passes_a_warning_only_one() {
    let run = |name: &str, format: &str| {
        Command::new(env!("CARGO_BIN_EXE_actioneer"))
            .args(["locales", "check", "--dir"])
            .arg(fixture(name))
            .args(["--format", format])
            .output()
            .unwrap()
    };
    let broken = run("syntax", "text");
    assert!(!broken.status.success());
    let out = String::from_utf8_lossy(&broken.stdout);
    assert!(out.contains("de/main.ftl:3:"), "{out}");

    let json = run("missing-id", "json");
    assert!(!json.status.success());
    let report: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(report["issues"][0]["kind"], "missing-message");
    assert_eq!(report["issues"][0]["id"], "bye");

    let fine = run("identical", "text");
    assert!(
        fine.status.success(),
        "{}",
        String::from_utf8_lossy(&fine.stdout)
    );
}

/// Message ids in `text` passed as literals to `t(`, `t1(`, `t2(` and `FormErrors::general(`.
fn ids_in(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for call in [".t(\"", ".t1(\"", ".t2(\""] {
        for (at, _) in text.match_indices(call) {
            let rest = &text[at + call.len()..];
            if let Some(end) = rest.find('"') {
                out.push(rest[..end].to_string());
            }
        }
    }
    for (at, _) in text.match_indices("FormErrors::general(") {
        let rest = &text[at..];
        let rest = &rest[..rest.find(';').unwrap_or(rest.len())];
        if let Some(start) = rest.find(", \"") {
            let rest = &rest[start + 3..];
            if let Some(end) = rest.find('"') {
                out.push(rest[..end].to_string());
            }
        }
    }
    // Ids named as string literals: notices and form errors.
    for family in ["\"notice-", "\"form-error-"] {
        for (at, _) in text.match_indices(family) {
            let rest = &text[at + 1..];
            if let Some(end) = rest.find('"') {
                let id = &rest[..end];
                if id.chars().all(|c| c.is_ascii_lowercase() || c == '-') && !id.ends_with('-') {
                    out.push(id.to_string());
                }
            }
        }
    }
    out.retain(|id| {
        !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.' || c == '_')
    });
    out
}

fn files_under(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_under(&path, ext, out);
        } else if path.extension().is_some_and(|x| x == ext) {
            out.push(path);
        }
    }
}

/// The ids generated at run time: `notice-<done>` for every notice `page.rs` lists.
fn runtime_ids() -> Vec<String> {
    let page = std::fs::read_to_string(root().join("src/web/page.rs")).unwrap();
    let start = page.find("const NOTICES").unwrap();
    let end = start + page[start..].find("];").unwrap();
    page[start..end]
        .split('"')
        .skip(1)
        .step_by(2)
        .map(|n| format!("notice-{n}"))
        .chain([
            "form-error-invalid".to_string(),
            "form-error-other-field".to_string(),
        ])
        .collect()
}

#[test]
fn every_message_id_the_app_uses_exists_in_every_locale() {
    let mut files = Vec::new();
    files_under(&root().join("templates"), "html", &mut files);
    files_under(&root().join("src/web"), "rs", &mut files);
    let mut used: Vec<(String, String)> = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let name = file.strip_prefix(root()).unwrap().display().to_string();
        for id in ids_in(&text) {
            used.push((id, name.clone()));
        }
    }
    for id in runtime_ids() {
        used.push((id, "src/web/page.rs (notices)".into()));
    }
    assert!(
        used.iter().any(|(id, _)| id == "nav-users"),
        "the scan finds nothing"
    );
    let sources = check::read_dir(&root().join("locales")).unwrap();
    let catalog = Catalog::from_sources(sources);
    let mut missing: Vec<String> = Vec::new();
    for lang in catalog.languages() {
        for (id, file) in &used {
            let message = id.split('.').next().unwrap_or(id);
            if !catalog.has(lang, message) {
                missing.push(format!("{lang}: {id} (used in {file})"));
            }
        }
    }
    missing.sort();
    missing.dedup();
    assert!(
        missing.is_empty(),
        "{} missing message id(s):\n{}",
        missing.len(),
        missing.join("\n")
    );
}

// ---- export / import of data translations through the CLI ----

fn cli(app: &TestApp, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_actioneer"))
        .args(args)
        .env("ACTIONEER_DATABASE_URL", &app.state.config.database_url)
        .env("ACTIONEER_LOG", "error")
        .output()
        .unwrap()
}

/// An action with options, a reason and an email template, each with translations.
fn arrange(app: &TestApp) -> (String, String, String) {
    let action = app.post(
        "/api/user-action",
        json!({"userAction": {"name": "Survey {x}", "localizedNames": {"de": "Umfrage {x}"},
            "options": [{"name": "Happy", "localizedNames": {"de": "Froh", "fr": "Content"}},
                        {"name": "Sad"}]}}),
    );
    let action = action.ok()["userAction"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let reason = app.post(
        "/api/user-action-reason",
        json!({"userActionReason": {"text": "Spam", "code": "SP",
            "localizedTexts": {"de": "Werbung", "es": "Correo basura"}}}),
    );
    let reason = reason.ok()["userActionReason"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let template = app.post(
        "/api/email/template",
        json!({"emailTemplate": {"name": "Notice",
            "defaultSubject": "About { $action }",
            "defaultHtmlTemplate": "<p>Hello { $firstName }</p>\n\n<p>{ $phase ->\n  [end] Over\n *[other] On\n}</p>",
            "defaultTextTemplate": "Hello { $firstName }\n\n  indented line\nbye",
            "localizedSubjects": {"de": "Zu { $action }"},
            "localizedHtmlTemplates": {"de": "<p>Hallo { $firstName }</p>\n\n<p>{ $phase ->\n  [end] Vorbei\n *[other] An\n}</p>"},
            "localizedTextTemplates": {"de": "Hallo { $firstName }\n\n  eingerückt\ntschüss"}}}),
    );
    let template = template.ok()["emailTemplate"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    (action, reason, template)
}

fn snapshot(app: &TestApp, ids: &(String, String, String)) -> Value {
    json!([
        app.get(&format!("/api/user-action/{}", ids.0)).ok().clone(),
        app.get(&format!("/api/user-action-reason/{}", ids.1))
            .ok()
            .clone(),
        app.get(&format!("/api/email/template/{}", ids.2))
            .ok()
            .clone(),
    ])
}

/// The snapshot without update instants (a restoring import is an update).
fn without_instants(mut v: Value) -> Value {
    fn strip(v: &mut Value) {
        match v {
            Value::Object(map) => {
                map.remove("lastUpdateInstant");
                map.values_mut().for_each(strip);
            }
            Value::Array(list) => list.iter_mut().for_each(strip),
            _ => {}
        }
    }
    strip(&mut v);
    v
}

both!(export_then_import_restores_the_data_translations, |app| {
    let ids = arrange(&app);
    let before = snapshot(&app, &ids);
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let out = cli(&app, &["locales", "export", "--dir", d]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let de = std::fs::read_to_string(dir.path().join("de.ftl")).unwrap();
    assert!(
        de.contains(&format!("action-{} = Umfrage {{\"{{\"}}x{{\"}}\"}}", ids.0)),
        "{de}"
    );
    assert!(de.contains(&format!("# option-{}-1 = Sad", ids.0)), "{de}");

    // Importing what was exported changes nothing.
    let same = cli(&app, &["locales", "import", "--dir", d]);
    assert!(
        same.status.success(),
        "{}",
        String::from_utf8_lossy(&same.stderr)
    );
    assert!(String::from_utf8_lossy(&same.stdout).contains("0 translation(s) changed"));
    assert_eq!(snapshot(&app, &ids), before);

    // Translations removed through the API come back from the files.
    app.put(
        &format!("/api/user-action/{}", ids.0),
        json!({"userAction": {"name": "Survey {x}", "sendEndEvent": false,
            "options": [{"name": "Happy"}, {"name": "Sad"}]}}),
    )
    .ok();
    app.put(
        &format!("/api/user-action-reason/{}", ids.1),
        json!({"userActionReason": {"text": "Spam", "code": "SP"}}),
    )
    .ok();
    let mut template =
        app.get(&format!("/api/email/template/{}", ids.2)).ok()["emailTemplate"].clone();
    for field in [
        "localizedSubjects",
        "localizedHtmlTemplates",
        "localizedTextTemplates",
    ] {
        template.as_object_mut().unwrap().remove(field);
    }
    app.put(
        &format!("/api/email/template/{}", ids.2),
        json!({"emailTemplate": template}),
    )
    .ok();
    assert_ne!(
        without_instants(snapshot(&app, &ids)),
        without_instants(before.clone())
    );

    let dry = cli(&app, &["locales", "import", "--dir", d, "--dry-run"]);
    assert!(
        dry.status.success(),
        "{}",
        String::from_utf8_lossy(&dry.stderr)
    );
    assert!(String::from_utf8_lossy(&dry.stdout).contains("would change"));
    assert_ne!(
        without_instants(snapshot(&app, &ids)),
        without_instants(before.clone())
    );

    let restore = cli(&app, &["locales", "import", "--dir", d]);
    assert!(
        restore.status.success(),
        "{}",
        String::from_utf8_lossy(&restore.stderr)
    );
    assert_eq!(
        without_instants(snapshot(&app, &ids)),
        without_instants(before)
    );
});

both!(
    an_import_with_an_unknown_id_or_a_bad_placeable_changes_nothing,
    |app| {
        let ids = arrange(&app);
        let before = snapshot(&app, &ids);
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().to_str().unwrap();
        assert!(cli(&app, &["locales", "export", "--dir", d])
            .status
            .success());
        let path = dir.path().join("de.ftl");
        let exported = std::fs::read_to_string(&path).unwrap();
        let reason_line = format!("reason-{} = Werbung", ids.1);
        assert!(exported.contains(&reason_line), "{exported}");

        // A valid change plus an unknown id.
        let unknown = exported.replace(&reason_line, &format!("reason-{} = Reklame", ids.1))
            + "\naction-00000000-0000-0000-0000-000000000000 = Nichts\n";
        std::fs::write(&path, &unknown).unwrap();
        let out = cli(&app, &["locales", "import", "--dir", d]);
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        let line = unknown
            .lines()
            .position(|l| l.starts_with("action-0000"))
            .unwrap()
            + 1;
        assert!(
            err.contains(&format!("de.ftl:{line}: action-00000000")),
            "{err}"
        );
        assert!(err.contains("nothing was changed"), "{err}");
        assert_eq!(snapshot(&app, &ids), before);

        // A valid change plus a subject using a variable the reference does not.
        let subject = format!("template-{}-subject = Zu {{ $action }}", ids.2);
        assert!(exported.contains(&subject), "{exported}");
        let bad = exported
            .replace(&reason_line, &format!("reason-{} = Reklame", ids.1))
            .replace(
                &subject,
                &format!("template-{}-subject = Zu {{ $reason }}", ids.2),
            );
        std::fs::write(&path, &bad).unwrap();
        let out = cli(&app, &["locales", "import", "--dir", d]);
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        let line = bad
            .lines()
            .position(|l| l.starts_with(&format!("template-{}-subject", ids.2)))
            .unwrap()
            + 1;
        assert!(
            err.contains(&format!("de.ftl:{line}:")) && err.contains("$reason"),
            "{err}"
        );
        assert_eq!(snapshot(&app, &ids), before);
    }
);
