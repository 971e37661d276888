from django.apps import AppConfig


class OffersConfig(AppConfig):
    name = "wijknet.offers"
    verbose_name = "Sociale kaart"
