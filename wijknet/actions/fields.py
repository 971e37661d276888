"""The editable fields of a goal, an action and a success, declared once
(`core.declarations`): the forms (`forms.GoalForm`, `ActionForm`, `SuccessForm`), the services
(they refuse other names) and the network file (`networkfile`: its keys, export and import) read
these. (name, key in the network file; None: the file says it by where the item stands).
"""

GOAL_FIELDS = (
    ("title", "title"),
    ("description", "description"),
    ("measure", "measure"),
    ("target_date", "target_date"),
    ("status", "status"),
)

ACTION_FIELDS = (
    ("title", "title"),
    ("goal", None),  # the goal the action is listed under (or the top-level `actions`)
    ("owner", "owner"),  # by e-mail address in the file
    ("owner_partner", "owner_partner"),  # by organisation name in the file
    ("due_on", "due_on"),
    ("status", "status"),
    ("result", "result"),
    ("meeting", "meeting"),  # by title and local date in the file
)

SUCCESS_FIELDS = (
    ("title", "title"),
    ("description", "description"),
    ("happened_on", "happened_on"),
    ("goal", "goal"),  # by title in the file
)
