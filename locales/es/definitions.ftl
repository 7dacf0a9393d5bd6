reasons-title = Motivos
reasons-new = Nuevo motivo
reasons-edit = Editar motivo
reasons-empty = Todavía no hay motivos.
reasons-text = Texto
reasons-code = Código
reasons-languages = Traducciones
reasons-delete-title = Eliminar motivo
reasons-delete-confirm = ¿Eliminar el motivo «{ $text }»? Las acciones aplicadas con él se conservan, sin motivo.

actions-title = Acciones
actions-inactive-title = Acciones inactivas
actions-new = Nueva acción
actions-edit = Editar acción
actions-tabs-label = Listas de acciones
actions-tab-active = Activas
actions-tab-inactive = Inactivas
actions-empty = Todavía no hay acciones.
actions-inactive-empty = No hay acciones inactivas.
actions-name = Nombre
actions-kind = Tipo
actions-kind-temporal = Temporal
actions-kind-instantaneous = Instantánea
actions-prevent-login = Impide el inicio de sesión
actions-options = Opciones
actions-options-count = { $count ->
    [0] Ninguna
    [one] { $count } opción
   *[other] { $count } opciones
}
actions-languages = Traducciones
actions-tenants = Inquilinos
actions-tenants-all = Todos los inquilinos
actions-deactivate = Desactivar
actions-reactivate = Reactivar
actions-deactivate-confirm = ¿Desactivar esta acción? Ya no podrá aplicarse; las acciones ya aplicadas siguen vigentes.
actions-inactive-notice = Esta acción está inactiva: no puede aplicarse ni modificarse. Reactívela para editarla.

actions-field-name = Nombre
actions-behaviour-legend = Comportamiento
actions-field-temporal = Temporal: dura hasta que vence o se cancela
actions-field-prevent-login = Impide que el usuario inicie sesión mientras está vigente
actions-field-prevent-login-hint = Solo las acciones temporales pueden impedir el inicio de sesión.
actions-field-send-end-event = Enviar un evento al terminar
actions-field-send-end-event-hint = Solo las acciones temporales terminan; una nueva acción instantánea nunca envía un evento de fin.
actions-field-user-notifications = Se puede notificar a los usuarios
actions-emails-legend = Correos electrónicos
actions-field-user-emailing = Se puede enviar correo a los usuarios
actions-field-include-email = Incluir el correo en el JSON del evento
actions-template-start = Plantilla de correo al aplicarla
actions-template-modify = Plantilla de correo al modificarla
actions-template-cancel = Plantilla de correo al cancelarla
actions-template-end = Plantilla de correo al terminar
actions-template-none = Ninguna
actions-template-temporal-hint = Las plantillas de modificación, cancelación y fin solo se aplican a acciones temporales.
actions-localized-legend = Traducciones del nombre
actions-localized-add = Añadir un idioma
actions-options-legend = Opciones
actions-options-hint = Solo las acciones instantáneas tienen opciones, como las respuestas de una encuesta. Vacíe una fila para quitarla.
actions-option-name = Opción
actions-option-localized = Traducciones de la opción
actions-option-localized-hint = Traducciones: una por línea, un código de idioma, un signo igual y el nombre. Por ejemplo: de = Glücklich
actions-option-add = Añadir una opción
actions-tenants-legend = Inquilinos
actions-tenants-every = Todos los inquilinos
actions-tenants-chosen = Solo los inquilinos marcados abajo
actions-transaction-type = Tipo de transacción
actions-transaction-type-hint = Se conserva por compatibilidad con FusionAuth; no tiene efecto.

actions-delete-title = Eliminar acción
actions-delete-confirm = ¿Eliminar definitivamente la acción «{ $name }»?
actions-delete-instances = { $count ->
    [0] Nunca se ha aplicado a un usuario.
    [one] También se elimina la { $count } vez que se aplicó a un usuario.
   *[other] También se eliminan las { $count } veces que se aplicó a usuarios.
}
actions-delete-hint = Para conservar el registro de lo hecho, desactive la acción en su lugar.
actions-deactivate-instead = Desactivar en su lugar

actions-error-prevent-login = Solo una acción temporal puede impedir el inicio de sesión.
actions-error-name-inactive = Una acción inactiva tiene este nombre; reactívela en su lugar.
actions-error-name-duplicate = Otra acción tiene este nombre.
actions-error-locale = Un código de idioma no es válido; use códigos como de o fr-CA.
actions-error-locale-duplicate = Un idioma aparece dos veces.
actions-error-localized-blank = Cada idioma necesita un nombre.
actions-error-options-temporal = Una acción temporal no puede tener opciones.
actions-error-option-blank = Cada opción necesita un nombre, y cada traducción de una opción un texto.
actions-error-option-duplicate = Dos opciones tienen el mismo nombre, o una opción indica un idioma dos veces.
actions-error-option-locale = Un código de idioma de una opción no es válido; use códigos como de o fr-CA.
actions-error-option-too-long = Un nombre de opción o una traducción supera los 191 caracteres.
actions-error-start-template = Para enviar correos a los usuarios o incluir el correo en los eventos hace falta una plantilla de correo para cuando se aplica.
actions-error-template-unknown = Esta plantilla de correo ya no existe.
actions-error-tenant-unknown = Un inquilino elegido ya no existe.
actions-error-tenants-none = Marque al menos un inquilino o elija todos los inquilinos.
actions-error-inactive = Esta acción está inactiva; reactívela antes de modificarla.
actions-error-id-taken = Ya existe una acción con este identificador.

## Más allá del ciclo de vida de FusionAuth: tipos, inicios programados, recordatorios, escalado
kind-penalty = Sanción
kind-entitlement = Derecho
kind-survey = Encuesta
kind-other = Otro
kind-label = Tipo
instances-state-scheduled = Programada
emails-phase-reminder = Recordatorio
lifecycle-scheduled-heading = Inicio programado
lifecycle-starts-at = Empieza { $instant }
lifecycle-reminders-heading = Recordatorios antes del final
lifecycle-reminder-before = { $duration } antes del vencimiento
lifecycle-reminders-none = Sin recordatorios.
lifecycle-escalation-heading = Escalado
lifecycle-escalation-step = Paso { $step } de la escala: { $duration }
lifecycle-escalation-permanent = permanente

## The definition and reason forms: kind, reminders and the escalation ladder
actions-kind-from-shape = Según su configuración (impide el inicio de sesión: sanción; opciones: encuesta; si no, otro)
actions-kind-hint = Las páginas y las búsquedas separan las sanciones de los derechos, para que una suscripción caducada nunca parezca un castigo.
actions-reminders-hint = Solo acciones temporales: un evento de recordatorio, y un correo si se elige una plantilla, este tiempo antes de que termine la acción. Vacíe una fila para quitarla.
actions-reminder-before = Tiempo antes del final
actions-duration-unit = Unidad
actions-reminder-template = Plantilla de correo del recordatorio
actions-reminder-add = Añadir un recordatorio
actions-row-remove = Quitar
actions-escalation-hint = Solo sanciones temporales: aplicar con «escalar» da el paso siguiente, contado a partir de las acciones anteriores del usuario dentro del periodo; las canceladas no cuentan.
actions-escalation-window = Contado durante
actions-escalation-window-unit = Unidad del periodo
actions-escalation-step = Duración del paso
actions-escalation-steps-hint = La primera fila es el primer paso; el último paso se repite para todos los siguientes. Vacíe una fila para quitarla.
actions-escalation-add = Añadir un paso
lifecycle-unit-weeks = semanas
lifecycle-unit-days = días
lifecycle-unit-hours = horas
lifecycle-unit-minutes = minutos
lifecycle-unit-seconds = segundos
actions-error-kind = Elija sanción, derecho, encuesta u otro.
actions-error-reminders-temporal = Solo una acción temporal puede recordar antes de su final.
actions-error-reminders-too-many = Una acción tiene como máximo 10 recordatorios.
actions-error-reminder-duplicate = Dos recordatorios caen a la misma hora antes del final.
actions-error-escalation-penalty = Solo una acción temporal de tipo sanción puede escalar.
actions-error-escalation-steps = Añada al menos un paso.
actions-error-escalation-too-many = Una escala tiene como máximo 20 pasos.
actions-error-duration-positive = Introduzca un número entero mayor que cero.
reasons-escalation-hint = Opcional. Una aplicación con escalado que da este motivo sube por esta escala en lugar de la de la acción, contando las acciones anteriores del usuario dadas por este motivo.
reasons-error-locale-twice = Un idioma aparece dos veces; deje una fila por idioma.
actions-error-lifecycle-below = No se ha guardado nada: corrija el tipo, los recordatorios o el escalado marcados más abajo.
reasons-escalation-summary = { $steps ->
    [one] Un paso durante { $window }
   *[other] { $steps } pasos durante { $window }
}
