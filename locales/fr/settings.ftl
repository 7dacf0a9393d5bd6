# Réglages pour les administrateurs : locataires, applications, clés d'API, équipe.

settings-title = Réglages
settings-tenants-count = { $count ->
    [one] { $count } locataire
   *[other] { $count } locataires
}
settings-applications-count = { $count ->
    [one] { $count } application, active ou non
   *[other] { $count } applications, actives ou non
}
settings-api-keys-count = { $count ->
    [one] { $count } clé d'API
   *[other] { $count } clés d'API
}
settings-staff-count = { $count ->
    [one] { $count } membre de l'équipe
   *[other] { $count } membres de l'équipe
}

tenants-title = Locataires
tenants-new = Nouveau locataire
tenants-edit = Modifier le locataire
tenants-name = Nom
tenants-default = Par défaut
tenants-on = Activé
tenants-off = Désactivé
tenants-not-set = Non défini
tenants-events = Événements
tenants-events-user-action = Envoyer les événements user.action aux webhooks de ce locataire
tenants-events-hint = Les webhooks reçoivent un événement chaque fois qu'une action est appliquée, modifiée, annulée ou prend fin pour un utilisateur de ce locataire.
tenants-email = E-mail
tenants-email-hint = Sans hôte, ce locataire envoie ses e-mails par le réglage SMTP du serveur.
tenants-email-server-wide = Réglage du serveur
tenants-smtp-host = Hôte SMTP
tenants-smtp-port = Port
tenants-smtp-security = Sécurité
tenants-security-none = Aucune
tenants-security-ssl = SSL (TLS dès la connexion)
tenants-security-tls = STARTTLS (obligatoire)
tenants-smtp-username = Nom d'utilisateur SMTP
tenants-smtp-password = Mot de passe SMTP
tenants-smtp-password-kept = Un mot de passe est enregistré. Il n'est jamais affiché ; laissez le champ vide pour le conserver.
tenants-smtp-password-none = Aucun mot de passe n'est enregistré.
tenants-smtp-password-remove = Supprimer le mot de passe SMTP enregistré (un mot de passe saisi ci-dessus le remplace plutôt)
tenants-from-email = Adresse d'expédition par défaut
tenants-from-name = Nom d'expéditeur par défaut
tenants-lockout = Connexions échouées
tenants-lockout-hint = Après trop de mots de passe erronés dans l'intervalle, l'action choisie est appliquée à l'utilisateur pour la durée indiquée.
tenants-lockout-action = Action de verrouillage
tenants-lockout-none = Pas de verrouillage
tenants-lockout-attempts = Mots de passe erronés avant le verrouillage
tenants-lockout-window = Comptés sur (secondes)
tenants-lockout-duration = Durée du verrouillage
tenants-lockout-unit = Unité
tenants-lockout-email-user = Prévenir l'utilisateur par e-mail lorsqu'il est verrouillé
tenants-unit-minutes = Minutes
tenants-unit-hours = Heures
tenants-unit-days = Jours
tenants-unit-weeks = Semaines
tenants-unit-months = Mois
tenants-unit-years = Années
tenants-delete-title = Supprimer le locataire
tenants-delete-confirm = Supprimer le locataire « { $name } » et tout ce qu'il contient :
tenants-delete-users = { $count ->
    [one] { $count } utilisateur
   *[other] { $count } utilisateurs
}
tenants-delete-applications = { $count ->
    [one] { $count } application
   *[other] { $count } applications
}
tenants-delete-instances = { $count ->
    [one] { $count } action appliquée à ses utilisateurs
   *[other] { $count } actions appliquées à ses utilisateurs
}
tenants-delete-api-keys = { $count ->
    [one] { $count } clé d'API limitée à ce locataire
   *[other] { $count } clés d'API limitées à ce locataire
}
tenants-delete-definitions = Les actions et les webhooks limités à ce seul locataire sont désactivés. Cette opération est irréversible.
tenants-delete-default = Le locataire par défaut ne peut pas être supprimé : l'équipe de l'application d'administration en fait partie et l'API s'y rapporte.

applications-title = Applications
applications-new = Nouvelle application
applications-edit = Modifier l'application
applications-empty = Il n'y a pas encore d'application.
applications-name = Nom
applications-tenant = Locataire
applications-tenant-fixed = Une application reste dans le locataire où elle a été créée.
applications-state = État
applications-active = Active
applications-inactive = Inactive
applications-deactivate = Désactiver
applications-reactivate = Réactiver
applications-delete-title = Supprimer l'application
applications-delete-confirm = Supprimer l'application « { $name } » du locataire « { $tenant } » ?
applications-delete-hint = Les actions déjà appliquées conservent l'identifiant de l'application. Pour garder l'application sans l'utiliser, désactivez-la plutôt.

api-keys-title = Clés d'API
api-keys-intro = Les clés permettent aux programmes d'appeler l'API. Une clé n'est affichée qu'une fois, à sa création ; seule son empreinte est enregistrée.
api-keys-new = Nouvelle clé d'API
api-keys-create = Créer la clé
api-keys-empty = Il n'y a aucune clé d'API.
api-keys-description = Description
api-keys-no-description = Sans description
api-keys-id = Identifiant
api-keys-scope = Locataire
api-keys-scope-hint = Une clé limitée à un locataire ne voit que ses utilisateurs et ne peut gérer ni les locataires ni les clés.
api-keys-global = Tous les locataires (globale)
api-keys-created = Créée le
api-keys-configured = Issue de ACTIONEER_API_KEY
api-keys-created-title = Clé d'API créée
api-keys-created-once = Copiez la clé maintenant. Elle n'est pas enregistrée et ne sera plus jamais affichée.
api-keys-created-shown = Cette clé a été affichée une fois et ne peut plus l'être. Si elle n'a pas été copiée, supprimez-la et créez-en une autre.
api-keys-back = Retour aux clés d'API
api-keys-key = Clé
api-keys-created-scoped = Cette clé est limitée au locataire « { $tenant } ».
api-keys-created-global = Cette clé vaut pour tous les locataires.
api-keys-done = Je l'ai copiée
api-keys-delete-title = Supprimer la clé d'API
api-keys-delete-confirm = Supprimer la clé d'API « { $description } » ?
api-keys-delete-confirm-id = Supprimer la clé d'API { $id } ?
api-keys-delete-effect = Les programmes qui l'utilisent ne pourront plus appeler l'API.
api-keys-delete-configured = Cette clé provient de ACTIONEER_API_KEY : le serveur la recrée à son prochain démarrage tant que le réglage reste en place.

staff-title = Équipe
staff-new = Nouveau membre
staff-edit = Modifier le membre
staff-name = Nom
staff-email = E-mail
staff-role = Rôle
staff-role-admin = Administrateur
staff-role-support = Support
staff-role-translator = Traducteur
staff-role-hint = Les administrateurs peuvent tout faire ; le support trouve les utilisateurs et leur applique des actions ; les traducteurs modifient les traductions.
staff-language = Langue
staff-language-browser = Selon leur navigateur
staff-time-zone = Fuseau horaire
staff-time-zone-hint = Un nom IANA comme Europe/Paris ; vide pour UTC.
staff-password = Mot de passe
staff-password-hint = Au moins 8 caractères.
staff-new-password = Nouveau mot de passe
staff-new-password-hint = Laissez vide pour garder le mot de passe actuel. Un nouveau mot de passe ferme toutes ses sessions.
staff-last-admin-role = C'est le dernier administrateur : nommez d'abord quelqu'un d'autre administrateur.
staff-remove = Retirer l'accès
staff-delete-title = Retirer l'accès
staff-delete-confirm = Retirer l'accès à l'application d'administration de { $name } ({ $email }) ?
staff-delete-effect = La personne est déconnectée immédiatement. Son compte utilisateur est conservé.
staff-delete-last-admin = C'est le dernier administrateur : son accès ne peut pas être retiré. Nommez d'abord quelqu'un d'autre administrateur.
tenants-webhook-silenced = Le webhook { $url } attend { $event }, désactivé ici : il ne reçoit rien de ce locataire.
tenants-webhook-silenced-open = Ouvrir le webhook
signing-keys-title = Clés de signature
signing-keys-intro = Clés HMAC avec lesquelles un webhook peut signer ses événements (un JWT dans un en-tête). Le secret n’est affiché qu’une fois, à la génération.
signing-keys-new = Nouvelle clé de signature
signing-keys-generate = Générer la clé
signing-keys-empty = Il n’y a aucune clé de signature.
signing-keys-name = Nom
signing-keys-algorithm = Algorithme
signing-keys-kid = Identifiant de clé (kid)
signing-keys-created = Créée
signing-keys-secret = Secret
signing-keys-created-title = Clé de signature générée
signing-keys-created-once = Copiez le secret maintenant : le destinataire en a besoin pour vérifier les signatures, et cette page ne l’affichera plus.
signing-keys-created-shown = Ce secret a été affiché une fois et ne l’est plus. S’il n’a pas été copié, supprimez la clé et générez-en une autre.
signing-keys-back = Retour aux clés de signature
signing-keys-delete-title = Supprimer la clé de signature
signing-keys-delete-named = Supprimer { $name }
signing-keys-delete-confirm = Supprimer la clé de signature « { $name } » ?
signing-keys-delete-effect = Les destinataires qui vérifient les signatures faites avec elle devront recevoir une autre clé.
signing-keys-in-use = Un webhook signe encore avec cette clé : choisissez d’abord une autre clé sur ce webhook.
