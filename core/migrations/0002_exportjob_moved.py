# The ExportJob model moves from `reports` to `core` (the export layer); its table, rows, indexes and constraints
# stay as they are. It depends on the reports migration that created the table, so that a fresh database has it.

import django.db.models.deletion
import django.utils.timezone
import uuid
from django.conf import settings
from django.db import migrations, models

import core.models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0001_notification_moved'),
        ('reports', '0001_export_job'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ExportJob',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('token', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        ('kind', models.CharField(max_length=40, verbose_name='table')),
                        ('parameters', models.JSONField(blank=True, default=dict, verbose_name='filters')),
                        ('format', models.CharField(choices=[('csv', 'CSV'), ('xlsx', 'XLSX')], max_length=4, verbose_name='format')),
                        ('state', models.CharField(choices=[('queued', 'Waiting'), ('running', 'Being prepared'), ('done', 'Ready'), ('failed', 'Failed')], default='queued', max_length=10, verbose_name='state')),
                        ('rows_done', models.PositiveIntegerField(default=0)),
                        ('rows_total', models.PositiveIntegerField(blank=True, null=True)),
                        ('file', models.FileField(blank=True, max_length=200, upload_to=core.models.export_path)),
                        ('filename', models.CharField(max_length=120)),
                        ('error', models.TextField(blank=True)),
                        ('attempts', models.PositiveSmallIntegerField(default=0)),
                        ('created', models.DateTimeField(default=django.utils.timezone.now)),
                        ('started', models.DateTimeField(blank=True, null=True)),
                        ('finished', models.DateTimeField(blank=True, null=True)),
                        ('expires_at', models.DateTimeField()),
                        ('owner', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='export_jobs', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'reports_exportjob',
                        'verbose_name': 'export',
                        'verbose_name_plural': 'exports',
                        'ordering': ['-created', '-id'],
                        'indexes': [models.Index(fields=['owner', '-created'], name='export_job_owner_idx'), models.Index(fields=['expires_at'], name='export_job_expires_idx')],
                        'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('state', 'done'), _negated=True), models.Q(('file', ''), _negated=True), _connector='OR'), name='export_job_done_has_file')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
