from django.db import migrations, models


def fill_search_names(apps, schema_editor):
    from partnerships.search import refresh_search_text

    refresh_search_text(apps.get_model("partnerships", "Partnership").objects.all())


def create_trigram_index(apps, schema_editor):
    # PostgreSQL only: a trigram GIN index serves `search_names %> 'query'` (the fuzzy name
    # search, search.py). SQLite has no pg_trgm and keeps the plain search.
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS partnership_search_names_trgm "
        "ON partnerships_partnership USING gin (search_names gin_trgm_ops)"
    )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS partnership_search_names_trgm")


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0002_partnership_search_text"),
    ]

    operations = [
        migrations.AddField(
            model_name="partnership",
            name="search_names",
            field=models.TextField(
                blank=True, default="", editable=False, verbose_name="search names"
            ),
        ),
        migrations.AddIndex(
            model_name="partnership",
            index=models.Index(
                models.OrderBy(models.F("start_year"), descending=True),
                "id",
                name="partnership_newest_first",
            ),
        ),
        migrations.RunPython(fill_search_names, migrations.RunPython.noop),
        migrations.RunPython(create_trigram_index, drop_trigram_index),
    ]
