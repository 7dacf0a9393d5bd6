reasons-title = Motifs
reasons-new = Nouveau motif
reasons-edit = Modifier le motif
reasons-empty = Aucun motif pour l’instant.
reasons-text = Texte
reasons-code = Code
reasons-languages = Traductions
reasons-delete-title = Supprimer le motif
reasons-delete-confirm = Supprimer le motif « { $text } » ? Les actions effectuées avec lui restent enregistrées, sans motif.

actions-title = Actions
actions-inactive-title = Actions inactives
actions-new = Nouvelle action
actions-edit = Modifier l’action
actions-tabs-label = Listes des actions
actions-tab-active = Actives
actions-tab-inactive = Inactives
actions-empty = Aucune action pour l’instant.
actions-inactive-empty = Aucune action inactive.
actions-name = Nom
actions-kind = Type
actions-kind-temporal = Temporaire
actions-kind-instantaneous = Instantanée
actions-prevent-login = Bloque la connexion
actions-options = Options
actions-options-count = { $count ->
    [0] Aucune
    [one] { $count } option
   *[other] { $count } options
}
actions-languages = Traductions
actions-tenants = Locataires
actions-tenants-all = Tous les locataires
actions-deactivate = Désactiver
actions-reactivate = Réactiver
actions-deactivate-confirm = Désactiver cette action ? Elle ne pourra plus être appliquée ; les actions déjà effectuées restent en vigueur.
actions-inactive-notice = Cette action est inactive : elle ne peut être ni appliquée ni modifiée. Réactivez-la pour la modifier.

actions-field-name = Nom
actions-behaviour-legend = Comportement
actions-field-temporal = Temporaire : dure jusqu’à son expiration ou son annulation
actions-field-prevent-login = Empêche l’utilisateur de se connecter tant qu’elle est en vigueur
actions-field-prevent-login-hint = Seules les actions temporaires peuvent bloquer la connexion.
actions-field-send-end-event = Envoyer un événement à la fin
actions-field-send-end-event-hint = Seules les actions temporaires prennent fin ; une nouvelle action instantanée n’envoie jamais d’événement de fin.
actions-field-user-notifications = Les utilisateurs peuvent être notifiés
actions-emails-legend = E-mails
actions-field-user-emailing = Les utilisateurs peuvent recevoir un e-mail
actions-field-include-email = Inclure l’e-mail dans le JSON de l’événement
actions-template-start = Modèle d’e-mail à l’application
actions-template-modify = Modèle d’e-mail à la modification
actions-template-cancel = Modèle d’e-mail à l’annulation
actions-template-end = Modèle d’e-mail à la fin
actions-template-none = Aucun
actions-template-temporal-hint = Les modèles de modification, d’annulation et de fin ne concernent que les actions temporaires.
actions-localized-legend = Traductions du nom
actions-localized-add = Ajouter une langue
actions-options-legend = Options
actions-options-hint = Seules les actions instantanées ont des options, comme les réponses d’une enquête. Videz une ligne pour la supprimer.
actions-option-name = Option
actions-option-localized = Traductions de l’option
actions-option-localized-hint = Traductions : une par ligne, un code de langue, un signe égal, puis le nom. Par exemple : de = Glücklich
actions-option-add = Ajouter une option
actions-tenants-legend = Locataires
actions-tenants-every = Tous les locataires
actions-tenants-chosen = Seulement les locataires cochés ci-dessous
actions-transaction-type = Type de transaction
actions-transaction-type-hint = Conservé pour la compatibilité avec FusionAuth ; sans effet.

actions-delete-title = Supprimer l’action
actions-delete-confirm = Supprimer définitivement l’action « { $name } » ?
actions-delete-instances = { $count ->
    [0] Elle n’a jamais été appliquée à un utilisateur.
    [one] Cela supprime aussi sa { $count } application à un utilisateur.
   *[other] Cela supprime aussi ses { $count } applications à des utilisateurs.
}
actions-delete-hint = Pour garder la trace de ce qui a été fait, désactivez plutôt l’action.
actions-deactivate-instead = Désactiver plutôt

actions-error-prevent-login = Seule une action temporaire peut bloquer la connexion.
actions-error-name-inactive = Une action inactive porte ce nom ; réactivez-la plutôt.
actions-error-name-duplicate = Une autre action porte ce nom.
actions-error-locale = Un code de langue n’est pas valide ; utilisez des codes comme de ou fr-CA.
actions-error-locale-duplicate = Une langue figure deux fois.
actions-error-localized-blank = Chaque langue a besoin d’un nom.
actions-error-options-temporal = Une action temporaire ne peut pas avoir d’options.
actions-error-option-blank = Chaque option a besoin d’un nom, et chaque traduction d’une option d’un texte.
actions-error-option-duplicate = Deux options portent le même nom, ou une option indique deux fois la même langue.
actions-error-option-locale = Un code de langue d’une option n’est pas valide ; utilisez des codes comme de ou fr-CA.
actions-error-option-too-long = Un nom d’option ou une traduction dépasse 191 caractères.
actions-error-start-template = Pour envoyer des e-mails aux utilisateurs ou inclure l’e-mail dans les événements, il faut un modèle d’e-mail pour l’application.
actions-error-template-unknown = Ce modèle d’e-mail n’existe plus.
actions-error-tenant-unknown = Un locataire choisi n’existe plus.
actions-error-tenants-none = Cochez au moins un locataire, ou choisissez tous les locataires.
actions-error-inactive = Cette action est inactive ; réactivez-la avant de la modifier.
actions-error-id-taken = Une action avec cet identifiant existe déjà.

## Au-delà du cycle de vie de FusionAuth : types, débuts programmés, rappels, escalade
kind-penalty = Sanction
kind-entitlement = Droit
kind-survey = Sondage
kind-other = Autre
kind-label = Type
instances-state-scheduled = Programmée
emails-phase-reminder = Rappel
lifecycle-scheduled-heading = Début programmé
lifecycle-starts-at = Commence { $instant }
lifecycle-reminders-heading = Rappels avant la fin
lifecycle-reminder-before = { $duration } avant l’expiration
lifecycle-reminders-none = Aucun rappel.
lifecycle-escalation-heading = Escalade
lifecycle-escalation-step = Palier { $step } de l’échelle : { $duration }
lifecycle-escalation-permanent = permanente

## The definition and reason forms: kind, reminders and the escalation ladder
actions-kind-from-shape = D’après ses réglages (empêche la connexion : sanction ; options : sondage ; sinon autre)
actions-kind-hint = Les pages et les recherches séparent les sanctions des droits : un abonnement expiré ne passe jamais pour une punition.
actions-reminders-hint = Actions temporaires seulement : un événement de rappel, et un e-mail si un modèle est choisi, ce délai avant la fin de l’action. Videz une ligne pour la retirer.
actions-reminder-before = Délai avant la fin
actions-duration-unit = Unité
actions-reminder-template = Modèle d’e-mail du rappel
actions-reminder-add = Ajouter un rappel
actions-row-remove = Retirer
actions-escalation-hint = Sanctions temporaires seulement : appliquer avec « escalader » donne le palier suivant, compté d’après les actions antérieures de l’utilisateur dans la période ; les actions annulées ne comptent pas.
actions-escalation-window = Compté sur
actions-escalation-window-unit = Unité de la période
actions-escalation-step = Durée du palier
actions-escalation-steps-hint = La première ligne est le premier palier ; le dernier palier vaut pour tous les suivants. Videz une ligne pour la retirer.
actions-escalation-add = Ajouter un palier
lifecycle-unit-weeks = semaines
lifecycle-unit-days = jours
lifecycle-unit-hours = heures
# same-as-english
lifecycle-unit-minutes = minutes
lifecycle-unit-seconds = secondes
actions-error-kind = Choisissez sanction, droit, sondage ou autre.
actions-error-reminders-temporal = Seule une action temporaire peut rappeler avant sa fin.
actions-error-reminders-too-many = Une action a au plus 10 rappels.
actions-error-reminder-duplicate = Deux rappels tombent au même moment avant la fin.
actions-error-escalation-penalty = Seule une action temporaire de type sanction peut escalader.
actions-error-escalation-steps = Ajoutez au moins un palier.
actions-error-escalation-too-many = Une échelle a au plus 20 paliers.
actions-error-duration-positive = Saisissez un nombre entier supérieur à zéro.
reasons-escalation-hint = Facultatif. Une application avec escalade qui donne ce motif suit cette échelle au lieu de celle de l’action, en comptant les actions antérieures de l’utilisateur données pour ce motif.
reasons-error-locale-twice = Une langue figure deux fois ; gardez une ligne par langue.
actions-error-lifecycle-below = Rien n’a été enregistré : corrigez le type, les rappels ou l’escalade signalés plus bas.
reasons-escalation-summary = { $steps ->
    [one] Un palier sur { $window }
   *[other] { $steps } paliers sur { $window }
}
