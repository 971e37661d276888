"""PostgreSQL only (see wijknet/accesslog/db.py and docs/privacy.md, "Database roles"):

1. A statement-level BEFORE TRUNCATE trigger. Row triggers (0002) do not see TRUNCATE, so the
   table's owner could empty the log with one statement (Django's `flush` does exactly that).
   The trigger refuses TRUNCATE while the table has rows. The only exception is the test
   suite: a session that switched on `wijknet.accesslog_test_flush` on a database whose name
   starts with "test" (our `flush` command does that only when settings.ACCESS_LOG_ALLOW_TEST_FLUSH
   is on, which only the test conftest sets). An owner can still drop the trigger on purpose;
   the application role cannot (it does not own the table).

2. `accesslog_purge_expired(cutoff)`: a SECURITY DEFINER function owned by the migration owner
   that deletes the rows older than `cutoff`. The application role has no DELETE on the access
   log, only EXECUTE on this function (granted by `manage.py db_app_role`), so the daily purge
   keeps running inside the application while the row trigger (0002) still refuses every row
   younger than five years by the database clock, whoever asks.

SQLite has neither TRUNCATE nor roles: nothing to do there.
"""

from django.db import migrations

TABLE = "accesslog_accesslogrecord"


def _forward(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_schema()")
        schema = cursor.fetchone()[0]
    quoted_schema = connection.ops.quote_name(schema)
    for statement in [
        """
        CREATE OR REPLACE FUNCTION accesslog_no_truncate() RETURNS trigger
        LANGUAGE plpgsql AS $$
        DECLARE
            has_rows boolean;
        BEGIN
            IF coalesce(current_setting('wijknet.accesslog_test_flush', true), '') = 'on'
               AND current_database() LIKE 'test%' THEN
                RETURN NULL;
            END IF;
            EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I.%I)', TG_TABLE_SCHEMA, TG_TABLE_NAME)
                INTO has_rows;
            IF has_rows THEN
                RAISE EXCEPTION 'accesslog: the access log is append-only; TRUNCATE refused';
            END IF;
            RETURN NULL;
        END;
        $$;
        """,
        f"""
        CREATE TRIGGER accesslog_no_truncate BEFORE TRUNCATE ON {TABLE}
        FOR EACH STATEMENT EXECUTE FUNCTION accesslog_no_truncate();
        """,
        f"""
        CREATE OR REPLACE FUNCTION accesslog_purge_expired(cutoff timestamptz) RETURNS bigint
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = {quoted_schema}, pg_temp AS $$
        DECLARE
            deleted bigint;
        BEGIN
            -- The row trigger (0002) accepts a DELETE only with this flag on, and only of rows
            -- older than five years by the database clock.
            PERFORM set_config('wijknet.accesslog_purge', 'on', true);
            DELETE FROM {quoted_schema}.{TABLE} WHERE "at" < cutoff;
            GET DIAGNOSTICS deleted = ROW_COUNT;
            PERFORM set_config('wijknet.accesslog_purge', '', true);
            RETURN deleted;
        END;
        $$;
        """,
        "REVOKE ALL ON FUNCTION accesslog_purge_expired(timestamptz) FROM PUBLIC;",
    ]:
        schema_editor.execute(statement, params=None)


def _backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in [
        "DROP FUNCTION IF EXISTS accesslog_purge_expired(timestamptz);",
        f"DROP TRIGGER IF EXISTS accesslog_no_truncate ON {TABLE};",
        "DROP FUNCTION IF EXISTS accesslog_no_truncate();",
    ]:
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("accesslog", "0002_append_only_triggers")]

    operations = [migrations.RunPython(_forward, _backward)]
