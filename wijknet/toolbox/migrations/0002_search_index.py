"""The toolbox search index (toolbox/search.py): an FTS5 table on SQLite, a generated tsvector
column ('dutch') with a GIN index on PostgreSQL."""

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
