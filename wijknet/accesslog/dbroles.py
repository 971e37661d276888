"""PostgreSQL roles: the migration owner and the application role are separate.

The owner (who runs `migrate`) owns every table, the triggers and the purge function. The
application connects as a LOGIN role that owns nothing and has only what it needs:

- CONNECT on the database, USAGE on the schema;
- SELECT, INSERT, UPDATE, DELETE on the application tables, USAGE and SELECT on the sequences;
- on the access log SELECT and INSERT only, plus UPDATE of the one column `user_id` (Django sets
  it to NULL when a user is deleted; the row trigger refuses every other UPDATE);
- EXECUTE on `accesslog_purge_expired(cutoff)`, the owner's SECURITY DEFINER function the daily
  purge calls (migration 0003), since the role has no DELETE on the log;
- default privileges (ALTER DEFAULT PRIVILEGES FOR ROLE owner) so that tables and sequences
  created by later migrations get the same rights. The access log is the exception the defaults
  cannot express: `db_app_role` is re-run after every `migrate` (docs/privacy.md, "Database
  roles"), and `check_db_roles` verifies it.

`create_app_role` is idempotent (it revokes and grants again); `problems_for_role` inspects
a role and says what is wrong with it.
"""

import re

from django.db import transaction

from .db import PG_PURGE_FUNCTION, TABLE

ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
TRIGGERS = ("accesslog_append_only", "accesslog_no_truncate")
FORBIDDEN_ON_ACCESS_LOG = ("UPDATE", "DELETE", "TRUNCATE", "TRIGGER", "REFERENCES")


class RoleError(Exception):
    """The role cannot be set up as asked; the message says why (in Dutch, for the command)."""


def _one(cursor, query, params=None):
    cursor.execute(query, params)
    row = cursor.fetchone()
    return row[0] if row else None


def access_log_owner(cursor, schema) -> str | None:
    return _one(
        cursor,
        "SELECT tableowner FROM pg_tables WHERE schemaname = %s AND tablename = %s",
        [schema, TABLE],
    )


def create_app_role(connection, role: str, password: str | None = None) -> list[str]:
    """Create or update `role` as the application role; returns what was done, line by line."""
    from psycopg import sql

    if connection.vendor != "postgresql":
        raise RoleError("Alleen voor PostgreSQL.")
    if not ROLE_NAME.match(role):
        raise RoleError(
            f"Ongeldige rolnaam {role!r}: gebruik kleine letters, cijfers en _ "
            "(begint met een letter of _, hoogstens 63 tekens)."
        )

    connection.ensure_connection()
    raw = connection.connection

    def q(template, *identifiers, password=None):
        parts = [sql.Identifier(i) for i in identifiers]
        composed = sql.SQL(template).format(*parts, password=sql.Literal(password))
        return composed.as_string(raw)

    done = []
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:

        def run(statement):
            cursor.execute(statement)

        cursor.execute("SELECT current_user, current_database(), current_schema()")
        current_user, database, schema = cursor.fetchone()
        owner = access_log_owner(cursor, schema)
        if owner is None:
            raise RoleError(
                f"Tabel {schema}.{TABLE} bestaat niet: voer eerst `manage.py migrate` uit "
                "(als de eigenaar van de database)."
            )
        if role in (owner, current_user):
            raise RoleError(
                f"De applicatierol mag niet de eigenaar ({owner}) of de huidige gebruiker "
                f"({current_user}) zijn: kies een nieuwe naam."
            )

        exists = _one(cursor, "SELECT count(*) FROM pg_roles WHERE rolname = %s", [role])
        attributes = "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS"
        if not exists:
            if password is None:
                run(q(f"CREATE ROLE {{}} {attributes}", role))
            else:
                run(
                    q(
                        f"CREATE ROLE {{}} {attributes} PASSWORD {{password}}",
                        role,
                        password=password,
                    )
                )
            done.append(f"Rol {role} aangemaakt.")
        else:
            run(q(f"ALTER ROLE {{}} {attributes}", role))
            if password is not None:
                run(q("ALTER ROLE {} PASSWORD {password}", role, password=password))
            done.append(f"Rol {role} bestond al; rechten opnieuw gezet.")
        if password is not None:
            done.append("Wachtwoord gezet.")

        if _one(cursor, "SELECT pg_has_role(%s, %s, 'MEMBER')", [role, owner]):
            raise RoleError(
                f"Rol {role} is lid van de eigenaar {owner} en erft daarmee diens rechten "
                f"(ook DROP TRIGGER): haal het lidmaatschap weg (REVOKE {owner} FROM {role})."
            )
        owned = _one(
            cursor,
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = %s AND pg_get_userbyid(c.relowner) = %s",
            [schema, role],
        )
        if owned:
            raise RoleError(
                f"Rol {role} is eigenaar van {owned} object(en) in schema {schema}; de "
                "applicatierol mag niets bezitten. Draag ze over aan de eigenaar "
                f"(REASSIGN OWNED BY {role} TO {owner})."
            )

        run(q("GRANT CONNECT ON DATABASE {} TO {}", database, role))
        run(q("GRANT USAGE ON SCHEMA {} TO {}", schema, role))
        # Start from nothing, so a re-run also takes away what should not be there.
        run(q("REVOKE ALL ON ALL TABLES IN SCHEMA {} FROM {}", schema, role))
        run(q("REVOKE ALL ON ALL SEQUENCES IN SCHEMA {} FROM {}", schema, role))
        run(
            q("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {} TO {}", schema, role)
        )
        run(q("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {} TO {}", schema, role))
        run(q("REVOKE ALL ON TABLE {}.{} FROM {}", schema, TABLE, role))
        run(q("GRANT SELECT, INSERT ON TABLE {}.{} TO {}", schema, TABLE, role))
        run(q("GRANT UPDATE ({}) ON TABLE {}.{} TO {}", "user_id", schema, TABLE, role))
        if _one(cursor, "SELECT to_regprocedure(%s)", [f"{PG_PURGE_FUNCTION}(timestamptz)"]):
            run(q("GRANT EXECUTE ON FUNCTION {}(timestamptz) TO {}", PG_PURGE_FUNCTION, role))
        for privileges, kind in (
            ("SELECT, INSERT, UPDATE, DELETE", "TABLES"),
            ("USAGE, SELECT", "SEQUENCES"),
        ):
            run(
                q(
                    f"ALTER DEFAULT PRIVILEGES FOR ROLE {{}} IN SCHEMA {{}} "
                    f"GRANT {privileges} ON {kind} TO {{}}",
                    owner,
                    schema,
                    role,
                )
            )
        done.append(
            f"Rechten gezet in database {database}, schema {schema} (eigenaar {owner}): "
            f"SELECT/INSERT/UPDATE/DELETE op de tabellen, op {TABLE} alleen SELECT en "
            "INSERT (plus UPDATE van user_id), EXECUTE op de opschoonfunctie; standaardrechten "
            "voor tabellen van latere migraties."
        )
        if _one(cursor, "SELECT has_schema_privilege(%s, %s, 'CREATE')", [role, schema]):
            done.append(
                f"Let op: {role} mag objecten aanmaken in schema {schema} (via PUBLIC). "
                f"Overweeg: REVOKE CREATE ON SCHEMA {schema} FROM PUBLIC;"
            )
        problems = problems_for_role(cursor, role, schema)
        if problems:
            raise RoleError("Controle na het zetten mislukt: " + " ".join(problems))
    return done


def problems_for_role(cursor, role: str, schema: str) -> list[str]:
    """What makes `role` unfit to be the application's role (empty: fine)."""
    problems = []
    owner = access_log_owner(cursor, schema)
    if owner is None:
        return [f"Tabel {schema}.{TABLE} bestaat niet (nog niet gemigreerd?)."]
    qualified = f"{schema}.{TABLE}"
    if _one(cursor, "SELECT rolsuper FROM pg_roles WHERE rolname = %s", [role]):
        problems.append(f"Rol {role} is superuser.")
    if _one(cursor, "SELECT pg_has_role(%s, %s, 'MEMBER')", [role, owner]):
        what = "de eigenaar" if role == owner else f"lid van de eigenaar {owner}"
        problems.append(
            f"Rol {role} is {what} van het inzagelog ({qualified}) en kan de triggers "
            "verwijderen en het log legen."
        )
    for privilege in FORBIDDEN_ON_ACCESS_LOG:
        if _one(cursor, "SELECT has_table_privilege(%s, %s, %s)", [role, qualified, privilege]):
            problems.append(f"Rol {role} heeft {privilege} op {qualified}.")
    for column in _columns(cursor, schema):
        if column == "user_id":
            continue
        if _one(
            cursor,
            "SELECT has_column_privilege(%s, %s, %s, 'UPDATE')",
            [role, qualified, column],
        ):
            problems.append(f"Rol {role} mag kolom {column} van {qualified} wijzigen.")
            break
    function = f"{PG_PURGE_FUNCTION}(timestamptz)"
    if not _one(cursor, "SELECT to_regprocedure(%s)", [function]):
        problems.append(f"Functie {function} ontbreekt (migratie accesslog 0003).")
    elif not _one(cursor, "SELECT has_function_privilege(%s, %s, 'EXECUTE')", [role, function]):
        problems.append(
            f"Rol {role} mag {function} niet uitvoeren: de dagelijkse opschoning zou mislukken "
            "(voer db_app_role opnieuw uit na migrate)."
        )
    cursor.execute(
        "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal "
        "AND tgenabled <> 'D'",
        [qualified],
    )
    present = {row[0] for row in cursor.fetchall()}
    for trigger in TRIGGERS:
        if trigger not in present:
            problems.append(f"Trigger {trigger} op {qualified} ontbreekt of staat uit.")
    return problems


def _columns(cursor, schema):
    cursor.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_schema = %s AND table_name = %s ORDER BY ordinal_position",
        [schema, TABLE],
    )
    return [row[0] for row in cursor.fetchall()]


def problems_for_current_role(connection) -> tuple[str, list[str]]:
    """Inspect the role this connection (the application's DATABASE_URL) logs in as."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user, current_schema()")
        role, schema = cursor.fetchone()
        return role, problems_for_role(cursor, role, schema)
