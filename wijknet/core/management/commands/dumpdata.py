"""Django's `dumpdata` for an administrator: it reads every network, so it runs with the
network scopes (django-scopes) switched off — a shell user with database access may read
everything anyway. For a full, verified copy use `manage.py backup` instead."""

from django.core.management.commands import dumpdata
from django_scopes import scopes_disabled


class Command(dumpdata.Command):
    def handle(self, *app_labels, **options):
        with scopes_disabled():
            return super().handle(*app_labels, **options)
