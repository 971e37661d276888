"""The editable fields of a meeting, a decision and a reflection, declared once
(`core.declarations`): the forms (`forms.MeetingForm`, `DecisionForm` and `CommunicatedForm`,
`ReflectionForm`), the services and the network file (`networkfile`: its keys, export and
import) read these. (name, key in the network file).
"""

MEETING_FIELDS = (
    ("kind", "kind"),
    ("title", "title"),
    ("starts_at", "starts_at"),
    ("duration_minutes", "duration_minutes"),
    ("location", "location"),
    ("online", "online"),
    ("chair", "chair"),  # by e-mail address in the file
    ("agenda", "agenda"),  # one line per item; a list in the file
    ("invited_partners", "invited"),  # by organisation name in the file
    ("notes", "notes"),
    ("roles_discussed", "roles_discussed"),
)

# `text` is the decision (DecisionForm); the other three say how it was communicated
# (CommunicatedForm, `decision_mark_communicated`).
DECISION_FIELDS = (
    ("text", "text"),
    ("communicated", "communicated"),
    ("communicated_how", "how"),
    ("communicated_on", "communicated_on"),
)

REFLECTION_FIELDS = (
    ("collaboration", "collaboration"),
    ("engagement", "engagement"),
    ("goal_progress", "goal_progress"),
    ("remark", "remark"),
)
