reasons-title = Gründe
reasons-new = Neuer Grund
reasons-edit = Grund bearbeiten
reasons-empty = Noch keine Gründe.
reasons-text = Text
reasons-code = Code
reasons-languages = Übersetzungen
reasons-delete-title = Grund löschen
reasons-delete-confirm = Den Grund „{ $text }“ löschen? Damit ausgeführte Aktionen bleiben erhalten, ohne Grund.

actions-title = Aktionen
actions-inactive-title = Inaktive Aktionen
actions-new = Neue Aktion
actions-edit = Aktion bearbeiten
actions-tabs-label = Listen der Aktionen
actions-tab-active = Aktiv
actions-tab-inactive = Inaktiv
actions-empty = Noch keine Aktionen.
actions-inactive-empty = Keine inaktiven Aktionen.
actions-name = Name
actions-kind = Art
actions-kind-temporal = Befristet
actions-kind-instantaneous = Einmalig
actions-prevent-login = Sperrt die Anmeldung
actions-options = Optionen
actions-options-count = { $count ->
    [0] Keine
    [one] { $count } Option
   *[other] { $count } Optionen
}
actions-languages = Übersetzungen
actions-tenants = Mandanten
actions-tenants-all = Alle Mandanten
actions-deactivate = Deaktivieren
actions-reactivate = Reaktivieren
actions-deactivate-confirm = Diese Aktion deaktivieren? Sie kann dann nicht mehr angewendet werden; bereits ausgeführte Aktionen bleiben in Kraft.
actions-inactive-notice = Diese Aktion ist inaktiv: Sie kann weder angewendet noch geändert werden. Reaktivieren Sie sie, um sie zu bearbeiten.

actions-field-name = Name
actions-behaviour-legend = Verhalten
actions-field-temporal = Befristet: gilt, bis sie abläuft oder aufgehoben wird
actions-field-prevent-login = Sperrt die Anmeldung des Benutzers, solange sie gilt
actions-field-prevent-login-hint = Nur befristete Aktionen können die Anmeldung sperren.
actions-field-send-end-event = Bei Ablauf ein Ereignis senden
actions-field-send-end-event-hint = Nur befristete Aktionen laufen ab; eine neue einmalige Aktion sendet nie ein Ablauf-Ereignis.
actions-field-user-notifications = Benutzer dürfen benachrichtigt werden
actions-emails-legend = E-Mails
actions-field-user-emailing = Benutzer dürfen per E-Mail informiert werden
actions-field-include-email = Die E-Mail in das JSON des Ereignisses aufnehmen
actions-template-start = E-Mail-Vorlage bei Anwendung
actions-template-modify = E-Mail-Vorlage bei Änderung
actions-template-cancel = E-Mail-Vorlage bei Aufhebung
actions-template-end = E-Mail-Vorlage bei Ablauf
actions-template-none = Keine
actions-template-temporal-hint = Die Vorlagen für Änderung, Aufhebung und Ablauf gelten nur für befristete Aktionen.
actions-localized-legend = Übersetzungen des Namens
actions-localized-add = Sprache hinzufügen
actions-options-legend = Optionen
actions-options-hint = Nur einmalige Aktionen haben Optionen, etwa die Antworten einer Umfrage. Leeren Sie eine Zeile, um sie zu entfernen.
actions-option-name = Option
actions-option-localized = Übersetzungen der Option
actions-option-localized-hint = Übersetzungen: eine pro Zeile, ein Sprachkürzel, ein Gleichheitszeichen, dann der Name. Zum Beispiel: de = Glücklich
actions-option-add = Option hinzufügen
actions-tenants-legend = Mandanten
actions-tenants-every = Alle Mandanten
actions-tenants-chosen = Nur die unten angekreuzten Mandanten
actions-transaction-type = Transaktionstyp
actions-transaction-type-hint = Nur zur Kompatibilität mit FusionAuth vorhanden; hat keine Wirkung.

actions-delete-title = Aktion löschen
actions-delete-confirm = Die Aktion „{ $name }“ endgültig löschen?
actions-delete-instances = { $count ->
    [0] Sie wurde noch nie auf einen Benutzer angewendet.
    [one] Damit wird auch die { $count } Anwendung auf einen Benutzer gelöscht.
   *[other] Damit werden auch die { $count } Anwendungen auf Benutzer gelöscht.
}
actions-delete-hint = Um festzuhalten, was getan wurde, deaktivieren Sie die Aktion stattdessen.
actions-deactivate-instead = Stattdessen deaktivieren

actions-error-prevent-login = Nur eine befristete Aktion kann die Anmeldung sperren.
actions-error-name-inactive = Eine inaktive Aktion trägt diesen Namen; reaktivieren Sie stattdessen diese.
actions-error-name-duplicate = Eine andere Aktion trägt diesen Namen.
actions-error-locale = Ein Sprachkürzel ist ungültig; verwenden Sie Kürzel wie de oder fr-CA.
actions-error-locale-duplicate = Eine Sprache ist doppelt aufgeführt.
actions-error-localized-blank = Jede Sprache braucht einen Namen.
actions-error-options-temporal = Eine befristete Aktion kann keine Optionen haben.
actions-error-option-blank = Jede Option braucht einen Namen und jede Übersetzung einer Option einen Text.
actions-error-option-duplicate = Zwei Optionen haben denselben Namen, oder eine Option führt eine Sprache doppelt auf.
actions-error-option-locale = Ein Sprachkürzel einer Option ist ungültig; verwenden Sie Kürzel wie de oder fr-CA.
actions-error-option-too-long = Ein Optionsname oder eine Übersetzung ist länger als 191 Zeichen.
actions-error-start-template = Um Benutzer per E-Mail zu informieren oder die E-Mail in Ereignisse aufzunehmen, braucht es eine E-Mail-Vorlage für die Anwendung.
actions-error-template-unknown = Diese E-Mail-Vorlage gibt es nicht mehr.
actions-error-tenant-unknown = Ein gewählter Mandant existiert nicht mehr.
actions-error-tenants-none = Kreuzen Sie mindestens einen Mandanten an oder wählen Sie alle Mandanten.
actions-error-inactive = Diese Aktion ist inaktiv; reaktivieren Sie sie, bevor Sie sie ändern.
actions-error-id-taken = Eine Aktion mit dieser ID existiert bereits.

## Über den Lebenszyklus von FusionAuth hinaus: Arten, geplante Starts, Erinnerungen, Eskalation
kind-penalty = Strafe
kind-entitlement = Berechtigung
kind-survey = Umfrage
kind-other = Sonstiges
kind-label = Art
instances-state-scheduled = Geplant
emails-phase-reminder = Erinnerung
lifecycle-scheduled-heading = Geplanter Start
lifecycle-starts-at = Beginnt { $instant }
lifecycle-reminders-heading = Erinnerungen vor dem Ende
lifecycle-reminder-before = { $duration } vor Ablauf
lifecycle-reminders-none = Keine Erinnerungen.
lifecycle-escalation-heading = Eskalation
lifecycle-escalation-step = Stufe { $step } der Leiter: { $duration }
lifecycle-escalation-permanent = dauerhaft

## The definition and reason forms: kind, reminders and the escalation ladder
actions-kind-from-shape = Aus den Einstellungen (verhindert Anmeldung: Strafe; Optionen: Umfrage; sonst Sonstiges)
actions-kind-hint = Seiten und Suchen halten Strafen und Berechtigungen auseinander, damit ein abgelaufenes Abo nie wie eine Strafe aussieht.
actions-reminders-hint = Nur für befristete Aktionen: so lange vor dem Ende ein Erinnerungsereignis und, wenn eine Vorlage gewählt ist, eine E-Mail. Leeren Sie eine Zeile, um sie zu entfernen.
actions-reminder-before = Zeit vor dem Ende
actions-duration-unit = Einheit
actions-reminder-template = E-Mail-Vorlage der Erinnerung
actions-reminder-add = Erinnerung hinzufügen
actions-row-remove = Entfernen
actions-escalation-hint = Nur für befristete Strafen: Eine Anwendung mit „eskalieren“ gibt die nächste Stufe, gezählt aus den früheren Aktionen des Benutzers im Zeitraum; stornierte zählen nicht.
actions-escalation-window = Gezählt über
actions-escalation-window-unit = Einheit des Zeitraums
actions-escalation-step = Dauer der Stufe
actions-escalation-steps-hint = Die erste Zeile ist die erste Stufe; die letzte Stufe gilt für alle weiteren. Leeren Sie eine Zeile, um sie zu entfernen.
actions-escalation-add = Stufe hinzufügen
lifecycle-unit-weeks = Wochen
lifecycle-unit-days = Tage
lifecycle-unit-hours = Stunden
lifecycle-unit-minutes = Minuten
lifecycle-unit-seconds = Sekunden
actions-error-kind = Wählen Sie Strafe, Berechtigung, Umfrage oder Sonstiges.
actions-error-reminders-temporal = Nur eine befristete Aktion kann vor ihrem Ende erinnern.
actions-error-reminders-too-many = Eine Aktion hat höchstens 10 Erinnerungen.
actions-error-reminder-duplicate = Zwei Erinnerungen liegen zur selben Zeit vor dem Ende.
actions-error-escalation-penalty = Nur eine befristete Aktion der Art Strafe kann eskalieren.
actions-error-escalation-steps = Fügen Sie mindestens eine Stufe hinzu.
actions-error-escalation-too-many = Eine Leiter hat höchstens 20 Stufen.
actions-error-duration-positive = Geben Sie eine ganze Zahl größer als null ein.
reasons-escalation-hint = Optional. Eine eskalierende Anwendung mit diesem Grund steigt diese Leiter statt der der Aktion hinauf und zählt die früheren Aktionen des Benutzers mit diesem Grund.
reasons-error-locale-twice = Eine Sprache steht zweimal da; behalten Sie eine Zeile je Sprache.
actions-error-lifecycle-below = Nichts wurde gespeichert: Korrigieren Sie die unten markierte Art, Erinnerung oder Eskalation.
reasons-escalation-summary = { $steps ->
    [one] Eine Stufe über { $window }
   *[other] { $steps } Stufen über { $window }
}
