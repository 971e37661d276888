from django.apps import AppConfig


class ResidentsConfig(AppConfig):
    name = "wijknet.residents"
    label = "residents"
    verbose_name = "Bewoners"
