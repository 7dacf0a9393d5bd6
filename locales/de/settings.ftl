# Einstellungen für Administratoren: Mandanten, Anwendungen, API-Schlüssel, Mitarbeitende.

settings-title = Einstellungen
settings-tenants-count = { $count ->
    [one] { $count } Mandant
   *[other] { $count } Mandanten
}
settings-applications-count = { $count ->
    [one] { $count } Anwendung, aktiv oder nicht
   *[other] { $count } Anwendungen, aktiv oder nicht
}
settings-api-keys-count = { $count ->
    [one] { $count } API-Schlüssel
   *[other] { $count } API-Schlüssel
}
settings-staff-count = { $count ->
    [one] { $count } Teammitglied
   *[other] { $count } Teammitglieder
}

tenants-title = Mandanten
tenants-new = Neuer Mandant
tenants-edit = Mandant bearbeiten
tenants-name = Name
tenants-default = Standard
tenants-on = An
tenants-off = Aus
tenants-not-set = Nicht festgelegt
tenants-events = Ereignisse
tenants-events-user-action = user.action-Ereignisse an die Webhooks dieses Mandanten senden
tenants-events-hint = Webhooks erhalten ein Ereignis, wann immer eine Aktion für einen Benutzer dieses Mandanten angewendet, geändert, aufgehoben oder beendet wird.
tenants-email = E-Mail
tenants-email-hint = Ohne Host versendet dieser Mandant seine E-Mails über die serverweite SMTP-Einstellung.
tenants-email-server-wide = Serverweit
tenants-smtp-host = SMTP-Host
tenants-smtp-port = Port
tenants-smtp-security = Sicherheit
tenants-security-none = Keine
tenants-security-ssl = SSL (TLS von Anfang an)
tenants-security-tls = STARTTLS (erforderlich)
tenants-smtp-username = SMTP-Benutzername
tenants-smtp-password = SMTP-Passwort
tenants-smtp-password-kept = Ein Passwort ist gespeichert. Es wird nie angezeigt; lassen Sie das Feld leer, um es zu behalten.
tenants-smtp-password-none = Es ist kein Passwort gespeichert.
tenants-smtp-password-remove = Gespeichertes SMTP-Passwort entfernen (ein oben eingegebenes Passwort ersetzt es stattdessen)
tenants-from-email = Standard-Absenderadresse
tenants-from-name = Standard-Absendername
tenants-lockout = Fehlgeschlagene Anmeldungen
tenants-lockout-hint = Nach zu vielen falschen Passwörtern innerhalb des Zeitfensters wird die gewählte Aktion für die angegebene Dauer auf den Benutzer angewendet.
tenants-lockout-action = Sperraktion
tenants-lockout-none = Keine Sperre
tenants-lockout-attempts = Falsche Passwörter bis zur Sperre
tenants-lockout-window = Gezählt innerhalb von (Sekunden)
tenants-lockout-duration = Dauer der Sperre
tenants-lockout-unit = Einheit
tenants-lockout-email-user = Den Benutzer bei einer Sperre per E-Mail benachrichtigen
tenants-unit-minutes = Minuten
tenants-unit-hours = Stunden
tenants-unit-days = Tage
tenants-unit-weeks = Wochen
tenants-unit-months = Monate
tenants-unit-years = Jahre
tenants-delete-title = Mandant löschen
tenants-delete-confirm = Den Mandanten „{ $name }“ mit allem, was dazugehört, löschen:
tenants-delete-users = { $count ->
    [one] { $count } Benutzer
   *[other] { $count } Benutzer
}
tenants-delete-applications = { $count ->
    [one] { $count } Anwendung
   *[other] { $count } Anwendungen
}
tenants-delete-instances = { $count ->
    [one] { $count } auf seine Benutzer angewendete Aktion
   *[other] { $count } auf seine Benutzer angewendete Aktionen
}
tenants-delete-api-keys = { $count ->
    [one] { $count } auf ihn beschränkter API-Schlüssel
   *[other] { $count } auf ihn beschränkte API-Schlüssel
}
tenants-delete-definitions = Aktionen und Webhooks, die nur für diesen Mandanten gelten, werden deaktiviert. Das lässt sich nicht rückgängig machen.
tenants-delete-default = Der Standardmandant kann nicht gelöscht werden: Zu ihm gehören die Teammitglieder der Admin-App, und die API greift auf ihn zurück.

applications-title = Anwendungen
applications-new = Neue Anwendung
applications-edit = Anwendung bearbeiten
applications-empty = Es gibt noch keine Anwendungen.
applications-name = Name
applications-tenant = Mandant
applications-tenant-fixed = Eine Anwendung bleibt in dem Mandanten, in dem sie angelegt wurde.
applications-state = Status
applications-active = Aktiv
applications-inactive = Inaktiv
applications-deactivate = Deaktivieren
applications-reactivate = Reaktivieren
applications-delete-title = Anwendung löschen
applications-delete-confirm = Die Anwendung „{ $name }“ des Mandanten „{ $tenant }“ löschen?
applications-delete-hint = Bereits angewendete Aktionen behalten die ID der Anwendung. Um die Anwendung zu behalten, aber nicht mehr zu nutzen, deaktivieren Sie sie stattdessen.

api-keys-title = API-Schlüssel
api-keys-intro = Mit Schlüsseln rufen Programme die API auf. Ein Schlüssel wird nur einmal angezeigt, beim Anlegen; gespeichert wird nur ein Fingerabdruck davon.
api-keys-new = Neuer API-Schlüssel
api-keys-create = Schlüssel anlegen
api-keys-empty = Es gibt keine API-Schlüssel.
api-keys-description = Beschreibung
api-keys-no-description = Keine Beschreibung
api-keys-id = ID
api-keys-scope = Mandant
api-keys-scope-hint = Ein auf einen Mandanten beschränkter Schlüssel sieht nur dessen Benutzer und kann weder Mandanten noch Schlüssel verwalten.
api-keys-global = Alle Mandanten (global)
api-keys-created = Angelegt
api-keys-configured = Aus ACTIONEER_API_KEY
api-keys-created-title = API-Schlüssel angelegt
api-keys-created-once = Kopieren Sie den Schlüssel jetzt. Er wird nicht gespeichert und nie wieder angezeigt.
api-keys-created-shown = Dieser Schlüssel wurde einmal angezeigt und kann nicht erneut angezeigt werden. Wurde er nicht kopiert, löschen Sie ihn und legen Sie einen neuen an.
api-keys-back = Zurück zu den API-Schlüsseln
api-keys-key = Schlüssel
api-keys-created-scoped = Dieser Schlüssel ist auf den Mandanten „{ $tenant }“ beschränkt.
api-keys-created-global = Dieser Schlüssel gilt für alle Mandanten.
api-keys-done = Ich habe ihn kopiert
api-keys-delete-title = API-Schlüssel löschen
api-keys-delete-confirm = Den API-Schlüssel „{ $description }“ löschen?
api-keys-delete-confirm-id = Den API-Schlüssel { $id } löschen?
api-keys-delete-effect = Programme, die ihn verwenden, können die API nicht mehr aufrufen.
api-keys-delete-configured = Dieser Schlüssel stammt aus ACTIONEER_API_KEY: Der Server legt ihn beim nächsten Start wieder an, solange die Einstellung bleibt.

staff-title = Team
staff-new = Neues Teammitglied
staff-edit = Teammitglied bearbeiten
staff-name = Name
staff-email = E-Mail
staff-role = Rolle
staff-role-admin = Administrator
staff-role-support = Support
staff-role-translator = Übersetzer
staff-role-hint = Administratoren dürfen alles; der Support findet Benutzer und wendet Aktionen an; Übersetzer bearbeiten Übersetzungen.
staff-language = Sprache
staff-language-browser = Wie ihr Browser es wünscht
staff-time-zone = Zeitzone
staff-time-zone-hint = Ein IANA-Name wie Europe/Berlin; leer für UTC.
staff-password = Passwort
staff-password-hint = Mindestens 8 Zeichen.
staff-new-password = Neues Passwort
staff-new-password-hint = Leer lassen, um das bisherige Passwort zu behalten. Ein neues Passwort meldet alle Sitzungen ab.
staff-last-admin-role = Dies ist der letzte Administrator: Machen Sie zuerst jemand anderen zum Administrator.
staff-remove = Zugang entziehen
staff-delete-title = Zugang entziehen
staff-delete-confirm = { $name } ({ $email }) den Zugang zur Admin-App entziehen?
staff-delete-effect = Die Person wird sofort abgemeldet. Ihr Benutzerkonto bleibt bestehen.
staff-delete-last-admin = Dies ist der letzte Administrator, daher kann der Zugang nicht entzogen werden. Machen Sie zuerst jemand anderen zum Administrator.
tenants-webhook-silenced = Der Webhook { $url } wartet auf { $event }, das hier ausgeschaltet ist: Er empfängt von diesem Mandanten nichts.
tenants-webhook-silenced-open = Webhook öffnen
signing-keys-title = Signaturschlüssel
signing-keys-intro = HMAC-Schlüssel, mit denen ein Webhook seine Ereignisse signieren kann (ein JWT im Header). Das Geheimnis wird nur einmal gezeigt, beim Erzeugen.
signing-keys-new = Neuer Signaturschlüssel
signing-keys-generate = Schlüssel erzeugen
signing-keys-empty = Es gibt keine Signaturschlüssel.
signing-keys-name = Name
signing-keys-algorithm = Algorithmus
signing-keys-kid = Schlüssel-ID (kid)
signing-keys-created = Erstellt
signing-keys-secret = Geheimnis
signing-keys-created-title = Signaturschlüssel erzeugt
signing-keys-created-once = Kopieren Sie das Geheimnis jetzt: Der Empfänger braucht es zum Prüfen der Signaturen, und diese Seite zeigt es nicht noch einmal.
signing-keys-created-shown = Dieses Geheimnis wurde einmal gezeigt und wird nicht erneut gezeigt. Wurde es nicht kopiert, löschen Sie den Schlüssel und erzeugen Sie einen neuen.
signing-keys-back = Zurück zu den Signaturschlüsseln
signing-keys-delete-title = Signaturschlüssel löschen
signing-keys-delete-named = { $name } löschen
signing-keys-delete-confirm = Den Signaturschlüssel „{ $name }“ löschen?
signing-keys-delete-effect = Empfänger, die damit erstellte Signaturen prüfen, brauchen einen anderen Schlüssel.
signing-keys-in-use = Ein Webhook signiert noch mit diesem Schlüssel: Wählen Sie dort zuerst einen anderen Schlüssel.
