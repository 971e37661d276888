"""The editable fields of a network's own toolbox item, declared once (`core.declarations`):
the form (`forms.OwnItemForm`) and the services (`own_item_create`, `own_item_update`) read it.
Own items are not in the network file (yet): no file keys.
"""

OWN_ITEM_FIELDS = (
    ("kind", None),
    ("title", None),
    ("summary", None),
    ("body", None),
    ("lessons", None),
    ("source", None),
    ("url", None),
    ("phases", None),
)
