"""The editable fields of the wijkprofiel, declared once (`core.declarations`): the forms and the
services read these (name, key in a file: none of them is in a file yet)."""

AREA_LINK_FIELDS = (("code", None),)
PROFILE_CHOICE_FIELDS = (("indicators", None),)
GOAL_LINK_FIELDS = (
    ("goal", None),
    ("indicator", None),
    ("area_code", None),
)
