# Betrieb: Webhooks und ihr Zustellprotokoll, E-Mail-Vorlagen.

## Webhooks

webhooks-title = Webhooks
webhooks-new = Neuer Webhook
webhooks-edit = Webhook bearbeiten
webhooks-empty = Noch keine Webhooks. Ein Webhook erhält ein user.action-Ereignis, wenn eine Aktion angewendet, geändert, aufgehoben wird oder endet.
webhooks-url = URL
webhooks-url-hint = Eine absolute Adresse, die mit http:// oder https:// beginnt.
webhooks-description = Beschreibung
webhooks-connect-timeout = Verbindungs-Timeout (Millisekunden)
webhooks-read-timeout = Lese-Timeout (Millisekunden)
webhooks-scope = Mandanten
webhooks-global = Alle Mandanten
webhooks-global-label = Für alle Mandanten
webhooks-no-tenants = Kein Mandant
webhooks-tenants-hint = Ohne „Für alle Mandanten“ werden nur die Ereignisse der unten angekreuzten Mandanten gesendet.
webhooks-events = Ereignisse
webhooks-user-action-enabled = user.action-Ereignisse senden
webhooks-user-action-on = user.action
webhooks-user-action-off = Aus
webhooks-routing = Aktionen
webhooks-routing-all = Alle Aktionen
webhooks-routing-hint = Kreuzen Sie die Aktionen an, deren Ereignisse an diesen Webhook gehen. Keine angekreuzt: die Ereignisse aller Aktionen.
webhooks-no-actions = Es gibt noch keine Aktionen.
webhooks-headers = Eigene Header
webhooks-header-name = Header-Name
webhooks-header-value = Wert
webhooks-header-add = Header hinzufügen
webhooks-headers-hint = Werden mit jeder Anfrage gesendet. Namen bestehen nur aus Buchstaben, Ziffern und - _ .; Content-Type, Content-Length, Host, X-FusionAuth-Signature-JWT und webhook-… setzt Actioneer selbst. Werte dürfen keine Zeilenumbrüche enthalten. Eine leere Zeile wird entfernt.
webhooks-auth = HTTP-Basic-Authentifizierung
webhooks-auth-username = Benutzername
webhooks-auth-password = Passwort
webhooks-auth-password-kept = Ein Passwort ist gespeichert. Lassen Sie das Feld leer, um es zu behalten.
webhooks-auth-password-none = Es ist kein Passwort gespeichert.
webhooks-auth-password-remove = Gespeichertes Passwort entfernen (ein oben eingegebenes Passwort ersetzt es stattdessen)
webhooks-signing = Signatur (X-FusionAuth-Signature-JWT)
webhooks-signing-key = Signaturschlüssel
webhooks-signing-none = Keine JWT-Signatur
webhooks-signing-hint = Ein HMAC-Schlüssel aus den Schlüssel-Einstellungen. Die Standard-Webhooks-Signatur unten wird in jedem Fall gesendet.
webhooks-secret = Signaturgeheimnis (Standard Webhooks)
webhooks-secret-hint = Empfänger prüfen den Header webhook-signature mit diesem Geheimnis. Halten Sie es vertraulich.
webhooks-secret-regenerate = Neues Geheimnis erzeugen
webhooks-secret-confirm = Empfänger, die Signaturen prüfen, lehnen Ereignisse ab, bis sie das neue Geheimnis haben. Fortfahren?
webhooks-send-test = Testereignis senden
webhooks-health = Zustellungen
webhooks-health-none = Noch keine
webhooks-health-ok = { $count ->
    [one] Die letzte Zustellung war erfolgreich
   *[other] Die letzten { $count } Zustellungen waren erfolgreich oder laufen
}
webhooks-health-failed = { $count ->
    [one] 1 fehlgeschlagen
   *[other] { $count } fehlgeschlagen
} (von den letzten { $sampled })
webhooks-health-retrying = { $count ->
    [one] 1 wartet auf einen neuen Versuch
   *[other] { $count } warten auf einen neuen Versuch
}
webhooks-delete-title = Webhook löschen
webhooks-delete-confirm = Den Webhook { $url } löschen? Sein Zustellprotokoll wird mit gelöscht.

webhooks-deliveries = Zustellprotokoll
webhooks-deliveries-all = Zustellungen aller Webhooks
webhooks-deliveries-title = Webhook-Zustellungen
webhooks-deliveries-empty = Keine Zustellungen.
webhooks-deliveries-count = { $count ->
    [one] 1 Zustellung
   *[other] { $count } Zustellungen
}
webhooks-delivery-title = Zustellung
webhooks-created = Erfasst
webhooks-event = Ereignis
webhooks-event-result = Ergebnis des Ereignisses (alle Webhooks)
webhooks-event-running = Läuft
webhooks-status = Status
webhooks-status-any = Jeder Status
webhooks-status-pending = Ausstehend
webhooks-status-succeeded = Zugestellt
webhooks-status-failed = Fehlgeschlagen
webhooks-attempts = Versuche
webhooks-next-attempt = Nächster Versuch
webhooks-last-error = Letzter Fehler
webhooks-attempts-heading = { $count ->
    [one] 1 Versuch
   *[other] { $count } Versuche
}
webhooks-attempts-none = Noch nicht versucht.
webhooks-attempt-time = Zeit
webhooks-attempt-status = HTTP-Status
webhooks-attempt-error = Fehler
webhooks-attempt-duration = Dauer
webhooks-attempt-no-answer = Keine Antwort
webhooks-attempt-ok = Zugestellt
webhooks-ms = { $ms } ms
webhooks-payload = Gesendeter Inhalt
webhooks-replay = Erneut zustellen
webhooks-replay-not-failed = Nur eine fehlgeschlagene Zustellung kann erneut zugestellt werden.

## E-Mail-Vorlagen

templates-title = E-Mail-Vorlagen
templates-new = Neue E-Mail-Vorlage
templates-edit = E-Mail-Vorlage bearbeiten
templates-empty = Noch keine E-Mail-Vorlagen. Aktionen benutzen sie, um die betroffene Person per E-Mail zu benachrichtigen.
templates-name = Name
templates-subject = Betreff
templates-html = HTML-Text
templates-text = Nur-Text
templates-from-email = Absenderadresse
templates-from-name = Absendername
templates-languages = Übersetzungen
templates-fluent-hint = Betreff und Texte sind Fluent-Muster: Variablen schreibt man als { "{ $firstName }" }, eine geschweifte Klammer als { "{\"{\"}" }.
templates-variables-hint = Variablen: $action, $actionName, $option, $reason, $reasonCode, $comment, $expiry, $duration, $phase, $firstName, $lastName, $fullName, $email, $username, $tenant, $baseUrl.
templates-parse-error = Die Vorlage funktioniert nicht: { $problem }.
templates-localized = Übersetzungen
templates-localized-hint = Eine Zeile pro Sprache (ein Kürzel wie de oder fr-CA). Ein leerer Teil verwendet den Standard oben. Eine leere Zeile wird entfernt.
templates-localized-add = Sprache hinzufügen
templates-row-language-missing = Jede Übersetzungszeile braucht eine Sprache.
templates-language-default = Standardteile
templates-preview = Vorschau
templates-preview-language = Sprache
templates-preview-heading = Vorschau
templates-preview-hint = Mit Beispielwerten für Jane Doe erzeugt, nicht gespeichert. Der HTML-Text wird als Quelltext gezeigt.
templates-html-source = HTML-Text (Quelltext)
templates-test-heading = Test-E-Mail senden
templates-test-hint = Die gespeicherte Vorlage wird mit den Beispielwerten erzeugt, in die Warteschlange gestellt und wie jede E-Mail gesendet.
templates-test-to = Empfänger
templates-test-send = Test-E-Mail senden
templates-test-no-smtp = Es ist kein SMTP-Server eingerichtet (ACTIONEER_SMTP_URL), daher können keine Test-E-Mails gesendet werden.
templates-delete-title = E-Mail-Vorlage löschen
templates-delete-confirm = Die E-Mail-Vorlage { $name } löschen?
templates-delete-in-use = Diese Vorlage wird noch von einer Aktion verwendet. Wählen Sie für diese Aktion zuerst eine andere Vorlage.

## Mit den Vorlagen gesendete E-Mails

emails-title = E-Mails
emails-tabs-label = E-Mail-Vorlagen und gesendete E-Mails
emails-tab-templates = Vorlagen
emails-tab-emails = Gesendete E-Mails
emails-empty = Keine E-Mails.
emails-count = { $count ->
    [one] 1 E-Mail
   *[other] { $count } E-Mails
}
emails-detail-title = E-Mail
emails-created = Eingereiht
emails-from = Von
emails-to = An
emails-subject = Betreff
emails-action = Aktion
emails-action-none = Keine Aktion
emails-phase-start = Angewendet
emails-phase-modify = Geändert
emails-phase-cancel = Abgebrochen
emails-phase-end = Beendet
emails-status = Status
emails-status-any = Jeder Status
emails-status-pending = Ausstehend
emails-status-sent = Gesendet
emails-status-failed = Fehlgeschlagen
emails-attempts = Versuche
emails-next-attempt = Nächster Versuch
emails-next-attempt-at = nächster Versuch { $time }
emails-last-error = Letzter Fehler
emails-attempt-sent = Gesendet
emails-text = Textteil
emails-html = HTML-Teil (Quelltext)
emails-html-hint = Der HTML-Teil wird als Quelltext gezeigt, nicht dargestellt.
emails-replay = Erneut senden
emails-replay-not-failed = Nur eine fehlgeschlagene E-Mail kann erneut gesendet werden.
workers-title = Hintergrundarbeit
workers-hint = Die Schleifen, die abgelaufene Aktionen beenden und Webhooks und E-Mails zustellen. Ein fehlgeschlagenes Element wird festgehalten und übersprungen; eine angehaltene Schleife wird neu gestartet.
workers-loop = Schleife
workers-loop-ends = Aktionen pünktlich starten, erinnern und beenden
workers-loop-webhooks = Webhook-Zustellungen
workers-loop-emails = E-Mails
workers-status = Status
workers-status-ok = Läuft
workers-status-not-started = Nicht gestartet
workers-status-down = Ausgefallen, wird neu gestartet
workers-status-failing = Fehlerhaft
workers-status-stuck = Hängt
workers-last-success = Letzte Runde
workers-restarts = Neustarts
workers-failed-items = Fehlgeschlagene Elemente
workers-backlog = Jetzt fällig
workers-backlog-capped = { $count } oder mehr
workers-last-error = Letzter Fehler
workers-never = Nie
workers-unknown = Noch nicht gemessen
webhooks-silenced = { $event } ist im Mandanten { $tenant } ausgeschaltet: Dieser Webhook empfängt von dort nichts.
webhooks-silenced-switch-on = Einschalten
templates-preview-action = Für die Aktion
templates-preview-action-sample = Eine Beispielaktion
templates-preview-from-name-default = Keiner: Der Absendername des Mandanten oder des Servers wird verwendet
templates-preview-from-address = Absenderadresse
templates-preview-html-rendered = HTML-Teil, wie angezeigt
