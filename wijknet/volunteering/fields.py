"""The editable fields of a volunteer's profile and of a help request, declared once
(`core.declarations`): the forms (`forms.VolunteerForm`, `forms.HelpRequestForm`), the services
(they refuse other names) and the AVG export of a help request (`exports.help_request_export`)
read these. (name, key in the export; None: not in it).
"""

# A profile is not exported or imported: only form and service share it.
PROFILE_FIELDS = (
    ("name", None),
    ("contact", None),
    ("kinds", None),
    ("skills", None),
    ("place", None),
    ("postcode", None),
    ("latitude", None),
    ("longitude", None),
    ("availability", None),
    ("frequency", None),
    ("max_matches", None),
    ("wants_area_notifications", None),
    ("active", None),
)

REQUEST_FIELDS = (
    ("seeker_name", "naam"),
    ("seeker_contact", "contact"),
    ("on_behalf_of", "namens"),
    ("kind", "soort_hulp"),
    ("description", "wat_is_er_nodig"),
    ("place", "dorp_of_wijk"),
    ("postcode", "postcode"),
    ("latitude", None),  # the map position of the place: not in the export (yet)
    ("longitude", None),
    ("when", "wanneer"),
    ("day_parts", "dagdelen"),
    ("start_on", "vanaf"),
    ("urgency", "urgentie"),
)
