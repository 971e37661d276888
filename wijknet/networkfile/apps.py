from django.apps import AppConfig


class NetworkFileConfig(AppConfig):
    name = "wijknet.networkfile"
    label = "networkfile"
    verbose_name = "Netwerkbestand"
