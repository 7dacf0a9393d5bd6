# Les pages de traduction : avancement par langue, erreurs des fichiers de langue, éditeur des données.

translations-title = Traductions
translations-intro = Où en est chaque langue : les textes de l’interface viennent des fichiers de langue, les données (noms des actions et des options, textes des motifs, modèles d’e-mail) se traduisent ici.
translations-file-errors = Erreurs dans les fichiers de langue
translations-file-errors-hint = Ces fichiers ne peuvent pas être lus ; la dernière version correcte de chacun reste en service jusqu’à leur correction.
translations-no-languages = Il n’y a encore aucune langue à part l’anglais.
translations-ui = Textes de l’interface
translations-data = Données
translations-count = { $done } sur { $total }
translations-missing-ui = { $count ->
    [one] { $count } texte d’interface manquant
   *[other] { $count } textes d’interface manquants
}
translations-untranslated-ui = { $count ->
    [one] { $count } texte d’interface encore en anglais
   *[other] { $count } textes d’interface encore en anglais
}
translations-missing-data = { $count ->
    [one] { $count } texte de données non traduit
   *[other] { $count } textes de données non traduits
}
translations-edit-data = Traduire les données
translations-data-title = Traductions des données : { $lang }
translations-data-intro = Le texte de référence est à gauche. Un champ vide signifie que le texte de référence s’applique. Les modèles d’e-mail doivent utiliser les mêmes { "{ $variables }" } que la référence.
translations-not-saved = Rien n’a été enregistré : corrigez les champs signalés ci-dessous.
translations-no-data = Il n’y a encore ni action, ni motif, ni modèle d’e-mail à traduire.
translations-col-item = Élément
translations-col-reference = Référence
translations-col-translation = Traduction ({ $lang })
translations-field-label = Traduction de { $item } « { $text } »
translations-preview = Aperçu avec des valeurs d’exemple
translations-kind-action = Action
translations-kind-option = Choix
translations-kind-reason = Motif
translations-kind-subject = Objet de l’e-mail
translations-kind-html = Corps de l’e-mail (HTML)
translations-kind-text = Corps de l’e-mail (texte)
translations-problem-unknown-id = Rien ne porte cet identifiant.
translations-problem-unknown-variable = Utilise { "{" } ${ $name } { "}" }, absent du texte de référence.
translations-problem-missing-variable = N’utilise pas { "{" } ${ $name } { "}" }, présent dans le texte de référence.
translations-problem-placeable = Entre accolades, seul du texte entre guillemets est permis ici.
translations-problem-syntax = Modèle non valide : { $detail }
translations-problem-rejected = Non enregistré : { $detail }
translations-ui-title = Textes de l’interface : { $lang }, { $file }
translations-ui-intro = Modifiez le texte à droite ; l’anglais est à côté. L’enregistrement vérifie le fichier comme « locales check ». Si le serveur peut écrire dans son dossier de langues, le changement s’affiche aussitôt ; sinon le fichier est proposé au téléchargement.
translations-col-id = Identifiant du message
translations-ui-field-label = Texte { $lang } de { $id }
translations-ui-same = Identique à l’anglais à raison
translations-edit-ui = Modifier les textes de l’interface
translations-edit-ui-file = { $lang } : { $file }
