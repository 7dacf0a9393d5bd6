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
