# The import batch moves to `core`, scoped by a plain id instead of a region foreign key (core names no app).
# The rows of agencies_importbatch are copied over by the next migration.

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0002_exportjob_moved'),
        ('agencies', '0004_notification_moved_to_core'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ImportBatch',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(max_length=40)),
                ('scope_id', models.BigIntegerField()),
                ('filename', models.CharField(max_length=255)),
                ('rows', models.JSONField(default=list)),
                ('errors', models.JSONField(default=list)),
                ('options', models.JSONField(blank=True, default=dict)),
                ('status', models.CharField(choices=[('invalid', 'Has errors'), ('ready', 'Ready to save'), ('saved', 'Saved')], max_length=10)),
                ('created', models.DateTimeField(default=django.utils.timezone.now)),
                ('saved_at', models.DateTimeField(blank=True, null=True)),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-created'],
                'indexes': [models.Index(fields=['kind', 'created_by'], name='importbatch_kind_owner_idx')],
            },
        ),
    ]
