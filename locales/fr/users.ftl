# Utilisateurs : recherche, page d'un utilisateur (informations, actions en cours, historique), appliquer et modifier des actions.

users-title = Utilisateurs
users-search-label = E-mail, nom ou identifiant
users-search-hint = Une partie d'une adresse e-mail ou d'un nom (prénom, nom ou nom complet), ou l'identifiant exact d'un utilisateur. Tous les locataires sont parcourus.
users-none-found = Aucun utilisateur ne correspond.
users-found = { $count ->
    [one] { $count } utilisateur trouvé.
   *[other] { $count } utilisateurs trouvés.
}
users-page-of = Page { $page } sur { $pages }.
users-pages = Pages de résultats

users-email = E-mail
users-name = Nom
users-id = Identifiant
users-tenant = Locataire
users-languages = Langues préférées
users-time-zone = Fuseau horaire
users-active = Actif
users-last-login = Dernière connexion
users-never = Jamais
users-back-to-search = Retour à la recherche
users-back-to-user = Retour à { $user }
users-details = Informations
users-person = { $name } ({ $email })
users-actioneer = Actioneer

users-current = Actions en cours
users-current-empty = Aucune action n'est en cours pour cet utilisateur.
users-col-action = Action
users-col-reason = Motif
users-col-expiry = Expiration
users-col-applied-by = Appliquée par
users-col-comment = Commentaire
users-remaining = encore { $duration }
users-change = Modifier
users-cancel-comment = Commentaire sur l'annulation
users-cancel-confirm = Annuler cette action maintenant ?
users-cancel-submit = Annuler l'action

users-apply = Appliquer une action
users-apply-none = Aucune action active n'est disponible dans le locataire de cet utilisateur.
users-apply-action = Action
users-apply-choose = Choisir une action…
users-apply-temporal = { $name } (jusqu'à expiration)
users-apply-option = Option
users-apply-option-none = Aucune option
users-apply-option-hint = Uniquement pour les actions instantanées qui ont des options.
users-apply-reason = Motif
users-apply-reason-none = Aucun motif
users-comment = Commentaire
users-expiry = Expiration
users-expiry-at = Se termine le
users-expiry-hint = Uniquement pour les actions qui durent jusqu'à une expiration. Heures dans votre fuseau horaire ({ $zone }). Une date saisie ici l'emporte sur une durée choisie ci-dessous.
users-preset-legend = Ou choisir une durée à partir de maintenant
users-preset-1d = 1 jour
users-preset-7d = 7 jours
users-preset-30d = 30 jours
users-preset-forever = Sans limite
users-preset-keep = Garder l'expiration actuelle
users-shift-legend = Ou déplacer l'expiration actuelle
users-preset-ext-1d = 1 jour plus tard
users-preset-ext-7d = 7 jours plus tard
users-preset-ext-30d = 30 jours plus tard
users-preset-cut-1d = 1 jour plus tôt
users-preset-cut-7d = 7 jours plus tôt
users-email-user = Envoyer un e-mail à l'utilisateur
users-notify-user = Notifier l'utilisateur
users-apply-submit = Appliquer

users-history = Historique
users-history-empty = Rien n'est encore arrivé à cet utilisateur.
users-step-applied = Appliquée
users-step-instant = Appliquée (instantanée)
users-step-modified = Modifiée
users-step-cancelled = Annulée
users-step-ended = Expirée
users-step-by = par { $who }
users-step-until = Jusqu'au { $expiry }
users-step-expiry-change = Expiration : { $old } → { $new }
users-step-was-until = Devait se terminer le { $expiry }
users-step-reason = Motif : { $reason }
users-step-option = Option : { $option }
users-step-comment = Commentaire : { $comment }

users-change-title = Modifier : { $action }
users-change-now = État actuel
users-change-heading = Modifier l'expiration ou le commentaire
users-change-comment-hint = Le commentaire tel qu'il sera après l'enregistrement ; videz-le pour le supprimer.
users-change-submit = Enregistrer les modifications
users-change-leave = Retour sans enregistrer
users-change-expiry-hint = Heures dans votre fuseau horaire ({ $zone }). Le champ indique quand l'action se termine actuellement : saisissez une autre date, ou laissez-la telle quelle et choisissez ci-dessous.
users-cancel-heading = Annuler l'action
users-not-running = Cette action n'est plus en cours : elle ne peut être ni modifiée ni annulée.

users-stale = Cette action a été modifiée après l'ouverture de cette page. Rien n'a été enregistré.
users-stale-hint = La page montre maintenant l'action telle qu'elle est. Vérifiez votre modification et enregistrez à nouveau si elle est toujours souhaitée.
users-stale-line = { $who } : { $what }
users-stale-expiry = a déplacé la fin du { $before } au { $after }
users-stale-comment = a mis le commentaire à « { $comment } »
users-stale-cancelled = l'a annulée
users-email-unavailable = Aucun serveur SMTP n’est configuré pour le locataire de cet utilisateur ni pour ce serveur : « Envoyer un e-mail à l'utilisateur » n’enverra rien.

## Kinds, scheduled starts, escalation and staff notes on the user's page
users-kind-penalty = Sanctions
users-kind-entitlement = Droits
users-kind-survey = Enquêtes
users-kind-other = Autres actions
users-col-start = Début
users-change-scheduled = Modifier ou annuler
users-start = Début
users-start-at = Commence le
users-start-hint = Uniquement pour les actions qui durent jusqu'à une expiration. Laissez vide pour commencer maintenant ; une heure future planifie l'action, et les durées ci-dessous comptent à partir d'elle. Heures dans votre fuseau horaire ({ $zone }).
users-change-start-hint = L'action n'a pas encore commencé. Saisissez une autre heure pour déplacer son début ({ $zone }), ou annulez-la ci-dessous avant qu'elle ne commence.
users-escalate = Escalader : prendre la durée dans l'échelle de l'action
users-escalate-hint = Laissez l'expiration vide : l'échelon est compté d'après l'historique de cet utilisateur, et vous le voyez avant que rien ne soit appliqué.
users-escalate-preview = Échelon à appliquer
users-escalate-confirm-hint = Rien n'a encore été appliqué. Vérifiez l'échelon et confirmez.
users-escalate-confirm = Confirmer et appliquer
users-notes = Notes internes
users-notes-empty = Aucune note interne pour l'instant.
users-note = Note interne
users-note-hint = Seul le personnel voit les notes : elles ne sont jamais envoyées à l'utilisateur, aux webhooks ni aux clients de l'API.
users-note-submit = Ajouter la note
users-note-delete = Supprimer la note
users-note-delete-confirm = Supprimer cette note ?
users-step-note = Note interne
users-change-heading-scheduled = Modifier le début, l'expiration ou le commentaire
