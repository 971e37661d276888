"""`manage.py db_app_role ROLE [--password-env VAR]`: create or update the application's
PostgreSQL role (wijknet/accesslog/dbroles.py; docs/privacy.md, "Database roles").

Run it as the database owner (the DATABASE_URL that runs `migrate`), after every `migrate`.
"""

import os

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from wijknet.accesslog.dbroles import RoleError, create_app_role


class Command(BaseCommand):
    help = (
        "PostgreSQL: maak (of herstel) de rol waarmee de applicatie verbindt: geen eigenaar, "
        "alleen de rechten die de applicatie nodig heeft, en op het inzagelog alleen SELECT en "
        "INSERT. Voer uit als de eigenaar van de database, na elke migrate."
    )

    def add_arguments(self, parser):
        parser.add_argument("role", help="naam van de applicatierol, bv. wijknet_app")
        parser.add_argument(
            "--password-env",
            metavar="VAR",
            help="naam van de omgevingsvariabele met het wachtwoord van de rol (nooit het "
            "wachtwoord zelf op de opdrachtregel)",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, role, password_env=None, database=DEFAULT_DB_ALIAS, **options):
        connection = connections[database]
        if connection.vendor != "postgresql":
            self.stdout.write(
                f"db_app_role is niet van toepassing op {connection.vendor}: die database kent "
                "geen rollen. Het inzagelog is daar beschermd door de triggers; zie "
                "docs/privacy.md."
            )
            return
        password = None
        if password_env:
            password = os.environ.get(password_env)
            if not password:
                raise CommandError(f"Omgevingsvariabele {password_env} is leeg of niet gezet.")
        try:
            lines = create_app_role(connection, role, password)
        except RoleError as error:
            raise CommandError(str(error)) from error
        for line in lines:
            self.stdout.write(line)
        self.stdout.write(
            self.style.SUCCESS(
                f"Klaar. Laat de applicatie verbinden als {role} (DATABASE_URL) en voer "
                "`manage.py check_db_roles` uit met die DATABASE_URL."
            )
        )
