from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "wijknet.evaluation"
    label = "evaluation"
    verbose_name = _("Evaluatie")

    def ready(self):
        from . import navigation  # noqa: F401  (registers its menu item)
