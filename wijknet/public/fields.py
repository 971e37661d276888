"""The editable fields of a network's public page, declared once (`core.declarations`): the
form and the service read these (name, key; no file)."""

PUBLIC_PAGE_FIELDS = (
    ("published", None),
    ("intro", None),
    ("show_ambition", None),
    ("show_partners", None),
    ("show_successes", None),
    ("show_offers", None),
    ("show_initiatives", None),
    ("contact_email", None),
    ("help_text", None),
)
