"""The editable fields of the yearly reflection, declared once (`core.declarations`): the
answers per question (the form has one field per question of content/evaluation.yaml and
hands them to `services.reflection_save` as one mapping)."""

REFLECTION_FIELDS = (("answers", "answers"),)
