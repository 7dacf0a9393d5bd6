# Tableau de bord, enquête de satisfaction et liste des actions appliquées.

dashboard-translator = Votre rôle couvre les traductions. Continuez là-bas pour voir ce qui manque dans chaque langue.
dashboard-current = Actuellement actives
dashboard-current-total = { $count ->
    [one] instance active d’une action temporaire
   *[other] instances actives d’actions temporaires
}
dashboard-preventing-login = { $count ->
    [one] d’entre elles empêche la connexion
   *[other] d’entre elles empêchent la connexion
}
dashboard-prevents-login = empêche la connexion
dashboard-expiring = Expire dans les 7 prochains jours
dashboard-expiring-none = Rien n’expire dans les 7 prochains jours.
dashboard-expiring-count = { $count ->
    [one] Une action expire dans les 7 prochains jours.
   *[other] { $count } actions expirent dans les 7 prochains jours ; les plus proches sont listées.
}
dashboard-left = Temps restant
dashboard-survey = Enquête de satisfaction
dashboard-survey-choice = Enquête
dashboard-show = Afficher
dashboard-chart-title = Réponses à { $survey } par semaine
dashboard-chart-desc = Réponses par semaine sur les { $weeks } dernières semaines. Totaux : { $totals }.
dashboard-chart-total = { $option } : { $count }
dashboard-option = Réponse
dashboard-total = Total
dashboard-by-agent = Réponses par agent (8 dernières semaines)
dashboard-no-answers = Aucune réponse ces 8 dernières semaines.
dashboard-comments = Commentaires récents
dashboard-no-comments = Pas encore de commentaire.
dashboard-record = Saisir des réponses à l’enquête
dashboard-all-answers = Toutes les réponses
dashboard-no-option = (sans réponse)
dashboard-no-agent = (sans agent)

survey-title = Enquête de satisfaction
survey-none = Aucune enquête n’est configurée : une enquête est une action instantanée active avec des options, comme satisfait, indifférent et frustré.
survey-define = Créer une action
survey-find-user = Trouver l’utilisateur
survey-find-hint = Saisissez une partie du nom ou de l’adresse e-mail, ou collez l’identifiant de l’utilisateur.
survey-recorded-for = Réponse enregistrée pour { $user }.
survey-recorded-open = Ouvrir sa page
survey-no-users = Aucun utilisateur ne correspond.
survey-user-email = E-mail
survey-user-name = Nom
survey-ask = Saisir la réponse
survey-asking = Réponse de { $user }
survey-other-user = Autre utilisateur
survey-choose = Quelle enquête ?
survey-change = Choisir une autre enquête
survey-question = { $survey } : comment se sent l’utilisateur ?
survey-comment = Commentaire (facultatif)

instances-title = Actions appliquées
instances-csv = Télécharger le CSV
instances-filters = Filtres
instances-any = Toutes
instances-expires-after = Expire après
instances-expires-before = Expire avant
instances-apply-filters = Filtrer
instances-clear-filters = Effacer les filtres
instances-empty = Aucune action ne correspond à ces filtres.
instances-pages = Pages
instances-first-page = Première page
instances-state-active = Active
instances-state-ended = Expirée
instances-state-cancelled = Annulée
instances-state-instant = Instantanée
instances-col-id = Identifiant
instances-col-action = Action
instances-col-option = Option
instances-col-state = État
instances-col-user-id = Identifiant de l’utilisateur
instances-col-user = Utilisateur
instances-col-agent-id = Identifiant de l’agent
instances-col-agent = Agent
instances-col-reason = Motif
instances-col-reason-code = Code du motif
instances-col-comment = Commentaire
instances-col-created = Appliquée le
instances-col-expiry = Expire le
instances-range-reversed = « Expire avant » doit être postérieur à « Expire après » : la période est inversée.
