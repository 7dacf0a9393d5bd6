# Usuarios: búsqueda, página de un usuario (datos, acciones en curso, historial), aplicar y cambiar acciones.

users-title = Usuarios
users-search-label = Correo, nombre o id
users-search-hint = Parte de una dirección de correo o de un nombre (nombre, apellido o nombre completo), o el id exacto de un usuario. Se buscan todos los inquilinos.
users-none-found = Ningún usuario coincide.
users-found = { $count ->
    [one] Se encontró un usuario.
   *[other] Se encontraron { $count } usuarios.
}
users-page-of = Página { $page } de { $pages }.
users-pages = Páginas de resultados

users-email = Correo
users-name = Nombre
users-id = Id
users-tenant = Inquilino
users-languages = Idiomas preferidos
users-time-zone = Zona horaria
users-active = Activo
users-last-login = Último inicio de sesión
users-never = Nunca
users-back-to-search = Volver a la búsqueda
users-back-to-user = Volver a { $user }
users-details = Datos
users-person = { $name } ({ $email })
users-actioneer = Actioneer

users-current = Acciones en curso
users-current-empty = No hay ninguna acción en curso para este usuario.
users-col-action = Acción
users-col-reason = Motivo
users-col-expiry = Vencimiento
users-col-applied-by = Aplicada por
users-col-comment = Comentario
users-remaining = quedan { $duration }
users-change = Cambiar
users-cancel-comment = Comentario sobre la cancelación
users-cancel-confirm = ¿Cancelar esta acción ahora?
users-cancel-submit = Cancelar acción

users-apply = Aplicar una acción
users-apply-none = No hay ninguna acción activa disponible en el inquilino de este usuario.
users-apply-action = Acción
users-apply-choose = Elija una acción…
users-apply-temporal = { $name } (hasta el vencimiento)
users-apply-option = Opción
users-apply-option-none = Sin opción
users-apply-option-hint = Solo para acciones instantáneas que tienen opciones.
users-apply-reason = Motivo
users-apply-reason-none = Sin motivo
users-comment = Comentario
users-expiry = Vencimiento
users-expiry-at = Termina el
users-expiry-hint = Solo para acciones que duran hasta un vencimiento. Horas en su zona horaria ({ $zone }). Una fecha escrita aquí tiene prioridad sobre una duración elegida abajo.
users-preset-legend = O elija una duración desde ahora
users-preset-1d = 1 día
users-preset-7d = 7 días
users-preset-30d = 30 días
users-preset-forever = Para siempre
users-preset-keep = Mantener el vencimiento actual
users-shift-legend = O mover el vencimiento actual
users-preset-ext-1d = 1 día más tarde
users-preset-ext-7d = 7 días más tarde
users-preset-ext-30d = 30 días más tarde
users-preset-cut-1d = 1 día antes
users-preset-cut-7d = 7 días antes
users-email-user = Enviar un correo al usuario
users-notify-user = Notificar al usuario
users-apply-submit = Aplicar

users-history = Historial
users-history-empty = Todavía no le ha pasado nada a este usuario.
users-step-applied = Aplicada
users-step-instant = Aplicada (instantánea)
users-step-modified = Cambiada
users-step-cancelled = Cancelada
users-step-ended = Vencida
users-step-by = por { $who }
users-step-until = Hasta el { $expiry }
users-step-expiry-change = Vencimiento: { $old } → { $new }
users-step-was-until = Iba a terminar el { $expiry }
users-step-reason = Motivo: { $reason }
users-step-option = Opción: { $option }
users-step-comment = Comentario: { $comment }

users-change-title = Cambiar: { $action }
users-change-now = Estado actual
users-change-heading = Cambiar el vencimiento o el comentario
users-change-comment-hint = El comentario tal como quedará al guardar; vacíelo para quitarlo.
users-change-submit = Guardar cambios
users-change-leave = Volver sin guardar
users-change-expiry-hint = Horas en su zona horaria ({ $zone }). El campo muestra cuándo termina ahora la acción: escriba otra fecha, o déjela como está y elija abajo.
users-cancel-heading = Cancelar la acción
users-not-running = Esta acción ya no está en curso: no se puede cambiar ni cancelar.

users-stale = Esta acción cambió después de abrir esta página. No se guardó nada.
users-stale-hint = La página muestra ahora la acción tal como está. Revise su cambio y guárdelo de nuevo si aún lo desea.
users-stale-line = { $who }: { $what }
users-stale-expiry = movió el final de { $before } a { $after }
users-stale-comment = cambió el comentario a «{ $comment }»
users-stale-cancelled = la canceló
users-email-unavailable = No hay ningún servidor SMTP configurado para el inquilino de este usuario ni para este servidor: «Enviar un correo al usuario» no enviará nada.

## Kinds, scheduled starts, escalation and staff notes on the user's page
users-kind-penalty = Sanciones
users-kind-entitlement = Derechos
users-kind-survey = Encuestas
users-kind-other = Otras acciones
users-col-start = Comienza
users-change-scheduled = Cambiar o cancelar
users-start = Comienzo
users-start-at = Comienza el
users-start-hint = Solo para acciones que duran hasta un vencimiento. Déjelo vacío para empezar ahora; una hora futura programa la acción, y las duraciones de abajo cuentan desde ella. Horas en su zona horaria ({ $zone }).
users-change-start-hint = La acción aún no ha comenzado. Escriba otra hora para mover su comienzo ({ $zone }), o cancélela abajo antes de que comience.
users-escalate = Escalar: tomar la duración de la escala de la acción
users-escalate-hint = Deje el vencimiento vacío: el escalón se cuenta según el historial de este usuario, y usted lo ve antes de que se aplique nada.
users-escalate-preview = Escalón que se aplicará
users-escalate-confirm-hint = Todavía no se ha aplicado nada. Compruebe el escalón y confirme.
users-escalate-confirm = Confirmar y aplicar
users-notes = Notas internas
users-notes-empty = Todavía no hay ninguna nota interna.
users-note = Nota interna
users-note-hint = Solo el personal ve las notas: nunca se envían al usuario, a los webhooks ni a los clientes de la API.
users-note-submit = Añadir nota
users-note-delete = Eliminar nota
users-note-delete-confirm = ¿Eliminar esta nota?
users-step-note = Nota interna
users-change-heading-scheduled = Cambiar el comienzo, el vencimiento o el comentario
