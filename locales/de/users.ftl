# Benutzer: Suche, Seite eines Benutzers (Angaben, laufende Aktionen, Verlauf), Aktionen anwenden und ändern.

users-title = Benutzer
users-search-label = E-Mail, Name oder ID
users-search-hint = Ein Teil einer E-Mail-Adresse oder eines Namens (Vor-, Nach- oder vollständiger Name) oder die genaue ID eines Benutzers. Alle Mandanten werden durchsucht.
users-none-found = Kein Benutzer passt.
users-found = { $count ->
    [one] Ein Benutzer gefunden.
   *[other] { $count } Benutzer gefunden.
}
users-page-of = Seite { $page } von { $pages }.
users-pages = Ergebnisseiten

users-email = E-Mail
users-name = Name
users-id = ID
users-tenant = Mandant
users-languages = Bevorzugte Sprachen
users-time-zone = Zeitzone
users-active = Aktiv
users-last-login = Letzte Anmeldung
users-never = Nie
users-back-to-search = Zurück zur Suche
users-back-to-user = Zurück zu { $user }
users-details = Angaben
users-person = { $name } ({ $email })
users-actioneer = Actioneer

users-current = Laufende Aktionen
users-current-empty = Für diesen Benutzer läuft keine Aktion.
users-col-action = Aktion
users-col-reason = Grund
users-col-expiry = Ablauf
users-col-applied-by = Angewendet von
users-col-comment = Kommentar
users-remaining = noch { $duration }
users-change = Ändern
users-cancel-comment = Kommentar zum Abbruch
users-cancel-confirm = Diese Aktion jetzt abbrechen?
users-cancel-submit = Aktion abbrechen

users-apply = Aktion anwenden
users-apply-none = Im Mandanten dieses Benutzers ist keine aktive Aktion verfügbar.
users-apply-action = Aktion
users-apply-choose = Aktion wählen …
users-apply-temporal = { $name } (bis zum Ablauf)
users-apply-option = Option
users-apply-option-none = Keine Option
users-apply-option-hint = Nur für sofortige Aktionen mit Optionen.
users-apply-reason = Grund
users-apply-reason-none = Kein Grund
users-comment = Kommentar
users-expiry = Ablauf
users-expiry-at = Endet am
users-expiry-hint = Nur für Aktionen, die bis zu einem Ablauf gelten. Zeiten in Ihrer Zeitzone ({ $zone }). Ein hier eingegebenes Datum hat Vorrang vor einer unten gewählten Dauer.
users-preset-legend = Oder eine Dauer ab jetzt wählen
users-preset-1d = 1 Tag
users-preset-7d = 7 Tage
users-preset-30d = 30 Tage
users-preset-forever = Unbegrenzt
users-preset-keep = Bisherigen Ablauf behalten
users-shift-legend = Oder den bisherigen Ablauf verschieben
users-preset-ext-1d = 1 Tag später
users-preset-ext-7d = 7 Tage später
users-preset-ext-30d = 30 Tage später
users-preset-cut-1d = 1 Tag früher
users-preset-cut-7d = 7 Tage früher
users-email-user = Benutzer per E-Mail informieren
users-notify-user = Benutzer benachrichtigen
users-apply-submit = Anwenden

users-history = Verlauf
users-history-empty = Mit diesem Benutzer ist noch nichts geschehen.
users-step-applied = Angewendet
users-step-instant = Angewendet (sofortig)
users-step-modified = Geändert
users-step-cancelled = Abgebrochen
users-step-ended = Abgelaufen
users-step-by = von { $who }
users-step-until = Bis { $expiry }
users-step-expiry-change = Ablauf: { $old } → { $new }
users-step-was-until = Sollte enden am { $expiry }
users-step-reason = Grund: { $reason }
users-step-option = Option: { $option }
users-step-comment = Kommentar: { $comment }

users-change-title = Ändern: { $action }
users-change-now = Aktueller Stand
users-change-heading = Ablauf oder Kommentar ändern
users-change-comment-hint = Der Kommentar, wie er nach dem Speichern lautet; leeren Sie ihn, um ihn zu entfernen.
users-change-submit = Änderungen speichern
users-change-leave = Zurück ohne zu speichern
users-change-expiry-hint = Zeiten in Ihrer Zeitzone ({ $zone }). Das Feld zeigt, wann die Aktion jetzt endet: Geben Sie ein anderes Datum ein, oder lassen Sie es stehen und wählen Sie unten.
users-cancel-heading = Aktion abbrechen
users-not-running = Diese Aktion läuft nicht mehr: Sie kann weder geändert noch abgebrochen werden.

users-stale = Diese Aktion wurde geändert, nachdem Sie diese Seite geöffnet haben. Nichts wurde gespeichert.
users-stale-hint = Die Seite zeigt die Aktion jetzt im aktuellen Stand. Prüfen Sie Ihre Änderung und speichern Sie erneut, falls sie noch gewünscht ist.
users-stale-line = { $who }: { $what }
users-stale-expiry = hat das Ende von { $before } auf { $after } verschoben
users-stale-comment = hat den Kommentar auf „{ $comment }“ gesetzt
users-stale-cancelled = hat sie abgebrochen
users-email-unavailable = Für den Mandanten dieses Benutzers und für diesen Server ist kein SMTP-Server eingerichtet: „Benutzer per E-Mail informieren“ sendet nichts.

## Kinds, scheduled starts, escalation and staff notes on the user's page
users-kind-penalty = Strafen
users-kind-entitlement = Berechtigungen
users-kind-survey = Umfragen
users-kind-other = Andere Aktionen
users-col-start = Beginnt
users-change-scheduled = Ändern oder abbrechen
users-start = Beginn
users-start-at = Beginnt am
users-start-hint = Nur für Aktionen, die bis zu einem Ablauf gelten. Leer lassen, um sofort zu beginnen; ein Zeitpunkt in der Zukunft plant die Aktion, und die Dauern unten zählen ab diesem. Zeiten in Ihrer Zeitzone ({ $zone }).
users-change-start-hint = Die Aktion hat noch nicht begonnen. Geben Sie einen anderen Zeitpunkt ein, um den Beginn zu verschieben ({ $zone }), oder brechen Sie sie unten vor dem Beginn ab.
users-escalate = Eskalieren: Dauer aus der Stufenfolge der Aktion nehmen
users-escalate-hint = Lassen Sie den Ablauf leer: Die Stufe wird aus der Vorgeschichte dieses Benutzers bestimmt, und Sie sehen sie, bevor etwas angewendet wird.
users-escalate-preview = Anzuwendende Stufe
users-escalate-confirm-hint = Noch wurde nichts angewendet. Prüfen Sie die Stufe und bestätigen Sie.
users-escalate-confirm = Bestätigen und anwenden
users-notes = Interne Notizen
users-notes-empty = Noch keine interne Notiz.
users-note = Interne Notiz
users-note-hint = Nur Mitarbeitende sehen Notizen: Sie werden nie an den Benutzer, an Webhooks oder an API-Clients gesendet.
users-note-submit = Notiz hinzufügen
users-note-delete = Notiz löschen
users-note-delete-confirm = Diese Notiz löschen?
users-step-note = Interne Notiz
users-change-heading-scheduled = Beginn, Ablauf oder Kommentar ändern
