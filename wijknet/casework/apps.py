from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "wijknet.casework"
    verbose_name = "Casuïstiek"
