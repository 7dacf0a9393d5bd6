app-name = Actioneer
language-name = Deutsch

format-datetime = %d.%m.%Y %H:%M
format-date = %d.%m.%Y
expiry-forever = Nie

nav-skip = Zum Inhalt springen
nav-label = Hauptmenü
nav-dashboard = Übersicht
nav-users = Benutzer
nav-survey = Umfrage
nav-instances = Ausgeführte Aktionen
nav-actions = Aktionen
nav-reasons = Gründe
nav-webhooks = Webhooks
nav-email-templates = E-Mail-Vorlagen
nav-settings = Einstellungen
nav-translations = Übersetzungen
nav-sign-out = Abmelden

login-title = Anmelden
login-email = E-Mail
login-password = Passwort
login-submit = Anmelden
login-failed = E-Mail oder Passwort ist falsch, oder dieses Konto hat keinen Zugang zur Verwaltung.
login-throttled = { $minutes ->
    [0] Zu viele fehlgeschlagene Anmeldeversuche für diese E-Mail-Adresse oder aus diesem Netz. Versuchen Sie es gleich noch einmal.
    [one] Zu viele fehlgeschlagene Anmeldeversuche für diese E-Mail-Adresse oder aus diesem Netz. Versuchen Sie es in { $minutes } Minute erneut.
   *[other] Zu viele fehlgeschlagene Anmeldeversuche für diese E-Mail-Adresse oder aus diesem Netz. Versuchen Sie es in { $minutes } Minuten erneut.
}

setup-title = Ersten Administrator anlegen
setup-intro = Noch kann sich niemand anmelden. Wählen Sie E-Mail und Passwort des ersten Administrators.
setup-name = Name
setup-submit = Anlegen und anmelden

account-title = Ihre Einstellungen
account-language = Sprache
account-language-browser = Wie mein Browser es wünscht
account-time-zone = Zeitzone
account-time-zone-hint = Ein IANA-Name wie Europe/Berlin; leer für UTC. Zeiten werden in dieser Zone angezeigt und eingegeben.
account-password-title = Passwort
account-current-password = Aktuelles Passwort
account-new-password = Neues Passwort
account-new-password-hint = Mindestens 8 Zeichen. Ihre anderen Sitzungen werden abgemeldet; diese bleibt.
account-password-submit = Passwort ändern

home-welcome = Willkommen, { $name }.

action-save = Speichern
action-cancel = Abbrechen
action-delete = Löschen
action-edit = Bearbeiten
action-search = Suchen
action-back = Zurück
table-actions = Aktionen
pager-previous = Zurück
pager-next = Weiter
yes = Ja
no = Nein

notice-created = Angelegt.
notice-saved = Gespeichert.
notice-deleted = Gelöscht.
notice-deactivated = Deaktiviert.
notice-reactivated = Reaktiviert.
notice-applied = Aktion ausgeführt.
notice-modified = Aktion geändert.
notice-cancelled = Aktion abgebrochen.
notice-recorded = Erfasst.
notice-sent = Gesendet.
notice-replayed = Erneut zur Zustellung eingereiht.
notice-signed-out = Sie sind abgemeldet.
notice-imported = Importiert.

form-error-blank = Dieses Feld ist erforderlich.
form-error-missing = Dieses Feld ist erforderlich.
form-error-invalid = Dieser Wert ist ungültig.
form-error-duplicate = Dieser Wert wird bereits verwendet.
form-error-inactive = Dies ist inaktiv.
form-error-notAllowed = Dies ist hier nicht erlaubt.
form-error-tooLong = Das ist zu lang.
form-error-tooShort = Das ist zu kurz.
form-error-tooSmall = Der Wert muss größer als null sein.
form-error-inPast = Der Zeitpunkt muss in der Zukunft liegen.
form-error-disabled = Dies ist für diese Aktion ausgeschaltet.
form-error-emailingNotSupported = Diese Aktion versendet keine E-Mails an Benutzer.
form-error-actionIsMissingTemplateDefinition = Diese Aktion hat für diesen Schritt keine E-Mail-Vorlage.
form-error-inUse = Dies wird noch verwendet.
form-error-cannotDelete = Dies kann nicht gelöscht werden.
form-error-other-field = { $field }: { $message }

localized-legend = Übersetzungen
localized-locale = Sprache
localized-text = Übersetzter Text
localized-hint = Ein Sprach-Tag wie de oder fr-CA. Beide Felder leer lassen, um eine Zeile zu entfernen.

error-forbidden-title = Kein Zugriff
error-forbidden-text = Ihre Rolle umfasst diese Seite nicht.
error-not-found-title = Nicht gefunden
error-not-found-text = Diese Seite gibt es nicht, oder ihr Inhalt wurde gelöscht.
error-csrf-title = Das Formular konnte nicht gesendet werden
error-csrf-text = Das Formular war veraltet oder kam nicht von dieser Website. Gehen Sie zurück, laden Sie die Seite neu und versuchen Sie es noch einmal.
error-bad-request-title = Ungültige Anfrage
error-bad-request-text = Die Anfrage war nicht verständlich.
error-unavailable-title = Der Server ist ausgelastet
error-unavailable-text = Der Server konnte nicht rechtzeitig antworten. Bitte versuchen Sie es gleich noch einmal.
error-internal-title = Etwas ist schiefgegangen
error-internal-text = Der Fehler wurde protokolliert. Bitte versuchen Sie es noch einmal.
error-back-home = Zurück zur Übersicht
