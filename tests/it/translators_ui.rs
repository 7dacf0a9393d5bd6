//! Translators edit interface strings in the browser: the English beside each one, the same
//! checks as `locales check`, the file written to the locales directory when it can be (else
//! offered as a download), and a value rightly the same as English counted as translated.

use std::path::{Path, PathBuf};

use crate::support::{Backend, TestApp};

/// A copy of the project's `locales/` to write into.
fn locales_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    for lang in std::fs::read_dir(&root).unwrap() {
        let lang = lang.unwrap();
        std::fs::create_dir_all(dir.path().join(lang.file_name())).unwrap();
        for file in std::fs::read_dir(lang.path()).unwrap() {
            let file = file.unwrap();
            std::fs::copy(
                file.path(),
                dir.path().join(lang.file_name()).join(file.file_name()),
            )
            .unwrap();
        }
    }
    dir
}

fn app_with(dir: PathBuf) -> TestApp {
    TestApp::start_with(Backend::Sqlite, |c| c.locales_dir = dir).expect("SQLite app")
}

#[test]
fn interface_strings_are_edited_checked_and_written() {
    let dir = locales_copy();
    let app = app_with(dir.path().to_path_buf());
    let translator = app.signed_in("translator");
    let file = dir.path().join("de/ui.ftl");

    let page = translator.get("/admin/translations/de/ui/ui.ftl");
    assert_eq!(page.status, 200, "{}", page.body);
    page.assert_has("<code>nav-users</code>");
    page.assert_has("<pre>Users</pre>");
    page.assert_has(">Benutzer</textarea>");
    // Each repeated field says which message it is for.
    page.assert_has("de text of nav-users");

    translator
        .post(
            "/admin/translations/de/ui/ui.ftl",
            &[("id", "nav-users"), ("value", "Nutzer")],
        )
        .redirects_to("/admin/translations/de/ui/ui.ftl?done=saved");
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(written.contains("\nnav-users = Nutzer\n"), "{written}");
    translator
        .get("/admin/translations/de/ui/ui.ftl")
        .assert_has(">Nutzer</textarea>");

    // What `locales check` calls an error is refused, and the file is left as it was.
    let refused = translator.post(
        "/admin/translations/de/ui/ui.ftl",
        &[("id", "nav-users"), ("value", "Nutzer { $wer }")],
    );
    assert_eq!(refused.status, 422, "{}", refused.body);
    refused.assert_has("$wer");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), written);

    // The English value kept: untranslated, listed with its English, until marked as right.
    translator
        .post(
            "/admin/translations/de/ui/ui.ftl",
            &[("id", "nav-users"), ("value", "Users")],
        )
        .redirects_to("/admin/translations/de/ui/ui.ftl?done=saved");
    let overview = translator.get("/admin/translations");
    overview.assert_has(r#"<code>nav-users</code> <span class="english" lang="en">Users</span>"#);
    translator
        .post(
            "/admin/translations/de/ui/ui.ftl",
            &[
                ("id", "nav-users"),
                ("value", "Users"),
                ("same", "nav-users"),
            ],
        )
        .redirects_to("/admin/translations/de/ui/ui.ftl?done=saved");
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(
        written.contains("# same-as-english\nnav-users = Users\n"),
        "{written}"
    );
    let overview = translator.get("/admin/translations");
    assert!(
        !overview.contains("<code>nav-users</code>"),
        "{}",
        overview.body
    );

    // Only a known file of a translated language.
    assert_eq!(
        translator.get("/admin/translations/de/ui/x.ftl").status,
        404
    );
    assert_eq!(
        translator.get("/admin/translations/en/ui/ui.ftl").status,
        404
    );
}

#[test]
fn without_a_writable_directory_the_file_is_offered_as_a_download() {
    let missing = tempfile::tempdir().unwrap().path().join("nowhere");
    let app = app_with(missing.clone());
    let translator = app.signed_in("translator");
    translator.get("/admin/translations/fr/ui/ui.ftl");
    let page = translator.post(
        "/admin/translations/fr/ui/ui.ftl",
        &[("id", "nav-users"), ("value", "Les utilisateurs")],
    );
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(
        page.content_type.starts_with("text/plain"),
        "{}",
        page.content_type
    );
    assert!(
        page.body.contains("\nnav-users = Les utilisateurs\n"),
        "{}",
        page.body
    );
    assert!(page.body.contains("nav-dashboard ="), "the whole file");
    assert!(!missing.exists());
}
