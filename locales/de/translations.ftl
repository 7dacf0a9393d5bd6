# Die Übersetzungsseiten: Fortschritt je Sprache, Fehler in Sprachdateien, der Dateneditor.

translations-title = Übersetzungen
translations-intro = Wie weit jede Sprache ist: Oberflächentexte stammen aus den Sprachdateien, Daten (Namen von Aktionen und Optionen, Begründungstexte, E-Mail-Vorlagen) werden hier übersetzt.
translations-file-errors = Fehler in Sprachdateien
translations-file-errors-hint = Diese Dateien lassen sich nicht lesen; bis sie korrigiert sind, gilt jeweils ihre letzte fehlerfreie Fassung.
translations-no-languages = Außer Englisch gibt es noch keine Sprache.
translations-ui = Oberflächentexte
translations-data = Daten
translations-count = { $done } von { $total }
translations-missing-ui = { $count ->
    [one] { $count } Oberflächentext fehlt
   *[other] { $count } Oberflächentexte fehlen
}
translations-untranslated-ui = { $count ->
    [one] { $count } Oberflächentext ist noch englisch
   *[other] { $count } Oberflächentexte sind noch englisch
}
translations-missing-data = { $count ->
    [one] { $count } Datentext ist nicht übersetzt
   *[other] { $count } Datentexte sind nicht übersetzt
}
translations-edit-data = Daten übersetzen
translations-data-title = Datenübersetzungen: { $lang }
translations-data-intro = Links steht der Referenztext. Ein leeres Feld bedeutet: der Referenztext gilt. E-Mail-Vorlagen müssen dieselben { "{ $variables }" } verwenden wie die Referenz.
translations-not-saved = Nichts wurde gespeichert: Bitte die markierten Felder korrigieren.
translations-no-data = Es gibt noch keine Aktionen, Begründungen oder E-Mail-Vorlagen zum Übersetzen.
translations-col-item = Eintrag
translations-col-reference = Referenz
translations-col-translation = Übersetzung ({ $lang })
translations-field-label = Übersetzung von { $item } „{ $text }“
translations-preview = Vorschau mit Beispielwerten
translations-kind-action = Aktion
translations-kind-option = Auswahl
translations-kind-reason = Begründung
translations-kind-subject = E-Mail-Betreff
translations-kind-html = E-Mail-Text (HTML)
translations-kind-text = E-Mail-Text (Klartext)
translations-problem-unknown-id = Zu dieser Kennung gibt es nichts.
translations-problem-unknown-variable = Verwendet { "{" } ${ $name } { "}" }, das im Referenztext nicht vorkommt.
translations-problem-missing-variable = Verwendet { "{" } ${ $name } { "}" } nicht, das im Referenztext vorkommt.
translations-problem-placeable = In geschweiften Klammern ist hier nur Text in Anführungszeichen erlaubt.
translations-problem-syntax = Keine gültige Vorlage: { $detail }
translations-problem-rejected = Nicht gespeichert: { $detail }
translations-ui-title = Oberflächentexte: { $lang }, { $file }
translations-ui-intro = Ändern Sie den Text rechts; das Englische steht daneben. Beim Speichern wird die Datei wie mit „locales check“ geprüft. Kann der Server sein Locale-Verzeichnis beschreiben, wirkt die Änderung sofort; sonst wird die Datei zum Herunterladen angeboten.
translations-col-id = Meldungs-ID
translations-ui-field-label = { $lang }-Text von { $id }
translations-ui-same = Zu Recht wie im Englischen
translations-edit-ui = Oberflächentexte bearbeiten
translations-edit-ui-file = { $lang }: { $file }
