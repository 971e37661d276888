"""The editable fields of a step's progress, declared once (`core.declarations`): the form
(`forms.StepProgressForm`), the service (`step_progress_update`) and the network file
(`networkfile`: its keys, export and import) read these. (name, key in the network file; the
step itself is the file's `step` key, by the step's key).
"""

STEP_PROGRESS_FIELDS = (
    ("status", "status"),
    ("note", "note"),
    ("evidence_url", "evidence_url"),
)
