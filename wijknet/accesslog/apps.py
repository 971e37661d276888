from django.apps import AppConfig


class AccesslogConfig(AppConfig):
    name = "wijknet.accesslog"
    verbose_name = "Inzagelog"

    def ready(self):
        from django.db.backends.signals import connection_created

        from . import (
            checks,  # noqa: F401  (registers the retention check)
            navigation,  # noqa: F401  (registers its menu item)
        )
        from .db import register_sqlite_function

        connection_created.connect(register_sqlite_function, dispatch_uid="accesslog_sqlite_fn")
