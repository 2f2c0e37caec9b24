# The Notification model moves from `agencies` to `core`; its table, rows, indexes and constraints stay as they are.

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('agencies', '0003_notification'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Notification',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(max_length=60)),
                        ('title', models.CharField(max_length=200)),
                        ('body', models.TextField(blank=True)),
                        ('url', models.CharField(blank=True, max_length=300)),
                        ('key', models.CharField(max_length=200)),
                        ('created', models.DateTimeField(default=django.utils.timezone.now)),
                        ('read_at', models.DateTimeField(blank=True, null=True)),
                        ('emailed_at', models.DateTimeField(blank=True, null=True)),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'agencies_notification',
                        'ordering': ['-created', '-id'],
                        'indexes': [models.Index(fields=['user', 'read_at'], name='notification_unread_idx')],
                        'constraints': [models.UniqueConstraint(fields=('user', 'key'), name='notification_once_per_user_and_key')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
