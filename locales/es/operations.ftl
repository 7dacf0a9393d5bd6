# Operaciones: webhooks y su registro de entregas, plantillas de correo.

## Webhooks

webhooks-title = Webhooks
webhooks-new = Nuevo webhook
webhooks-edit = Editar webhook
webhooks-empty = Aún no hay webhooks. Un webhook recibe un evento user.action cada vez que una acción se aplica, se modifica, se cancela o termina.
webhooks-url = URL
webhooks-url-hint = Una dirección absoluta que empieza por http:// o https://.
webhooks-description = Descripción
webhooks-connect-timeout = Tiempo de conexión (milisegundos)
webhooks-read-timeout = Tiempo de lectura (milisegundos)
webhooks-scope = Inquilinos
webhooks-global = Todos los inquilinos
webhooks-global-label = Para todos los inquilinos
webhooks-no-tenants = Ningún inquilino
webhooks-tenants-hint = Sin «Para todos los inquilinos», solo se envían los eventos de los inquilinos marcados abajo.
webhooks-events = Eventos
webhooks-user-action-enabled = Enviar eventos user.action
webhooks-user-action-on = user.action
webhooks-user-action-off = Desactivado
webhooks-routing = Acciones
webhooks-routing-all = Todas las acciones
webhooks-routing-hint = Marque las acciones cuyos eventos van a este webhook. Ninguna marcada: los eventos de todas las acciones.
webhooks-no-actions = Aún no hay acciones.
webhooks-headers = Cabeceras propias
webhooks-header-name = Nombre de la cabecera
webhooks-header-value = Valor
webhooks-header-add = Añadir una cabecera
webhooks-headers-hint = Se envían con cada petición. Los nombres solo llevan letras, cifras y - _ .; Content-Type, Content-Length, Host, X-FusionAuth-Signature-JWT y webhook-… los pone Actioneer. Los valores no pueden contener saltos de línea. Una fila vacía se elimina.
webhooks-auth = Autenticación HTTP básica
webhooks-auth-username = Usuario
webhooks-auth-password = Contraseña
webhooks-auth-password-kept = Hay una contraseña guardada. Deje este campo vacío para conservarla.
webhooks-auth-password-none = No hay ninguna contraseña guardada.
webhooks-auth-password-remove = Eliminar la contraseña guardada (una contraseña escrita arriba la sustituye en su lugar)
webhooks-signing = Firma (X-FusionAuth-Signature-JWT)
webhooks-signing-key = Clave de firma
webhooks-signing-none = Sin firma JWT
webhooks-signing-hint = Una clave HMAC de los ajustes de claves. La firma Standard Webhooks de abajo se envía siempre.
webhooks-secret = Secreto de firma (Standard Webhooks)
webhooks-secret-hint = Los receptores comprueban la cabecera webhook-signature con este secreto. Manténgalo en privado.
webhooks-secret-regenerate = Generar un secreto nuevo
webhooks-secret-confirm = Los receptores que comprueban firmas rechazarán los eventos hasta tener el secreto nuevo. ¿Continuar?
webhooks-send-test = Enviar evento de prueba
webhooks-health = Entregas
webhooks-health-none = Ninguna todavía
webhooks-health-ok = { $count ->
    [one] La última entrega tuvo éxito
   *[other] Las últimas { $count } entregas tuvieron éxito o están en curso
}
webhooks-health-failed = { $count ->
    [one] 1 fallida
   *[other] { $count } fallidas
} (de las últimas { $sampled })
webhooks-health-retrying = { $count ->
    [one] 1 esperando un nuevo intento
   *[other] { $count } esperando un nuevo intento
}
webhooks-delete-title = Eliminar webhook
webhooks-delete-confirm = ¿Eliminar el webhook { $url }? Su registro de entregas se elimina con él.

webhooks-deliveries = Registro de entregas
webhooks-deliveries-all = Entregas de todos los webhooks
webhooks-deliveries-title = Entregas de webhooks
webhooks-deliveries-empty = No hay entregas.
webhooks-deliveries-count = { $count ->
    [one] 1 entrega
   *[other] { $count } entregas
}
webhooks-delivery-title = Entrega
webhooks-created = Registrada
webhooks-event = Evento
webhooks-event-result = Resultado del evento (todos los webhooks)
webhooks-event-running = En curso
webhooks-status = Estado
webhooks-status-any = Cualquier estado
webhooks-status-pending = Pendiente
webhooks-status-succeeded = Entregada
webhooks-status-failed = Fallida
webhooks-attempts = Intentos
webhooks-next-attempt = Próximo intento
webhooks-last-error = Último error
webhooks-attempts-heading = { $count ->
    [one] 1 intento
   *[other] { $count } intentos
}
webhooks-attempts-none = Aún no se ha intentado.
webhooks-attempt-time = Hora
webhooks-attempt-status = Estado HTTP
webhooks-attempt-error = Error
webhooks-attempt-duration = Duración
webhooks-attempt-no-answer = Sin respuesta
webhooks-attempt-ok = Entregada
webhooks-ms = { $ms } ms
webhooks-payload = Contenido enviado
webhooks-replay = Entregar de nuevo
webhooks-replay-not-failed = Solo una entrega fallida puede entregarse de nuevo.

## Plantillas de correo

templates-title = Plantillas de correo
templates-new = Nueva plantilla de correo
templates-edit = Editar plantilla de correo
templates-empty = Aún no hay plantillas de correo. Las acciones las usan para escribir a la persona afectada.
templates-name = Nombre
templates-subject = Asunto
templates-html = Cuerpo HTML
templates-text = Cuerpo de texto
templates-from-email = Dirección del remitente
templates-from-name = Nombre del remitente
templates-languages = Traducciones
templates-fluent-hint = Los asuntos y los cuerpos son patrones Fluent: una variable se escribe { "{ $firstName }" } y una llave { "{\"{\"}" }.
templates-variables-hint = Variables: $action, $actionName, $option, $reason, $reasonCode, $comment, $expiry, $duration, $phase, $firstName, $lastName, $fullName, $email, $username, $tenant, $baseUrl.
templates-parse-error = La plantilla no funciona: { $problem }.
templates-localized = Traducciones
templates-localized-hint = Una fila por idioma (un código como de o fr-CA). Una parte vacía usa el valor predeterminado de arriba. Una fila vacía se elimina.
templates-localized-add = Añadir un idioma
templates-row-language-missing = Cada fila de traducción necesita un idioma.
templates-language-default = Partes predeterminadas
templates-preview = Vista previa
templates-preview-language = Idioma
templates-preview-heading = Vista previa
templates-preview-hint = Generada con valores de ejemplo para Jane Doe, sin guardar. El cuerpo HTML se muestra como código fuente.
templates-html-source = Cuerpo HTML (código fuente)
templates-test-heading = Enviar un correo de prueba
templates-test-hint = La plantilla guardada, generada con los valores de ejemplo, se pone en cola y se envía como cualquier correo.
templates-test-to = Destinatario
templates-test-send = Enviar correo de prueba
templates-test-no-smtp = No hay ningún servidor SMTP configurado (ACTIONEER_SMTP_URL), así que no se pueden enviar correos de prueba.
templates-delete-title = Eliminar plantilla de correo
templates-delete-confirm = ¿Eliminar la plantilla de correo { $name }?
templates-delete-in-use = Esta plantilla todavía la usa una acción. Elija primero otra plantilla para esa acción.

## Correos enviados con las plantillas

emails-title = Correos
emails-tabs-label = Plantillas de correo y correos enviados
emails-tab-templates = Plantillas
emails-tab-emails = Correos enviados
emails-empty = No hay correos.
emails-count = { $count ->
    [one] 1 correo
   *[other] { $count } correos
}
emails-detail-title = Correo
emails-created = En cola desde
emails-from = De
emails-to = Para
emails-subject = Asunto
emails-action = Acción
emails-action-none = Ninguna acción
emails-phase-start = Aplicada
emails-phase-modify = Modificada
emails-phase-cancel = Cancelada
emails-phase-end = Finalizada
emails-status = Estado
emails-status-any = Cualquier estado
emails-status-pending = Pendiente
emails-status-sent = Enviado
emails-status-failed = Fallido
emails-attempts = Intentos
emails-next-attempt = Próximo intento
emails-next-attempt-at = próximo intento { $time }
emails-last-error = Último error
emails-attempt-sent = Enviado
emails-text = Parte de texto
emails-html = Parte HTML (código fuente)
emails-html-hint = La parte HTML se muestra como código fuente, sin interpretarla.
emails-replay = Enviar de nuevo
emails-replay-not-failed = Solo un correo fallido puede enviarse de nuevo.
workers-title = Trabajo en segundo plano
workers-hint = Los bucles que terminan las acciones vencidas y entregan webhooks y correos. Un elemento que falla se registra y se omite; un bucle que se detiene se reinicia.
workers-loop = Bucle
workers-loop-ends = Inicio, recordatorios y fin de acciones a tiempo
workers-loop-webhooks = Entregas de webhooks
workers-loop-emails = Correos
workers-status = Estado
workers-status-ok = En marcha
workers-status-not-started = Sin iniciar
workers-status-down = Detenido, reiniciando
workers-status-failing = Fallando
workers-status-stuck = Atascado
workers-last-success = Última ronda
workers-restarts = Reinicios
workers-failed-items = Elementos fallidos
workers-backlog = Pendientes ahora
workers-backlog-capped = { $count } o más
workers-last-error = Último error
workers-never = Nunca
workers-unknown = Aún sin medir
webhooks-silenced = { $event } está desactivado en el inquilino { $tenant }: este webhook no recibe nada de él.
webhooks-silenced-switch-on = Activarlo
templates-preview-action = Para la acción
templates-preview-action-sample = Una acción de ejemplo
templates-preview-from-name-default = Ninguno: se usa el nombre de remitente del inquilino o del servidor
templates-preview-from-address = Dirección del remitente
templates-preview-html-rendered = Parte HTML, tal como se muestra
