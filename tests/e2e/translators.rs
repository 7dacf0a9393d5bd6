//! Translators in the browser: each missing or untranslated interface string beside its English,
//! the interface strings of a file edited in a table whose fields say which message they are for,
//! and a value `locales check` would refuse shown again with the problem (nothing written).

use std::path::Path;

use crate::flow;

flow!(
    a_translator_edits_interface_strings_and_sees_problems,
    |s| {
        let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales/de/ui.ftl");
        let before = std::fs::read_to_string(&file).unwrap();
        s.sign_in_as("translator");
        s.click_link("Translations");
        s.screenshots("translations-overview");
        s.goto("/admin/translations/de/ui/ui.ftl");
        s.assert_text("nav-users");
        s.assert_text("Benutzer");
        assert_eq!(s.value("de text of nav-users"), "Benutzer");
        s.screenshots("translations-ui-editor");

        s.fill("de text of nav-users", "Benutzer { $wer }");
        s.click_button("Save");
        s.assert_text("Nothing was saved: correct the fields marked below.");
        s.assert_text("$wer");
        assert_eq!(s.value("de text of nav-users"), "Benutzer { $wer }");
        s.screenshots("translations-ui-refused");
        assert_eq!(std::fs::read_to_string(&file).unwrap(), before);
    }
);
