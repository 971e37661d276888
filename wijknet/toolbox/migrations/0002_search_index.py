"""The SQLite FTS5 table for the toolbox search (toolbox/search.py); nothing on PostgreSQL,
which searches the table itself with the 'dutch' configuration."""

from django.db import migrations


def create(apps, schema_editor):
    from wijknet.toolbox.search import create_index

    create_index(schema_editor)


def drop(apps, schema_editor):
    from wijknet.toolbox.search import drop_index

    drop_index(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("toolbox", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
