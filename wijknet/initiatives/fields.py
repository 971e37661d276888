"""The editable fields of an initiative and of the network's initiative settings, declared once
(`core.declarations`): the forms and the services read these (name, key; no file yet)."""

INITIATIVE_FIELDS = (
    ("title", None),
    ("description", None),
    ("for_whom", None),
    ("place", None),
    ("needs", None),
    ("who_joins", None),
)

SETTINGS_FIELDS = (("response_weeks", None),)
