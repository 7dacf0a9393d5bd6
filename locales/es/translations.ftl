# Las páginas de traducción: progreso por idioma, errores de los archivos de idioma, editor de datos.

translations-title = Traducciones
translations-intro = Cuánto falta en cada idioma: los textos de la interfaz vienen de los archivos de idioma; los datos (nombres de acciones y opciones, textos de motivos, plantillas de correo) se traducen aquí.
translations-file-errors = Errores en los archivos de idioma
translations-file-errors-hint = Estos archivos no se pueden leer; hasta que se corrijan se usa la última versión correcta de cada uno.
translations-no-languages = Todavía no hay ningún idioma aparte del inglés.
translations-ui = Textos de la interfaz
translations-data = Datos
translations-count = { $done } de { $total }
translations-missing-ui = { $count ->
    [one] Falta { $count } texto de la interfaz
   *[other] Faltan { $count } textos de la interfaz
}
translations-untranslated-ui = { $count ->
    [one] { $count } texto de la interfaz sigue en inglés
   *[other] { $count } textos de la interfaz siguen en inglés
}
translations-missing-data = { $count ->
    [one] { $count } texto de datos sin traducir
   *[other] { $count } textos de datos sin traducir
}
translations-edit-data = Traducir datos
translations-data-title = Traducciones de datos: { $lang }
translations-data-intro = El texto de referencia está a la izquierda. Un campo vacío significa que se usa el texto de referencia. Las plantillas de correo deben usar las mismas { "{ $variables }" } que la referencia.
translations-not-saved = No se guardó nada: corrija los campos marcados abajo.
translations-no-data = Todavía no hay acciones, motivos ni plantillas de correo que traducir.
translations-col-item = Elemento
translations-col-reference = Referencia
translations-col-translation = Traducción ({ $lang })
translations-field-label = Traducción de { $item } «{ $text }»
translations-preview = Vista previa con valores de ejemplo
translations-kind-action = Acción
translations-kind-option = Opción
translations-kind-reason = Motivo
translations-kind-subject = Asunto del correo
translations-kind-html = Cuerpo del correo (HTML)
translations-kind-text = Cuerpo del correo (texto)
translations-problem-unknown-id = Nada tiene este identificador.
translations-problem-unknown-variable = Usa { "{" } ${ $name } { "}" }, que el texto de referencia no usa.
translations-problem-missing-variable = No usa { "{" } ${ $name } { "}" }, que el texto de referencia sí usa.
translations-problem-placeable = Aquí solo se permite texto entre comillas dentro de llaves.
translations-problem-syntax = La plantilla no es válida: { $detail }
translations-problem-rejected = No se guardó: { $detail }
translations-ui-title = Textos de la interfaz: { $lang }, { $file }
translations-ui-intro = Cambie el texto de la derecha; el inglés está al lado. Al guardar se comprueba el archivo como con «locales check». Si el servidor puede escribir en su carpeta de idiomas, el cambio se ve enseguida; si no, se ofrece el archivo para descargarlo.
translations-col-id = Id del mensaje
translations-ui-field-label = Texto { $lang } de { $id }
translations-ui-same = Igual que en inglés a propósito
translations-edit-ui = Editar los textos de la interfaz
translations-edit-ui-file = { $lang }: { $file }
