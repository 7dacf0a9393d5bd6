app-name = Actioneer
language-name = Français

format-datetime = %d/%m/%Y %H:%M
format-date = %d/%m/%Y
expiry-forever = Jamais

nav-skip = Aller au contenu
nav-label = Menu principal
nav-dashboard = Tableau de bord
nav-users = Utilisateurs
nav-survey = Enquête
nav-instances = Actions effectuées
nav-actions = Actions
nav-reasons = Motifs
nav-webhooks = Webhooks
nav-email-templates = Modèles d’e-mail
nav-settings = Paramètres
nav-translations = Traductions
nav-sign-out = Se déconnecter

login-title = Connexion
login-email = E-mail
login-password = Mot de passe
login-submit = Se connecter
login-failed = L’e-mail ou le mot de passe est incorrect, ou ce compte n’a pas accès à l’administration.
login-throttled = { $minutes ->
    [0] Trop de tentatives de connexion échouées pour cette adresse e-mail ou depuis ce réseau. Réessayez dans un instant.
    [one] Trop de tentatives de connexion échouées pour cette adresse e-mail ou depuis ce réseau. Réessayez dans { $minutes } minute.
   *[other] Trop de tentatives de connexion échouées pour cette adresse e-mail ou depuis ce réseau. Réessayez dans { $minutes } minutes.
}

setup-title = Créer le premier administrateur
setup-intro = Personne ne peut encore se connecter. Choisissez l’e-mail et le mot de passe du premier administrateur.
setup-name = Nom
setup-submit = Créer et se connecter

account-title = Vos paramètres
account-language = Langue
account-language-browser = Selon mon navigateur
account-time-zone = Fuseau horaire
account-time-zone-hint = Un nom IANA comme Europe/Paris ; vide pour UTC. Les heures sont affichées et saisies dans ce fuseau.
account-password-title = Mot de passe
account-current-password = Mot de passe actuel
account-new-password = Nouveau mot de passe
account-new-password-hint = Au moins 8 caractères. Vos autres sessions sont fermées ; celle-ci reste ouverte.
account-password-submit = Changer le mot de passe

home-welcome = Bienvenue, { $name }.

action-save = Enregistrer
action-cancel = Annuler
action-delete = Supprimer
action-edit = Modifier
action-search = Rechercher
action-back = Retour
table-actions = Actions
pager-previous = Précédent
pager-next = Suivant
yes = Oui
no = Non

notice-created = Créé.
notice-saved = Enregistré.
notice-deleted = Supprimé.
notice-deactivated = Désactivé.
notice-reactivated = Réactivé.
notice-applied = Action appliquée.
notice-modified = Action modifiée.
notice-cancelled = Action annulée.
notice-recorded = Enregistré.
notice-sent = Envoyé.
notice-replayed = Remis en file d’envoi.
notice-signed-out = Vous êtes déconnecté.
notice-imported = Importé.

form-error-blank = Ce champ est obligatoire.
form-error-missing = Ce champ est obligatoire.
form-error-invalid = Cette valeur n’est pas valide.
form-error-duplicate = Cette valeur est déjà utilisée.
form-error-inactive = Ceci est inactif.
form-error-notAllowed = Ceci n’est pas autorisé ici.
form-error-tooLong = C’est trop long.
form-error-tooShort = C’est trop court.
form-error-tooSmall = La valeur doit être supérieure à zéro.
form-error-inPast = La date doit être dans le futur.
form-error-disabled = Ceci est désactivé pour cette action.
form-error-emailingNotSupported = Cette action n’envoie pas d’e-mail aux utilisateurs.
form-error-actionIsMissingTemplateDefinition = Cette action n’a pas de modèle d’e-mail pour cette étape.
form-error-inUse = Ceci est encore utilisé.
form-error-cannotDelete = Ceci ne peut pas être supprimé.
form-error-other-field = { $field } : { $message }

localized-legend = Traductions
localized-locale = Langue
localized-text = Texte traduit
localized-hint = Une étiquette de langue comme de ou fr-CA. Laissez les deux champs vides pour supprimer une ligne.

error-forbidden-title = Accès refusé
error-forbidden-text = Votre rôle ne donne pas accès à cette page.
error-not-found-title = Introuvable
error-not-found-text = Cette page n’existe pas, ou son contenu a été supprimé.
error-csrf-title = Le formulaire n’a pas pu être envoyé
error-csrf-text = Le formulaire était périmé ou ne venait pas de ce site. Revenez en arrière, rechargez la page et réessayez.
error-bad-request-title = Requête invalide
error-bad-request-text = La requête n’a pas pu être comprise.
error-unavailable-title = Le serveur est occupé
error-unavailable-text = Le serveur n’a pas pu répondre à temps. Veuillez réessayer dans un instant.
error-internal-title = Une erreur est survenue
error-internal-text = L’erreur a été enregistrée. Veuillez réessayer.
error-back-home = Retour au tableau de bord
