app-name = Actioneer
language-name = Español

format-datetime = %d/%m/%Y %H:%M
format-date = %d/%m/%Y
expiry-forever = Nunca

nav-skip = Ir al contenido
nav-label = Menú principal
nav-dashboard = Panel
nav-users = Usuarios
nav-survey = Encuesta
nav-instances = Acciones aplicadas
nav-actions = Acciones
nav-reasons = Motivos
nav-webhooks = Webhooks
nav-email-templates = Plantillas de correo
nav-settings = Ajustes
nav-translations = Traducciones
nav-sign-out = Cerrar sesión

login-title = Iniciar sesión
login-email = Correo electrónico
login-password = Contraseña
login-submit = Iniciar sesión
login-failed = El correo o la contraseña no son correctos, o esta cuenta no tiene acceso a la administración.
login-throttled = { $minutes ->
    [0] Demasiados intentos de inicio de sesión fallidos para esta dirección de correo o desde esta red. Vuelva a intentarlo en un momento.
    [one] Demasiados intentos de inicio de sesión fallidos para esta dirección de correo o desde esta red. Vuelva a intentarlo dentro de { $minutes } minuto.
   *[other] Demasiados intentos de inicio de sesión fallidos para esta dirección de correo o desde esta red. Vuelva a intentarlo dentro de { $minutes } minutos.
}

setup-title = Crear el primer administrador
setup-intro = Todavía nadie puede iniciar sesión. Elija el correo y la contraseña del primer administrador.
setup-name = Nombre
setup-submit = Crear e iniciar sesión

account-title = Sus ajustes
account-language = Idioma
account-language-browser = Según mi navegador
account-time-zone = Zona horaria
account-time-zone-hint = Un nombre IANA como Europe/Madrid; vacío para UTC. Las horas se muestran y se introducen en esta zona.
account-password-title = Contraseña
account-current-password = Contraseña actual
account-new-password = Nueva contraseña
account-new-password-hint = Al menos 8 caracteres. Sus otras sesiones se cierran; esta sigue abierta.
account-password-submit = Cambiar la contraseña

home-welcome = Hola, { $name }.

action-save = Guardar
action-cancel = Cancelar
action-delete = Eliminar
action-edit = Editar
action-search = Buscar
action-back = Volver
table-actions = Acciones
pager-previous = Anterior
pager-next = Siguiente
yes = Sí
no = No

notice-created = Creado.
notice-saved = Guardado.
notice-deleted = Eliminado.
notice-deactivated = Desactivado.
notice-reactivated = Reactivado.
notice-applied = Acción aplicada.
notice-modified = Acción modificada.
notice-cancelled = Acción cancelada.
notice-recorded = Registrado.
notice-sent = Enviado.
notice-replayed = En cola para entregarse de nuevo.
notice-signed-out = Ha cerrado la sesión.
notice-imported = Importado.

form-error-blank = Este campo es obligatorio.
form-error-missing = Este campo es obligatorio.
form-error-invalid = Este valor no es válido.
form-error-duplicate = Este valor ya está en uso.
form-error-inactive = Esto está inactivo.
form-error-notAllowed = Esto no está permitido aquí.
form-error-tooLong = Es demasiado largo.
form-error-tooShort = Es demasiado corto.
form-error-tooSmall = El valor debe ser mayor que cero.
form-error-inPast = La fecha debe estar en el futuro.
form-error-disabled = Esto está desactivado para esta acción.
form-error-emailingNotSupported = Esta acción no envía correos a los usuarios.
form-error-actionIsMissingTemplateDefinition = Esta acción no tiene plantilla de correo para este paso.
form-error-inUse = Esto todavía está en uso.
form-error-cannotDelete = Esto no se puede eliminar.
form-error-other-field = { $field }: { $message }

localized-legend = Traducciones
localized-locale = Idioma
localized-text = Texto traducido
localized-hint = Una etiqueta de idioma como de o fr-CA. Deje ambos campos vacíos para quitar una fila.

error-forbidden-title = Sin acceso
error-forbidden-text = Su rol no incluye esta página.
error-not-found-title = No encontrado
error-not-found-text = Esta página no existe, o lo que mostraba se ha eliminado.
error-csrf-title = No se pudo enviar el formulario
error-csrf-text = El formulario estaba caducado o no venía de este sitio. Vuelva atrás, recargue la página e inténtelo de nuevo.
error-bad-request-title = Solicitud incorrecta
error-bad-request-text = No se pudo entender la solicitud.
error-unavailable-title = El servidor está ocupado
error-unavailable-text = El servidor no pudo responder a tiempo. Inténtelo de nuevo en un momento.
error-internal-title = Algo salió mal
error-internal-text = El error se ha registrado. Inténtelo de nuevo.
error-back-home = Volver al panel
