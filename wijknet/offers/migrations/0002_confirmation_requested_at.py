from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("offers", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="offer",
            name="confirmation_requested_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddIndex(
            model_name="offer",
            index=models.Index(fields=["network", "title", "id"], name="offer_network_title"),
        ),
        migrations.AddIndex(
            model_name="offer",
            index=models.Index(fields=["network", "place"], name="offer_network_place"),
        ),
    ]
