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
