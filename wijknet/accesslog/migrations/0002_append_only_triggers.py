"""Database triggers that make the access log append-only (see wijknet/accesslog/db.py).

UPDATE: refused, except Django's SET NULL of `user_id` when a user is deleted (every other column
unchanged). DELETE: refused, except rows older than five years while the retention purge has
switched on its flag. Written per vendor; other backends are refused.
"""

from django.db import migrations

TABLE = "accesslog_accesslogrecord"

# Every column except user_id; a new column must be added here (test_triggers checks this).
COLUMNS = (
    "id",
    "uuid",
    "network_id",
    "at",
    "user_name",
    "user_email",
    "organisation_name",
    "role",
    "on_behalf_of",
    "client_uuid",
    "action",
    "category",
    "consent_uuid",
    "purpose",
    "ip_address",
    "user_agent",
    "detail",
)

SQLITE_UNCHANGED = " AND ".join(f"NEW.{c} IS OLD.{c}" for c in COLUMNS)

SQLITE_FORWARD = [
    f"""
    CREATE TRIGGER accesslog_no_update BEFORE UPDATE ON {TABLE}
    WHEN NOT (NEW.user_id IS NULL AND {SQLITE_UNCHANGED})
    BEGIN
        SELECT RAISE(ABORT, 'accesslog: records are append-only; UPDATE refused');
    END;
    """,
    f"""
    CREATE TRIGGER accesslog_no_delete BEFORE DELETE ON {TABLE}
    WHEN NOT (
        wijknet_accesslog_delete_mode() = 2
        OR (
            wijknet_accesslog_delete_mode() = 1
            AND OLD.at < strftime('%Y-%m-%d %H:%M:%f', 'now', '-5 years')
        )
    )
    BEGIN
        SELECT RAISE(ABORT, 'accesslog: records are append-only; DELETE refused');
    END;
    """,
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS accesslog_no_update;",
    "DROP TRIGGER IF EXISTS accesslog_no_delete;",
]

POSTGRES_FORWARD = [
    """
    CREATE OR REPLACE FUNCTION accesslog_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'UPDATE' THEN
            IF NEW.user_id IS NULL
               AND (to_jsonb(NEW) - 'user_id') = (to_jsonb(OLD) - 'user_id') THEN
                RETURN NEW;
            END IF;
            RAISE EXCEPTION 'accesslog: records are append-only; UPDATE refused';
        END IF;
        IF coalesce(current_setting('wijknet.accesslog_purge', true), '') = 'on'
           AND OLD.at < now() - interval '5 years' THEN
            RETURN OLD;
        END IF;
        RAISE EXCEPTION 'accesslog: records are append-only; DELETE refused';
    END;
    $$;
    """,
    f"""
    CREATE TRIGGER accesslog_append_only BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION accesslog_append_only();
    """,
]
POSTGRES_BACKWARD = [
    f"DROP TRIGGER IF EXISTS accesslog_append_only ON {TABLE};",
    "DROP FUNCTION IF EXISTS accesslog_append_only();",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor not in statements_by_vendor:
            raise RuntimeError(f"No access log triggers for database vendor {vendor!r}")
        for statement in statements_by_vendor[vendor]:
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("accesslog", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
