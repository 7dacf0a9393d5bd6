# Dashboard, Zufriedenheitsumfrage und die Liste der angewendeten Aktionen.

dashboard-translator = Ihre Rolle umfasst Übersetzungen. Dort sehen Sie, was in jeder Sprache fehlt.
dashboard-current = Derzeit aktiv
dashboard-current-total = { $count ->
    [one] aktive Instanz einer zeitlich begrenzten Aktion
   *[other] aktive Instanzen zeitlich begrenzter Aktionen
}
dashboard-preventing-login = { $count ->
    [one] davon verhindert die Anmeldung
   *[other] davon verhindern die Anmeldung
}
dashboard-prevents-login = verhindert Anmeldung
dashboard-expiring = Läuft in den nächsten 7 Tagen ab
dashboard-expiring-none = In den nächsten 7 Tagen läuft nichts ab.
dashboard-expiring-count = { $count ->
    [one] Eine Aktion läuft in den nächsten 7 Tagen ab.
   *[other] { $count } Aktionen laufen in den nächsten 7 Tagen ab; die nächsten sind aufgeführt.
}
dashboard-left = Verbleibend
dashboard-survey = Zufriedenheitsumfrage
dashboard-survey-choice = Umfrage
dashboard-show = Anzeigen
dashboard-chart-title = Antworten auf { $survey } pro Woche
dashboard-chart-desc = Antworten pro Woche in den letzten { $weeks } Wochen. Summen: { $totals }.
dashboard-chart-total = { $option }: { $count }
dashboard-option = Antwort
dashboard-total = Summe
dashboard-by-agent = Antworten pro Mitarbeiter (letzte 8 Wochen)
dashboard-no-answers = Keine Antworten in den letzten 8 Wochen.
dashboard-comments = Neueste Kommentare
dashboard-no-comments = Noch keine Kommentare.
dashboard-record = Umfrageantworten erfassen
dashboard-all-answers = Alle Antworten
dashboard-no-option = (keine Antwort)
dashboard-no-agent = (kein Mitarbeiter)

survey-title = Zufriedenheitsumfrage
survey-none = Es ist keine Umfrage eingerichtet: Eine Umfrage ist eine aktive sofortige Aktion mit Optionen wie zufrieden, gleichgültig und verärgert.
survey-define = Aktion anlegen
survey-find-user = Benutzer suchen
survey-find-hint = Geben Sie einen Teil des Namens oder der E-Mail-Adresse ein oder fügen Sie die ID des Benutzers ein.
survey-recorded-for = Antwort für { $user } erfasst.
survey-recorded-open = Seite des Benutzers öffnen
survey-no-users = Kein Benutzer passt.
survey-user-email = E-Mail
survey-user-name = Name
survey-ask = Antwort erfassen
survey-asking = Antwort von { $user }
survey-other-user = Anderer Benutzer
survey-choose = Welche Umfrage?
survey-change = Andere Umfrage wählen
survey-question = { $survey }: Wie fühlt sich der Benutzer?
survey-comment = Kommentar (optional)

instances-title = Ergriffene Aktionen
instances-csv = CSV herunterladen
instances-filters = Filter
instances-any = Alle
instances-expires-after = Läuft ab nach
instances-expires-before = Läuft ab vor
instances-apply-filters = Filtern
instances-clear-filters = Filter zurücksetzen
instances-empty = Keine Aktion passt zu diesen Filtern.
instances-pages = Seiten
instances-first-page = Erste Seite
instances-state-active = Aktiv
instances-state-ended = Abgelaufen
instances-state-cancelled = Abgebrochen
instances-state-instant = Sofortig
instances-col-id = ID
instances-col-action = Aktion
instances-col-option = Option
instances-col-state = Status
instances-col-user-id = Benutzer-ID
instances-col-user = Benutzer
instances-col-agent-id = Mitarbeiter-ID
instances-col-agent = Mitarbeiter
instances-col-reason = Grund
instances-col-reason-code = Grundcode
instances-col-comment = Kommentar
instances-col-created = Angewendet
instances-col-expiry = Läuft ab
instances-range-reversed = „Läuft ab vor“ muss nach „Läuft ab nach“ liegen: Der Zeitraum ist vertauscht.
instances-user-hint = Name, E-Mail oder ID
instances-user-too-many = Mehr als { $count } Benutzer passen: Geben Sie mehr vom Namen oder der E-Mail ein.
instances-applied-from = Angewendet ab
instances-applied-to = Angewendet bis
instances-applied-reversed = „Angewendet bis“ darf nicht vor „Angewendet ab“ liegen: Der Zeitraum ist verkehrt herum.
dashboard-kind-penalty = { $count ->
    [one] aktive Strafe
   *[other] aktive Strafen
}
dashboard-kind-entitlement = { $count ->
    [one] aktive Berechtigung
   *[other] aktive Berechtigungen
}
dashboard-kind-survey = { $count ->
    [one] aktive Umfrageaktion
   *[other] aktive Umfrageaktionen
}
dashboard-kind-other = { $count ->
    [one] andere aktive Aktion
   *[other] andere aktive Aktionen
}

bulk-title = Sammeländerung
bulk-select = Auswählen
bulk-select-instance = { $action } von { $user } auswählen
bulk-apply = Eine Aktion auf die ausgewählten Benutzer anwenden …
bulk-bound = Bis zu { $count } auf einmal.
bulk-with-selected = Mit den ausgewählten Aktionen (bis zu { $count })
bulk-days = Tage hinzufügen
bulk-extend = Verlängern …
bulk-cancel = Abbrechen …
bulk-none-selected = Nichts ist ausgewählt: Kreuzen Sie die Zeilen an, die geändert werden sollen, und versuchen Sie es erneut.
bulk-too-many = Mehr als { $count } sind ausgewählt: Eine Sammeländerung umfasst höchstens { $count }. Verkleinern Sie die Auswahl und versuchen Sie es erneut.
bulk-choose = Auswählen …
bulk-choose-action = Wählen Sie die anzuwendende Aktion.
bulk-choose-option = Diese Aktion braucht eine ihrer Optionen: Wählen Sie eine.
bulk-choose-duration = Wählen Sie, wie lange die Aktion dauert.
bulk-choose-operation = Wählen Sie, ob die ausgewählten Aktionen verlängert oder abgebrochen werden.
bulk-days-invalid = Die hinzuzufügenden Tage müssen eine ganze Zahl von 1 bis 3650 sein.
bulk-selected-users = { $count ->
    [one] Ein Benutzer ausgewählt
   *[other] { $count } Benutzer ausgewählt
}
bulk-no-option = Keine Option
bulk-option-hint = Nur für Aktionen mit Optionen, etwa eine Umfrage.
bulk-duration = Wie lange (zeitlich begrenzte Aktionen)
bulk-duration-hint = Ab dem Moment der Bestätigung gerechnet.
bulk-review = Prüfen
bulk-apply-title = Eine Aktion auf mehrere Benutzer anwenden
bulk-apply-summary = { $action } wird auf { $count ->
    [one] einen Benutzer
   *[other] { $count } Benutzer
} angewendet, jeweils als eigene Änderung mit eigenen Ereignissen.
bulk-apply-button = { $count ->
    [one] Auf einen Benutzer anwenden
   *[other] Auf { $count } Benutzer anwenden
}
bulk-until = bis { $date }
bulk-extend-title = Mehrere Aktionen verlängern
bulk-extend-summary = { $count ->
    [one] Eine Aktion endet
   *[other] { $count } Aktionen enden
} { $days ->
    [one] einen Tag
   *[other] { $days } Tage
} später, jeweils als eigene Änderung mit eigenen Ereignissen.
bulk-extend-button = { $count ->
    [one] Eine Aktion verlängern
   *[other] { $count } Aktionen verlängern
}
bulk-extend-what = Endet { $to } statt { $from }
bulk-cancel-title = Mehrere Aktionen abbrechen
bulk-cancel-summary = { $count ->
    [one] Eine Aktion wird
   *[other] { $count } Aktionen werden
} jetzt abgebrochen, jeweils als eigene Änderung mit eigenen Ereignissen.
bulk-cancel-button = { $count ->
    [one] Eine Aktion abbrechen
   *[other] { $count } Aktionen abbrechen
}
bulk-cancel-what = Wird jetzt abgebrochen
bulk-will-refuse = { $count ->
    [one] Eine davon kann derzeit nicht geändert werden; sie wird gemeldet, nicht geändert.
   *[other] { $count } davon können derzeit nicht geändert werden; sie werden gemeldet, nicht geändert.
}
bulk-col-what = Was geschieht
bulk-col-result = Ergebnis
bulk-comment = Kommentar (optional)
bulk-comment-hint = Ersetzt den Kommentar jeder Aktion; leer behält jede ihren eigenen.
bulk-report-counts = Erledigt: { $done }. Abgelehnt: { $refused }.
bulk-refused = Abgelehnt: { $reason }
bulk-done-apply = Angewendet
bulk-done-extend = Verlängert
bulk-done-cancel = Abgebrochen
bulk-refused-instantaneous = Eine sofortige Aktion geschah einmal und hat kein Ende, das sich ändern ließe.
bulk-refused-not-running = Sie ist bereits abgelaufen oder wurde abgebrochen.
bulk-refused-stale = Sie wurde geändert, nachdem die Bestätigungsseite sie gezeigt hat.
bulk-refused-permanent = Eine dauerhafte Aktion hat kein Ende, das sich verlängern ließe.
bulk-refused-duplicate = Der Benutzer hat diese Aktion bereits laufen.
bulk-refused-unavailable = Diese Aktion steht dem Benutzer nicht zur Verfügung.
bulk-refused-gone = Sie existiert nicht mehr.
bulk-refused-invalid = Die Änderung war dafür nicht gültig.
bulk-no-reason = Kein Grund
dashboard-by-kind = Nach Art
