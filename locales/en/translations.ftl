# The translations pages: progress per language, locale file errors, the data editor.

translations-title = Translations
translations-intro = How far each language is: interface texts come from the locale files, data (names of actions and options, reason texts, email templates) is translated here.
translations-file-errors = Locale file errors
translations-file-errors-hint = These files do not parse; the last good version of each is in use until they are fixed.
translations-no-languages = There is no language besides English yet.
translations-ui = Interface texts
translations-data = Data
translations-count = { $done } of { $total }
translations-missing-ui = { $count ->
    [one] { $count } interface text missing
   *[other] { $count } interface texts missing
}
translations-untranslated-ui = { $count ->
    [one] { $count } interface text still in English
   *[other] { $count } interface texts still in English
}
translations-missing-data = { $count ->
    [one] { $count } data text not translated
   *[other] { $count } data texts not translated
}
translations-edit-data = Translate data
translations-data-title = Data translations: { $lang }
translations-data-intro = The reference text is on the left. Leave a field empty to use the reference text. Email templates must use the same { "{ $variables }" } as the reference.
translations-not-saved = Nothing was saved: correct the fields marked below.
translations-no-data = There are no actions, reasons or email templates to translate yet.
translations-col-item = Item
translations-col-reference = Reference
translations-col-translation = Translation ({ $lang })
translations-field-label = Translation of { $item } “{ $text }”
translations-preview = Preview with sample values
translations-kind-action = Action
translations-kind-option = Option
translations-kind-reason = Reason
translations-kind-subject = Email subject
translations-kind-html = Email body (HTML)
translations-kind-text = Email body (text)
translations-problem-unknown-id = Nothing has this id.
translations-problem-unknown-variable = Uses { "{" } ${ $name } { "}" }, which the reference text does not.
translations-problem-missing-variable = Does not use { "{" } ${ $name } { "}" }, which the reference text does.
translations-problem-placeable = Only quoted text may stand in braces here.
translations-problem-syntax = Not a valid template: { $detail }
translations-problem-rejected = Not saved: { $detail }
translations-ui-title = Interface strings: { $lang }, { $file }
translations-ui-intro = Change the text on the right; the English is beside it. Saving checks the file as “locales check” does. When the server can write its locales directory the change shows at once; otherwise the file is offered as a download to put there.
translations-col-id = Message id
translations-ui-field-label = { $lang } text of { $id }
translations-ui-same = Rightly the same as in English
translations-edit-ui = Edit interface strings
translations-edit-ui-file = { $lang }: { $file }
