# Ajustes para administradores: inquilinos, aplicaciones, claves de API, equipo.

settings-title = Ajustes
settings-tenants-count = { $count ->
    [one] { $count } inquilino
   *[other] { $count } inquilinos
}
settings-applications-count = { $count ->
    [one] { $count } aplicación, activa o no
   *[other] { $count } aplicaciones, activas o no
}
settings-api-keys-count = { $count ->
    [one] { $count } clave de API
   *[other] { $count } claves de API
}
settings-staff-count = { $count ->
    [one] { $count } miembro del equipo
   *[other] { $count } miembros del equipo
}

tenants-title = Inquilinos
tenants-new = Nuevo inquilino
tenants-edit = Editar inquilino
tenants-name = Nombre
tenants-default = Predeterminado
tenants-on = Activado
tenants-off = Desactivado
tenants-not-set = Sin definir
tenants-events = Eventos
tenants-events-user-action = Enviar eventos user.action a los webhooks de este inquilino
tenants-events-hint = Los webhooks reciben un evento cada vez que una acción se aplica, se modifica, se cancela o termina para un usuario de este inquilino.
tenants-email = Correo electrónico
tenants-email-hint = Sin servidor, este inquilino envía sus correos mediante el ajuste SMTP general del servidor.
tenants-email-server-wide = Ajuste del servidor
tenants-smtp-host = Servidor SMTP
tenants-smtp-port = Puerto
tenants-smtp-security = Seguridad
tenants-security-none = Ninguna
tenants-security-ssl = SSL (TLS desde el inicio)
tenants-security-tls = STARTTLS (obligatorio)
tenants-smtp-username = Usuario SMTP
tenants-smtp-password = Contraseña SMTP
tenants-smtp-password-kept = Hay una contraseña guardada. Nunca se muestra; deje el campo vacío para conservarla.
tenants-smtp-password-none = No hay ninguna contraseña guardada.
tenants-smtp-password-remove = Eliminar la contraseña SMTP guardada (una contraseña escrita arriba la sustituye en su lugar)
tenants-from-email = Dirección de remitente predeterminada
tenants-from-name = Nombre de remitente predeterminado
tenants-lockout = Inicios de sesión fallidos
tenants-lockout-hint = Tras demasiadas contraseñas incorrectas dentro del intervalo, se aplica al usuario la acción elegida durante el tiempo indicado.
tenants-lockout-action = Acción de bloqueo
tenants-lockout-none = Sin bloqueo
tenants-lockout-attempts = Contraseñas incorrectas antes del bloqueo
tenants-lockout-window = Contadas dentro de (segundos)
tenants-lockout-duration = Duración del bloqueo
tenants-lockout-unit = Unidad
tenants-lockout-email-user = Avisar al usuario por correo cuando quede bloqueado
tenants-unit-minutes = Minutos
tenants-unit-hours = Horas
tenants-unit-days = Días
tenants-unit-weeks = Semanas
tenants-unit-months = Meses
tenants-unit-years = Años
tenants-delete-title = Eliminar inquilino
tenants-delete-confirm = Eliminar el inquilino «{ $name }» y todo lo que contiene:
tenants-delete-users = { $count ->
    [one] { $count } usuario
   *[other] { $count } usuarios
}
tenants-delete-applications = { $count ->
    [one] { $count } aplicación
   *[other] { $count } aplicaciones
}
tenants-delete-instances = { $count ->
    [one] { $count } acción aplicada a sus usuarios
   *[other] { $count } acciones aplicadas a sus usuarios
}
tenants-delete-api-keys = { $count ->
    [one] { $count } clave de API limitada a él
   *[other] { $count } claves de API limitadas a él
}
tenants-delete-definitions = Las acciones y los webhooks limitados solo a este inquilino se desactivan. No se puede deshacer.
tenants-delete-default = El inquilino predeterminado no se puede eliminar: en él está el equipo de la aplicación de administración y la API recurre a él.

applications-title = Aplicaciones
applications-new = Nueva aplicación
applications-edit = Editar aplicación
applications-empty = Todavía no hay aplicaciones.
applications-name = Nombre
applications-tenant = Inquilino
applications-tenant-fixed = Una aplicación permanece en el inquilino donde se creó.
applications-state = Estado
applications-active = Activa
applications-inactive = Inactiva
applications-deactivate = Desactivar
applications-reactivate = Reactivar
applications-delete-title = Eliminar aplicación
applications-delete-confirm = ¿Eliminar la aplicación «{ $name }» del inquilino «{ $tenant }»?
applications-delete-hint = Las acciones ya aplicadas conservan el identificador de la aplicación. Para conservar la aplicación sin usarla, desactívela en su lugar.

api-keys-title = Claves de API
api-keys-intro = Las claves permiten a los programas llamar a la API. Una clave se muestra una sola vez, al crearla; solo se guarda una huella de ella.
api-keys-new = Nueva clave de API
api-keys-create = Crear la clave
api-keys-empty = No hay claves de API.
api-keys-description = Descripción
api-keys-no-description = Sin descripción
api-keys-id = Identificador
api-keys-scope = Inquilino
api-keys-scope-hint = Una clave limitada a un inquilino solo ve a sus usuarios y no puede gestionar inquilinos ni claves.
api-keys-global = Todos los inquilinos (global)
api-keys-created = Creada
api-keys-configured = De ACTIONEER_API_KEY
api-keys-created-title = Clave de API creada
api-keys-created-once = Copie la clave ahora. No se guarda y no se volverá a mostrar.
api-keys-created-shown = Esta clave se mostró una vez y no puede volver a mostrarse. Si no se copió, elimínela y cree otra.
api-keys-back = Volver a las claves de API
api-keys-key = Clave
api-keys-created-scoped = Esta clave está limitada al inquilino «{ $tenant }».
api-keys-created-global = Esta clave sirve para todos los inquilinos.
api-keys-done = Ya la he copiado
api-keys-delete-title = Eliminar clave de API
api-keys-delete-confirm = ¿Eliminar la clave de API «{ $description }»?
api-keys-delete-confirm-id = ¿Eliminar la clave de API { $id }?
api-keys-delete-effect = Los programas que la usan ya no podrán llamar a la API.
api-keys-delete-configured = Esta clave procede de ACTIONEER_API_KEY: el servidor la vuelve a crear en su próximo arranque mientras el ajuste siga igual.

staff-title = Equipo
staff-new = Nuevo miembro del equipo
staff-edit = Editar miembro del equipo
staff-name = Nombre
staff-email = Correo electrónico
staff-role = Rol
staff-role-admin = Administrador
staff-role-support = Soporte
staff-role-translator = Traductor
staff-role-hint = Los administradores pueden hacerlo todo; el soporte busca usuarios y les aplica acciones; los traductores editan las traducciones.
staff-language = Idioma
staff-language-browser = Según su navegador
staff-time-zone = Zona horaria
staff-time-zone-hint = Un nombre IANA como Europe/Madrid; vacío para UTC.
staff-password = Contraseña
staff-password-hint = Al menos 8 caracteres.
staff-new-password = Nueva contraseña
staff-new-password-hint = Déjela vacía para conservar la contraseña actual. Una nueva contraseña cierra todas sus sesiones.
staff-last-admin-role = Es el último administrador: nombre antes a otra persona administradora.
staff-remove = Retirar el acceso
staff-delete-title = Retirar el acceso
staff-delete-confirm = ¿Retirar el acceso a la aplicación de administración de { $name } ({ $email })?
staff-delete-effect = Su sesión se cierra de inmediato. Su cuenta de usuario se conserva.
staff-delete-last-admin = Es el último administrador, así que no se le puede retirar el acceso. Nombre antes a otra persona administradora.
tenants-webhook-silenced = El webhook { $url } espera { $event }, que aquí está desactivado: no recibe nada de este inquilino.
tenants-webhook-silenced-open = Abrir el webhook
signing-keys-title = Claves de firma
signing-keys-intro = Claves HMAC con las que un webhook puede firmar sus eventos (un JWT en una cabecera). El secreto se muestra una sola vez, al generarla.
signing-keys-new = Nueva clave de firma
signing-keys-generate = Generar la clave
signing-keys-empty = No hay claves de firma.
signing-keys-name = Nombre
signing-keys-algorithm = Algoritmo
signing-keys-kid = Id de clave (kid)
signing-keys-created = Creada
signing-keys-secret = Secreto
signing-keys-created-title = Clave de firma generada
signing-keys-created-once = Copie el secreto ahora: el receptor lo necesita para comprobar las firmas, y esta página no lo volverá a mostrar.
signing-keys-created-shown = Este secreto se mostró una vez y no se vuelve a mostrar. Si no se copió, elimine la clave y genere otra.
signing-keys-back = Volver a las claves de firma
signing-keys-delete-title = Eliminar la clave de firma
signing-keys-delete-named = Eliminar { $name }
signing-keys-delete-confirm = ¿Eliminar la clave de firma «{ $name }»?
signing-keys-delete-effect = Los receptores que comprueban firmas hechas con ella necesitarán otra clave.
signing-keys-in-use = Un webhook todavía firma con esta clave: elija primero otra clave en ese webhook.
