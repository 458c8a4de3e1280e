from django.db import migrations, models


def fill_search_text(apps, schema_editor):
    from partnerships.search import refresh_search_text

    refresh_search_text(apps.get_model("partnerships", "Partnership").objects.all())


def create_trigram_index(apps, schema_editor):
    # PostgreSQL only: a trigram GIN index makes `search_text LIKE '%term%'` an index scan.
    # SQLite (development) has no such index and simply scans.
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS partnership_search_text_trgm "
        "ON partnerships_partnership USING gin (search_text gin_trgm_ops)"
    )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS partnership_search_text_trgm")


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="partnership",
            name="search_text",
            field=models.TextField(
                blank=True, default="", editable=False, verbose_name="search text"
            ),
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop),
        migrations.RunPython(create_trigram_index, drop_trigram_index),
    ]
