"""`manage.py check_db_roles`: is the application's database role unable to erase the access
log? Run it with the application's DATABASE_URL (docs/privacy.md, "Database roles").

PostgreSQL: lists what is wrong (the role owns the access log or is a member of its owner, is
a superuser, may UPDATE/DELETE/TRUNCATE it, a trigger is missing). In production (DEBUG off)
any problem ends with exit status 1, so a deployment can stop on it; with DEBUG on (development,
where one role owning everything is normal) they are warnings only. SQLite has no roles: the
command says so and exits 0.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from wijknet.accesslog.dbroles import problems_for_current_role


class Command(BaseCommand):
    help = (
        "Controleer dat de databaserol van de applicatie het inzagelog niet kan wissen "
        "(PostgreSQL; voer uit met de DATABASE_URL van de applicatie)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, database=DEFAULT_DB_ALIAS, **options):
        connection = connections[database]
        if connection.vendor != "postgresql":
            self.stdout.write(
                f"check_db_roles is niet van toepassing op {connection.vendor}: die database "
                "kent geen rollen."
            )
            return
        role, problems = problems_for_current_role(connection)
        if not problems:
            self.stdout.write(
                self.style.SUCCESS(
                    f"In orde: rol {role} kan het inzagelog niet wijzigen, wissen of legen."
                )
            )
            return
        self.stderr.write(f"Databaserol van de applicatie: {role}")
        for problem in problems:
            self.stderr.write(self.style.WARNING(f"Waarschuwing: {problem}"))
        hint = (
            "Laat de applicatie verbinden met een rol die `manage.py db_app_role` maakte "
            "(docs/privacy.md, 'Database roles')."
        )
        if not settings.DEBUG:
            raise CommandError(f"{len(problems)} probleem/problemen met de databaserol. {hint}")
        self.stderr.write(hint)
