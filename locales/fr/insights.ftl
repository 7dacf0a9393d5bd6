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
instances-user-hint = Nom, e-mail ou identifiant
instances-user-too-many = Plus de { $count } utilisateurs correspondent : saisissez davantage du nom ou de l’e-mail.
instances-applied-from = Appliquée depuis le
instances-applied-to = Appliquée jusqu’au
instances-applied-reversed = « Appliquée jusqu’au » ne peut pas précéder « Appliquée depuis le » : la période est à l’envers.
dashboard-kind-penalty = { $count ->
    [one] sanction active
   *[other] sanctions actives
}
dashboard-kind-entitlement = { $count ->
    [one] droit actif
   *[other] droits actifs
}
dashboard-kind-survey = { $count ->
    [one] action d’enquête active
   *[other] actions d’enquête actives
}
dashboard-kind-other = { $count ->
    [one] autre action active
   *[other] autres actions actives
}

bulk-title = Modification groupée
bulk-select = Sélectionner
bulk-select-instance = Sélectionner { $action } de { $user }
bulk-apply = Appliquer une action aux utilisateurs sélectionnés…
bulk-bound = Jusqu’à { $count } à la fois.
bulk-with-selected = Avec les actions sélectionnées (jusqu’à { $count })
bulk-days = Jours à ajouter
bulk-extend = Prolonger…
bulk-cancel = Les annuler…
bulk-none-selected = Rien n’est sélectionné : cochez les lignes à modifier, puis réessayez.
bulk-too-many = Plus de { $count } éléments sont sélectionnés : une modification groupée en prend au plus { $count }. Réduisez la sélection et réessayez.
bulk-choose = Choisir…
bulk-choose-action = Choisissez l’action à appliquer.
bulk-choose-option = Cette action demande l’une de ses options : choisissez-en une.
bulk-choose-duration = Choisissez la durée de l’action.
bulk-choose-operation = Choisissez de prolonger ou d’annuler les actions sélectionnées.
bulk-days-invalid = Le nombre de jours à ajouter doit être un entier de 1 à 3650.
bulk-selected-users = { $count ->
    [one] Un utilisateur sélectionné
   *[other] { $count } utilisateurs sélectionnés
}
bulk-no-option = Aucune option
bulk-option-hint = Seulement pour les actions à options, comme une enquête.
bulk-duration = Durée (actions temporaires)
bulk-duration-hint = Comptée à partir de votre confirmation.
bulk-review = Vérifier
bulk-apply-title = Appliquer une action à plusieurs utilisateurs
bulk-apply-summary = { $action } sera appliquée à { $count ->
    [one] un utilisateur
   *[other] { $count } utilisateurs
}, chaque fois comme une modification distincte, avec ses propres événements.
bulk-apply-button = { $count ->
    [one] Appliquer à un utilisateur
   *[other] Appliquer à { $count } utilisateurs
}
bulk-until = jusqu’au { $date }
bulk-extend-title = Prolonger plusieurs actions
bulk-extend-summary = { $count ->
    [one] Une action finira
   *[other] { $count } actions finiront
} { $days ->
    [one] un jour
   *[other] { $days } jours
} plus tard, chaque fois comme une modification distincte, avec ses propres événements.
bulk-extend-button = { $count ->
    [one] Prolonger une action
   *[other] Prolonger { $count } actions
}
bulk-extend-what = Finit le { $to } au lieu du { $from }
bulk-cancel-title = Annuler plusieurs actions
bulk-cancel-summary = { $count ->
    [one] Une action sera annulée
   *[other] { $count } actions seront annulées
} maintenant, chaque fois comme une modification distincte, avec ses propres événements.
bulk-cancel-button = { $count ->
    [one] Annuler une action
   *[other] Annuler { $count } actions
}
bulk-cancel-what = Annulée maintenant
bulk-will-refuse = { $count ->
    [one] L’une d’elles ne peut pas être modifiée en l’état ; elle sera signalée, pas modifiée.
   *[other] { $count } d’entre elles ne peuvent pas être modifiées en l’état ; elles seront signalées, pas modifiées.
}
bulk-col-what = Ce qui va se passer
bulk-col-result = Résultat
bulk-comment = Commentaire (facultatif)
bulk-comment-hint = Remplace le commentaire de chaque action ; laissé vide, chacune garde le sien.
bulk-report-counts = Faites : { $done }. Refusées : { $refused }.
bulk-refused = Refusée : { $reason }
bulk-done-apply = Appliquée
bulk-done-extend = Prolongée
bulk-done-cancel = Annulée
bulk-refused-instantaneous = une action instantanée a eu lieu une fois et n’a pas de fin à modifier.
bulk-refused-not-running = elle est déjà terminée ou annulée.
bulk-refused-stale = elle a changé après que la page de confirmation l’a affichée.
bulk-refused-permanent = une action permanente n’a pas de fin à prolonger.
bulk-refused-duplicate = l’utilisateur a déjà cette action en cours.
bulk-refused-unavailable = cette action n’est pas disponible pour cet utilisateur.
bulk-refused-gone = elle n’existe plus.
bulk-refused-invalid = la modification n’était pas valable pour elle.
bulk-no-reason = Aucun motif
dashboard-by-kind = Par type
