# Exploitation : webhooks et leur journal de livraison, modèles d’e-mail.

## Webhooks

webhooks-title = Webhooks
webhooks-new = Nouveau webhook
webhooks-edit = Modifier le webhook
webhooks-empty = Aucun webhook pour l’instant. Un webhook reçoit un événement user.action chaque fois qu’une action est appliquée, modifiée, annulée ou prend fin.
webhooks-url = URL
webhooks-url-hint = Une adresse absolue commençant par http:// ou https://.
webhooks-description = Description
webhooks-connect-timeout = Délai de connexion (millisecondes)
webhooks-read-timeout = Délai de lecture (millisecondes)
webhooks-scope = Locataires
webhooks-global = Tous les locataires
webhooks-global-label = Pour tous les locataires
webhooks-no-tenants = Aucun locataire
webhooks-tenants-hint = Sans « Pour tous les locataires », seuls les événements des locataires cochés ci-dessous sont envoyés.
webhooks-events = Événements
webhooks-user-action-enabled = Envoyer les événements user.action
webhooks-user-action-on = user.action
webhooks-user-action-off = Désactivé
webhooks-routing = Actions
webhooks-routing-all = Toutes les actions
webhooks-routing-hint = Cochez les actions dont les événements vont à ce webhook. Aucune cochée : les événements de toutes les actions.
webhooks-no-actions = Il n’y a pas encore d’actions.
webhooks-headers = En-têtes personnalisés
webhooks-header-name = Nom de l’en-tête
webhooks-header-value = Valeur
webhooks-header-add = Ajouter un en-tête
webhooks-headers-hint = Envoyés avec chaque requête. Les noms ne contiennent que des lettres, des chiffres et - _ . ; Content-Type, Content-Length, Host, X-FusionAuth-Signature-JWT et webhook-… sont définis par Actioneer. Les valeurs ne peuvent pas contenir de saut de ligne. Une ligne vide est supprimée.
webhooks-auth = Authentification HTTP basique
webhooks-auth-username = Nom d’utilisateur
webhooks-auth-password = Mot de passe
webhooks-auth-password-kept = Un mot de passe est enregistré. Laissez ce champ vide pour le conserver.
webhooks-auth-password-none = Aucun mot de passe n’est enregistré.
webhooks-auth-password-remove = Supprimer le mot de passe enregistré (un mot de passe saisi ci-dessus le remplace plutôt)
webhooks-signing = Signature (X-FusionAuth-Signature-JWT)
webhooks-signing-key = Clé de signature
webhooks-signing-none = Pas de signature JWT
webhooks-signing-hint = Une clé HMAC des paramètres de clés. La signature Standard Webhooks ci-dessous est envoyée dans tous les cas.
webhooks-secret = Secret de signature (Standard Webhooks)
webhooks-secret-hint = Les destinataires vérifient l’en-tête webhook-signature avec ce secret. Gardez-le confidentiel.
webhooks-secret-regenerate = Générer un nouveau secret
webhooks-secret-confirm = Les destinataires qui vérifient les signatures refuseront les événements tant qu’ils n’auront pas le nouveau secret. Continuer ?
webhooks-send-test = Envoyer un événement de test
webhooks-health = Livraisons
webhooks-health-none = Aucune pour l’instant
webhooks-health-ok = { $count ->
    [one] La dernière livraison a réussi
   *[other] Les { $count } dernières livraisons ont réussi ou sont en cours
}
webhooks-health-failed = { $count ->
    [one] 1 en échec
   *[other] { $count } en échec
} (sur les { $sampled } dernières)
webhooks-health-retrying = { $count ->
    [one] 1 en attente d’un nouvel essai
   *[other] { $count } en attente d’un nouvel essai
}
webhooks-delete-title = Supprimer le webhook
webhooks-delete-confirm = Supprimer le webhook { $url } ? Son journal de livraison est supprimé avec lui.

webhooks-deliveries = Journal de livraison
webhooks-deliveries-all = Livraisons de tous les webhooks
webhooks-deliveries-title = Livraisons des webhooks
webhooks-deliveries-empty = Aucune livraison.
webhooks-deliveries-count = { $count ->
    [one] 1 livraison
   *[other] { $count } livraisons
}
webhooks-delivery-title = Livraison
webhooks-created = Enregistrée
webhooks-event = Événement
webhooks-event-result = Résultat de l’événement (tous les webhooks)
webhooks-event-running = En cours
webhooks-status = Statut
webhooks-status-any = Tous les statuts
webhooks-status-pending = En attente
webhooks-status-succeeded = Livrée
webhooks-status-failed = En échec
webhooks-attempts = Tentatives
webhooks-next-attempt = Prochaine tentative
webhooks-last-error = Dernière erreur
webhooks-attempts-heading = { $count ->
    [one] 1 tentative
   *[other] { $count } tentatives
}
webhooks-attempts-none = Pas encore tentée.
webhooks-attempt-time = Heure
webhooks-attempt-status = Statut HTTP
webhooks-attempt-error = Erreur
webhooks-attempt-duration = Durée
webhooks-attempt-no-answer = Pas de réponse
webhooks-attempt-ok = Livrée
webhooks-ms = { $ms } ms
webhooks-payload = Contenu envoyé
webhooks-replay = Livrer à nouveau
webhooks-replay-not-failed = Seule une livraison en échec peut être livrée à nouveau.

## Modèles d’e-mail

templates-title = Modèles d’e-mail
templates-new = Nouveau modèle d’e-mail
templates-edit = Modifier le modèle d’e-mail
templates-empty = Aucun modèle d’e-mail pour l’instant. Les actions s’en servent pour écrire à la personne concernée.
templates-name = Nom
templates-subject = Objet
templates-html = Corps HTML
templates-text = Corps texte
templates-from-email = Adresse de l’expéditeur
templates-from-name = Nom de l’expéditeur
templates-languages = Traductions
templates-fluent-hint = Les objets et les corps sont des motifs Fluent : une variable s’écrit { "{ $firstName }" } et une accolade { "{\"{\"}" }.
templates-variables-hint = Variables : $action, $actionName, $option, $reason, $reasonCode, $comment, $expiry, $duration, $phase, $firstName, $lastName, $fullName, $email, $username, $tenant, $baseUrl.
templates-parse-error = Le modèle ne fonctionne pas : { $problem }.
templates-localized = Traductions
templates-localized-hint = Une ligne par langue (un code comme de ou fr-CA). Une partie laissée vide utilise la valeur par défaut ci-dessus. Une ligne vide est supprimée.
templates-localized-add = Ajouter une langue
templates-row-language-missing = Chaque ligne de traduction doit avoir une langue.
templates-language-default = Parties par défaut
templates-preview = Aperçu
templates-preview-language = Langue
templates-preview-heading = Aperçu
templates-preview-hint = Rendu avec des valeurs d’exemple pour Jane Doe, sans enregistrer. Le corps HTML est affiché en source.
templates-html-source = Corps HTML (source)
templates-test-heading = Envoyer un e-mail de test
templates-test-hint = Le modèle enregistré, rendu avec les valeurs d’exemple, est mis en file d’attente et envoyé comme tout e-mail.
templates-test-to = Destinataire
templates-test-send = Envoyer l’e-mail de test
templates-test-no-smtp = Aucun serveur SMTP n’est configuré (ACTIONEER_SMTP_URL) : les e-mails de test ne peuvent pas être envoyés.
templates-delete-title = Supprimer le modèle d’e-mail
templates-delete-confirm = Supprimer le modèle d’e-mail { $name } ?
templates-delete-in-use = Ce modèle est encore utilisé par une action. Choisissez d’abord un autre modèle pour cette action.

## E-mails envoyés avec les modèles

emails-title = E-mails
emails-tabs-label = Modèles d’e-mail et e-mails envoyés
emails-tab-templates = Modèles
emails-tab-emails = E-mails envoyés
emails-empty = Aucun e-mail.
emails-count = { $count ->
    [one] 1 e-mail
   *[other] { $count } e-mails
}
emails-detail-title = E-mail
emails-created = Mis en file
emails-from = De
emails-to = À
emails-subject = Objet
emails-action = Action
emails-action-none = Aucune action
emails-phase-start = Appliquée
emails-phase-modify = Modifiée
emails-phase-cancel = Annulée
emails-phase-end = Terminée
emails-status = Statut
emails-status-any = Tous les statuts
emails-status-pending = En attente
emails-status-sent = Envoyé
emails-status-failed = En échec
emails-attempts = Tentatives
emails-next-attempt = Prochaine tentative
emails-next-attempt-at = prochaine tentative { $time }
emails-last-error = Dernière erreur
emails-attempt-sent = Envoyé
emails-text = Partie texte
emails-html = Partie HTML (source)
emails-html-hint = La partie HTML est affichée en source, sans être rendue.
emails-replay = Envoyer à nouveau
emails-replay-not-failed = Seul un e-mail en échec peut être envoyé à nouveau.
workers-title = Tâches de fond
workers-hint = Les boucles qui terminent les actions expirées et livrent les webhooks et les e-mails. Un élément en échec est consigné puis laissé de côté ; une boucle arrêtée est relancée.
workers-loop = Boucle
workers-loop-ends = Début, rappels et fin des actions à l’heure
workers-loop-webhooks = Livraisons de webhooks
workers-loop-emails = E-mails
workers-status = État
workers-status-ok = En marche
workers-status-not-started = Non démarrée
workers-status-down = Arrêtée, redémarrage
workers-status-failing = En échec
workers-status-stuck = Bloquée
workers-last-success = Dernier passage
workers-restarts = Redémarrages
workers-failed-items = Éléments en échec
workers-backlog = À traiter
workers-backlog-capped = { $count } ou plus
workers-last-error = Dernière erreur
workers-never = Jamais
workers-unknown = Pas encore mesuré
webhooks-silenced = { $event } est désactivé sur le locataire { $tenant } : ce webhook n’en reçoit rien.
webhooks-silenced-switch-on = L’activer
templates-preview-action = Pour l’action
templates-preview-action-sample = Une action d’exemple
templates-preview-from-name-default = Aucun : le nom d’expéditeur du locataire ou du serveur est utilisé
templates-preview-from-address = Adresse d’expédition
templates-preview-html-rendered = Partie HTML, telle qu’affichée
