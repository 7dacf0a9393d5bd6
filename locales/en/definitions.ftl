# Definitions: actions, options and reasons.

reasons-title = Reasons
reasons-new = New reason
reasons-edit = Edit reason
reasons-empty = No reasons yet.
reasons-text = Text
reasons-code = Code
reasons-languages = Translations
reasons-delete-title = Delete reason
reasons-delete-confirm = Delete the reason “{ $text }”? Actions taken with it keep their record, without the reason.
