# The Notification model now lives in `core` (its table stays): removed from this app's state only.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('agencies', '0003_notification'),
        ('core', '0001_notification_moved'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='Notification')],
            database_operations=[],
        ),
    ]
