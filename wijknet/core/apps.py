from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "wijknet.core"
    label = "core"
    verbose_name = _("Kern")

    def ready(self):
        from django.db.models import fields

        from . import choices

        choices.install()
        # Django 6.1 starts optional select lists with the English "- Select an option -"
        # (no Dutch translation): ours says "— kies —" in the visitor's language.
        fields.BLANK_CHOICE_LABEL = _("— kies —")
