"""The editable fields of a client, the shared plan and a plan action, declared once
(`core.declarations`): the forms (`forms.ClientForm`, `PlanForm`, `ActionForm`), the services
(they refuse other names) and the AVG export (`exports.client_export`) read these. (name, key in
the export).
"""

CLIENT_FIELDS = (
    ("name", "name"),
    ("birth_year", "birth_year"),
    ("wijk", "wijk"),
    ("contact", "contact"),
    ("mantelzorger_name", "mantelzorger_name"),
    ("mantelzorger_contact", "mantelzorger_contact"),
)

PLAN_FIELDS = (
    ("wil", "wil"),
    ("kan", "kan"),
    ("heb_nodig", "heb_nodig"),
    ("evaluation", "evaluation"),
    ("evaluate_on", "evaluate_on"),  # ISO date in the export
)

PLAN_ACTION_FIELDS = (
    ("text", "text"),
    ("responsible", "responsible"),  # by name in the export
    ("for_resident", "for_resident"),
    ("starts_on", "starts_on"),
    ("due_on", "due_on"),
    ("status", "status"),  # by its label in the export
)
