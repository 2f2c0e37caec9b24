# The import batch lives in `core` now; its rows were copied there (core 0003) before this table goes.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('agencies', '0004_notification_moved_to_core'),
        ('core', '0004_copy_import_batches'),
    ]

    operations = [
        migrations.DeleteModel(
            name='ImportBatch',
        ),
    ]
