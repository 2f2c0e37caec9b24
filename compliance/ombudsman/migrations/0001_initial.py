"""The Ombudsman's models (methods, bands, assessments, improvement notes), moved from the flat `compliance` app: state only.

Their tables (compliance_*), constraints and indexes were created by the `compliance` migrations 0001-0006 and
stay as they are; this migration only tells Django that the models now belong to `ombudsman`. The `compliance` app's
0007 removes them from its own state.
"""

import compliance.ombudsman.models
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('compliance', '0006_seed_survey'),
        ('agencies', '0003_notification'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    state_operations = [
        migrations.CreateModel(
            name='Assessment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField(verbose_name='year')),
                ('score', models.DecimalField(decimal_places=2, max_digits=7, verbose_name='score')),
                ('zone', models.CharField(choices=[('red', 'Red'), ('yellow', 'Yellow'), ('green', 'Green')], max_length=10, verbose_name='zone')),
                ('grade', models.CharField(blank=True, max_length=2, verbose_name='grade')),
                ('dim_input', models.DecimalField(blank=True, decimal_places=2, max_digits=6, null=True, verbose_name='input')),
                ('dim_proses', models.DecimalField(blank=True, decimal_places=2, max_digits=6, null=True, verbose_name='proses')),
                ('dim_output', models.DecimalField(blank=True, decimal_places=2, max_digits=6, null=True, verbose_name='output')),
                ('dim_pengaduan', models.DecimalField(blank=True, decimal_places=2, max_digits=6, null=True, verbose_name='pengaduan')),
                ('published', models.DateField(blank=True, null=True, verbose_name='date published')),
                ('source_url', models.URLField(blank=True, verbose_name='source document link')),
                ('note', models.TextField(blank=True, verbose_name='notes')),
                ('created', models.DateTimeField(auto_now_add=True)),
                ('updated', models.DateTimeField(auto_now=True)),
                ('agency', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='assessments', to='agencies.agency', verbose_name='agency')),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'Ombudsman assessment',
                'verbose_name_plural': 'Ombudsman assessments',
                'db_table': 'compliance_assessment',
                'ordering': ['-year', 'agency__name'],
            },
        ),
        migrations.CreateModel(
            name='AssessmentCorrection',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('changes', models.JSONField(default=dict)),
                ('reason', models.TextField()),
                ('at', models.DateTimeField(default=django.utils.timezone.now)),
                ('assessment', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='corrections', to='ombudsman.assessment')),
                ('by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'db_table': 'compliance_assessmentcorrection',
                'ordering': ['-at', '-id'],
            },
        ),
        migrations.CreateModel(
            name='AssessmentMethod',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('slug', models.SlugField(max_length=40, unique=True, verbose_name='identifier')),
                ('name', models.CharField(max_length=200, verbose_name='name')),
                ('first_year', models.PositiveSmallIntegerField(verbose_name='first year')),
                ('last_year', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='last year')),
                ('scale_min', models.DecimalField(decimal_places=2, default=0, max_digits=7, verbose_name='lowest score')),
                ('scale_max', models.DecimalField(decimal_places=2, max_digits=7, verbose_name='highest score')),
                ('has_dimensions', models.BooleanField(default=False, help_text='Input, proses, output and pengaduan (2022 onward).', verbose_name='scores per dimension')),
                ('notes', models.TextField(blank=True, verbose_name='notes')),
            ],
            options={
                'verbose_name': 'assessment method',
                'verbose_name_plural': 'assessment methods',
                'db_table': 'compliance_assessmentmethod',
                'ordering': ['first_year'],
                'constraints': [models.CheckConstraint(condition=models.Q(('scale_max__gt', models.F('scale_min'))), name='method_scale_ordered'), models.CheckConstraint(condition=models.Q(('last_year__isnull', True), ('last_year__gte', models.F('first_year')), _connector='OR'), name='method_years_ordered')],
            },
        ),
        migrations.AddField(
            model_name='assessment',
            name='method',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='assessments', to='ombudsman.assessmentmethod'),
        ),
        migrations.CreateModel(
            name='AssessmentSource',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('original_name', models.CharField(max_length=255)),
                ('content_type', models.CharField(max_length=100)),
                ('extension', models.CharField(max_length=10)),
                ('size', models.PositiveIntegerField()),
                ('sha256', models.CharField(max_length=64)),
                ('uploaded_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('file', models.FileField(max_length=300, upload_to=compliance.ombudsman.models.source_path)),
                ('assessment', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='source', to='ombudsman.assessment')),
                ('uploaded_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'db_table': 'compliance_assessmentsource',
            },
        ),
        migrations.CreateModel(
            name='Band',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('lower', models.DecimalField(decimal_places=2, max_digits=7, verbose_name='from score')),
                ('upper', models.DecimalField(decimal_places=2, max_digits=7, verbose_name='to score')),
                ('zone', models.CharField(choices=[('red', 'Red'), ('yellow', 'Yellow'), ('green', 'Green')], max_length=10, verbose_name='zone')),
                ('grade', models.CharField(blank=True, max_length=2, verbose_name='grade')),
                ('label', models.CharField(blank=True, max_length=80, verbose_name='label')),
                ('dark', models.BooleanField(default=False, verbose_name='dark shade')),
                ('method', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='bands', to='ombudsman.assessmentmethod')),
            ],
            options={
                'db_table': 'compliance_band',
                'ordering': ['method', 'lower'],
            },
        ),
        migrations.CreateModel(
            name='Finding',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('text', models.TextField(verbose_name='what to fix')),
                ('due', models.DateField(verbose_name='due date')),
                ('state', models.CharField(choices=[('open', 'Open'), ('in_progress', 'In progress'), ('done', 'Done, awaiting verification'), ('verified', 'Verified')], default='open', max_length=20, verbose_name='state')),
                ('overdue_since', models.DateField(blank=True, null=True)),
                ('created', models.DateTimeField(default=django.utils.timezone.now)),
                ('updated', models.DateTimeField(default=django.utils.timezone.now)),
                ('assessment', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='findings', to='ombudsman.assessment')),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('responsible', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='findings', to='agencies.agency', verbose_name='responsible agency')),
            ],
            options={
                'verbose_name': 'improvement note',
                'verbose_name_plural': 'improvement notes',
                'db_table': 'compliance_finding',
                'ordering': ['due', 'id'],
            },
        ),
        migrations.CreateModel(
            name='FindingEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('created', 'created'), ('state', 'state changed'), ('comment', 'comment'), ('evidence', 'evidence added'), ('overdue', 'became overdue'), ('edited', 'edited')], max_length=20)),
                ('from_state', models.CharField(blank=True, choices=[('open', 'Open'), ('in_progress', 'In progress'), ('done', 'Done, awaiting verification'), ('verified', 'Verified')], max_length=20)),
                ('to_state', models.CharField(blank=True, choices=[('open', 'Open'), ('in_progress', 'In progress'), ('done', 'Done, awaiting verification'), ('verified', 'Verified')], max_length=20)),
                ('text', models.TextField(blank=True)),
                ('at', models.DateTimeField(default=django.utils.timezone.now)),
                ('by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('finding', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='events', to='ombudsman.finding')),
            ],
            options={
                'db_table': 'compliance_findingevent',
                'ordering': ['at', 'id'],
            },
        ),
        migrations.CreateModel(
            name='FindingEvidence',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('original_name', models.CharField(max_length=255)),
                ('content_type', models.CharField(max_length=100)),
                ('extension', models.CharField(max_length=10)),
                ('size', models.PositiveIntegerField()),
                ('sha256', models.CharField(max_length=64)),
                ('uploaded_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('caption', models.CharField(blank=True, max_length=200, verbose_name='caption')),
                ('file', models.FileField(max_length=300, upload_to=compliance.ombudsman.models.finding_evidence_path)),
                ('finding', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='evidence', to='ombudsman.finding')),
                ('uploaded_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'db_table': 'compliance_findingevidence',
                'ordering': ['uploaded_at', 'id'],
            },
        ),
        migrations.AddIndex(
            model_name='assessment',
            index=models.Index(fields=['year', 'zone'], name='assessment_year_zone_idx'),
        ),
        migrations.AddConstraint(
            model_name='assessment',
            constraint=models.UniqueConstraint(fields=('agency', 'year', 'method'), name='assessment_one_per_agency_year_method'),
        ),
        migrations.AddConstraint(
            model_name='assessment',
            constraint=models.CheckConstraint(condition=models.Q(('score__gte', 0)), name='assessment_score_not_negative'),
        ),
        migrations.AddConstraint(
            model_name='band',
            constraint=models.UniqueConstraint(fields=('method', 'lower'), name='band_lower_unique_per_method'),
        ),
        migrations.AddConstraint(
            model_name='band',
            constraint=models.CheckConstraint(condition=models.Q(('upper__gte', models.F('lower'))), name='band_bounds_ordered'),
        ),
        migrations.AddIndex(
            model_name='finding',
            index=models.Index(fields=['state', 'due'], name='finding_state_due_idx'),
        ),
        migrations.AddIndex(
            model_name='finding',
            index=models.Index(fields=['responsible', 'state'], name='finding_responsible_idx'),
        ),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=state_operations, database_operations=[]),
    ]
