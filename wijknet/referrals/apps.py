from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "wijknet.referrals"
    verbose_name = "Verwijzingen"
