# Panel, encuesta de satisfacción y lista de acciones aplicadas.

dashboard-translator = Su rol abarca las traducciones. Continúe allí para ver qué falta en cada idioma.
dashboard-current = Activas ahora
dashboard-current-total = { $count ->
    [one] instancia activa de una acción temporal
   *[other] instancias activas de acciones temporales
}
dashboard-preventing-login = { $count ->
    [one] de ellas impide iniciar sesión
   *[other] de ellas impiden iniciar sesión
}
dashboard-prevents-login = impide iniciar sesión
dashboard-expiring = Vence en los próximos 7 días
dashboard-expiring-none = Nada vence en los próximos 7 días.
dashboard-expiring-count = { $count ->
    [one] Una acción vence en los próximos 7 días.
   *[other] { $count } acciones vencen en los próximos 7 días; se muestran las más próximas.
}
dashboard-left = Tiempo restante
dashboard-survey = Encuesta de satisfacción
dashboard-survey-choice = Encuesta
dashboard-show = Mostrar
dashboard-chart-title = Respuestas a { $survey } por semana
dashboard-chart-desc = Respuestas por semana en las últimas { $weeks } semanas. Totales: { $totals }.
dashboard-chart-total = { $option }: { $count }
dashboard-option = Respuesta
dashboard-total = Total
dashboard-by-agent = Respuestas por agente (últimas 8 semanas)
dashboard-no-answers = No hay respuestas en las últimas 8 semanas.
dashboard-comments = Comentarios recientes
dashboard-no-comments = Todavía no hay comentarios.
dashboard-record = Registrar respuestas de la encuesta
dashboard-all-answers = Todas las respuestas
dashboard-no-option = (sin respuesta)
dashboard-no-agent = (sin agente)

survey-title = Encuesta de satisfacción
survey-none = No hay ninguna encuesta configurada: una encuesta es una acción instantánea activa con opciones, como contento, indiferente y frustrado.
survey-define = Crear una acción
survey-find-user = Buscar al usuario
survey-find-hint = Escriba parte del nombre o del correo electrónico, o pegue el identificador del usuario.
survey-recorded-for = Respuesta registrada para { $user }.
survey-recorded-open = Abrir su página
survey-no-users = Ningún usuario coincide.
survey-user-email = Correo electrónico
survey-user-name = Nombre
survey-ask = Registrar respuesta
survey-asking = Respuesta de { $user }
survey-other-user = Otro usuario
survey-choose = ¿Qué encuesta?
survey-change = Elegir otra encuesta
survey-question = { $survey }: ¿cómo se siente el usuario?
survey-comment = Comentario (opcional)

instances-title = Acciones aplicadas
instances-csv = Descargar CSV
instances-filters = Filtros
instances-any = Cualquiera
instances-expires-after = Vence después de
instances-expires-before = Vence antes de
instances-apply-filters = Filtrar
instances-clear-filters = Quitar filtros
instances-empty = Ninguna acción coincide con estos filtros.
instances-pages = Páginas
instances-first-page = Primera página
instances-state-active = Activa
instances-state-ended = Vencida
instances-state-cancelled = Cancelada
instances-state-instant = Instantánea
instances-col-id = Identificador
instances-col-action = Acción
instances-col-option = Opción
instances-col-state = Estado
instances-col-user-id = Identificador del usuario
instances-col-user = Usuario
instances-col-agent-id = Identificador del agente
instances-col-agent = Agente
instances-col-reason = Motivo
instances-col-reason-code = Código del motivo
instances-col-comment = Comentario
instances-col-created = Aplicada
instances-col-expiry = Vence
instances-range-reversed = «Vence antes de» debe ser posterior a «Vence después de»: el intervalo está al revés.
instances-user-hint = Nombre, correo o id
instances-user-too-many = Coinciden más de { $count } usuarios: escriba más del nombre o del correo.
instances-applied-from = Aplicada desde
instances-applied-to = Aplicada hasta
instances-applied-reversed = «Aplicada hasta» no puede ser anterior a «Aplicada desde»: el intervalo está al revés.
dashboard-kind-penalty = { $count ->
    [one] sanción activa
   *[other] sanciones activas
}
dashboard-kind-entitlement = { $count ->
    [one] derecho activo
   *[other] derechos activos
}
dashboard-kind-survey = { $count ->
    [one] acción de encuesta activa
   *[other] acciones de encuesta activas
}
dashboard-kind-other = { $count ->
    [one] otra acción activa
   *[other] otras acciones activas
}

bulk-title = Cambio en bloque
bulk-select = Seleccionar
bulk-select-instance = Seleccionar { $action } de { $user }
bulk-apply = Aplicar una acción a los usuarios seleccionados…
bulk-bound = Hasta { $count } a la vez.
bulk-with-selected = Con las acciones seleccionadas (hasta { $count })
bulk-days = Días que añadir
bulk-extend = Prolongar…
bulk-cancel = Cancelarlas…
bulk-none-selected = No hay nada seleccionado: marque las filas que quiere cambiar y vuelva a intentarlo.
bulk-too-many = Hay más de { $count } seleccionados: un cambio en bloque admite como máximo { $count }. Reduzca la selección y vuelva a intentarlo.
bulk-choose = Elegir…
bulk-choose-action = Elija la acción que aplicar.
bulk-choose-option = Esta acción necesita una de sus opciones: elija una.
bulk-choose-duration = Elija cuánto dura la acción.
bulk-choose-operation = Elija si prolongar o cancelar las acciones seleccionadas.
bulk-days-invalid = Los días que añadir deben ser un número entero de 1 a 3650.
bulk-selected-users = { $count ->
    [one] Un usuario seleccionado
   *[other] { $count } usuarios seleccionados
}
bulk-no-option = Sin opción
bulk-option-hint = Solo para acciones con opciones, como una encuesta.
bulk-duration = Duración (acciones temporales)
bulk-duration-hint = Contada desde el momento en que confirma.
bulk-review = Revisar
bulk-apply-title = Aplicar una acción a varios usuarios
bulk-apply-summary = { $action } se aplicará a { $count ->
    [one] un usuario
   *[other] { $count } usuarios
}, cada vez como un cambio propio, con sus propios eventos.
bulk-apply-button = { $count ->
    [one] Aplicar a un usuario
   *[other] Aplicar a { $count } usuarios
}
bulk-until = hasta el { $date }
bulk-extend-title = Prolongar varias acciones
bulk-extend-summary = { $count ->
    [one] Una acción terminará
   *[other] { $count } acciones terminarán
} { $days ->
    [one] un día
   *[other] { $days } días
} más tarde, cada vez como un cambio propio, con sus propios eventos.
bulk-extend-button = { $count ->
    [one] Prolongar una acción
   *[other] Prolongar { $count } acciones
}
bulk-extend-what = Termina el { $to } en lugar del { $from }
bulk-cancel-title = Cancelar varias acciones
bulk-cancel-summary = { $count ->
    [one] Una acción se cancelará
   *[other] { $count } acciones se cancelarán
} ahora, cada vez como un cambio propio, con sus propios eventos.
bulk-cancel-button = { $count ->
    [one] Cancelar una acción
   *[other] Cancelar { $count } acciones
}
bulk-cancel-what = Se cancela ahora
bulk-will-refuse = { $count ->
    [one] Una de ellas no puede cambiarse tal como están las cosas; se informará, no se cambiará.
   *[other] { $count } de ellas no pueden cambiarse tal como están las cosas; se informarán, no se cambiarán.
}
bulk-col-what = Qué ocurrirá
bulk-col-result = Resultado
bulk-comment = Comentario (opcional)
bulk-comment-hint = Sustituye el comentario de cada acción; si lo deja vacío, cada una conserva el suyo.
bulk-report-counts = Hechas: { $done }. Rechazadas: { $refused }.
bulk-refused = Rechazada: { $reason }
bulk-done-apply = Aplicada
bulk-done-extend = Prolongada
bulk-done-cancel = Cancelada
bulk-refused-instantaneous = una acción instantánea ocurrió una vez y no tiene un final que cambiar.
bulk-refused-not-running = ya terminó o fue cancelada.
bulk-refused-stale = cambió después de que la página de confirmación la mostrara.
bulk-refused-permanent = una acción permanente no tiene un final que prolongar.
bulk-refused-duplicate = el usuario ya tiene esta acción en curso.
bulk-refused-unavailable = esta acción no está disponible para el usuario.
bulk-refused-gone = ya no existe.
bulk-refused-invalid = el cambio no era válido para ella.
bulk-no-reason = Sin motivo
dashboard-by-kind = Por tipo
