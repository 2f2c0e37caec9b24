"""The quota's models, moved from the flat `compliance` app: state only.

Their tables (compliance_*), constraints and indexes were created by the `compliance` migrations 0001-0006 and
stay as they are; this migration only tells Django that the models now belong to `quota`. The `compliance` app's
0007 removes them from its own state.
"""

import compliance.quota.models
import django.contrib.postgres.fields
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
            name='QuotaRule',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField(verbose_name='year')),
                ('deadline', models.DateField(help_text="31 December by default; set an earlier date such as the competition's close.", verbose_name='deadline')),
                ('minimum', models.PositiveSmallIntegerField(default=1, verbose_name='minimum number of innovations')),
                ('counting_states', django.contrib.postgres.fields.ArrayField(base_field=models.CharField(max_length=20), default=compliance.quota.models.default_counting_states, size=None, verbose_name='states that count')),
                ('replications_count', models.BooleanField(default=True, verbose_name='replications count')),
                ('continuing_count', models.BooleanField(default=False, help_text='Off by default: the quota asks for a new innovation each year.', verbose_name='continuing innovations count')),
                ('reminder_days', django.contrib.postgres.fields.ArrayField(base_field=models.PositiveSmallIntegerField(), default=compliance.quota.models.default_reminder_days, size=None, verbose_name='reminders, days before the deadline')),
                ('open', models.BooleanField(default=True, verbose_name='swept daily')),
                ('updated', models.DateTimeField(auto_now=True)),
                ('region', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='quota_rules', to='agencies.region')),
                ('subject_types', models.ManyToManyField(related_name='+', to='agencies.agencytype', verbose_name='agency types subject to the quota')),
                ('updated_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'db_table': 'compliance_quotarule',
                'ordering': ['region', '-year'],
            },
        ),
        migrations.CreateModel(
            name='QuotaRuleChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('changes', models.JSONField(default=dict)),
                ('at', models.DateTimeField(default=django.utils.timezone.now)),
                ('by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('rule', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='changes', to='quota.quotarule')),
            ],
            options={
                'db_table': 'compliance_quotarulechange',
                'ordering': ['-at', '-id'],
            },
        ),
        migrations.CreateModel(
            name='QuotaStatus',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField()),
                ('status', models.CharField(choices=[('fulfilled', 'Fulfilled'), ('fulfilled_late', 'Fulfilled late'), ('at_risk', 'At risk'), ('missed', 'Missed'), ('exempt', 'Exempt'), ('not_subject', 'Not subject'), ('pending', 'Pending')], max_length=20)),
                ('count', models.PositiveIntegerField(default=0)),
                ('since', models.DateTimeField(default=django.utils.timezone.now)),
                ('checked_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('agency', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='quota_statuses', to='agencies.agency')),
            ],
            options={
                'db_table': 'compliance_quotastatus',
                'ordering': ['agency__name'],
            },
        ),
        migrations.CreateModel(
            name='QuotaStatusChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField()),
                ('from_status', models.CharField(blank=True, choices=[('fulfilled', 'Fulfilled'), ('fulfilled_late', 'Fulfilled late'), ('at_risk', 'At risk'), ('missed', 'Missed'), ('exempt', 'Exempt'), ('not_subject', 'Not subject'), ('pending', 'Pending')], max_length=20)),
                ('to_status', models.CharField(choices=[('fulfilled', 'Fulfilled'), ('fulfilled_late', 'Fulfilled late'), ('at_risk', 'At risk'), ('missed', 'Missed'), ('exempt', 'Exempt'), ('not_subject', 'Not subject'), ('pending', 'Pending')], max_length=20)),
                ('count', models.PositiveIntegerField(default=0)),
                ('at', models.DateTimeField(default=django.utils.timezone.now)),
                ('reason', models.CharField(blank=True, max_length=300)),
                ('agency', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='quota_changes', to='agencies.agency')),
            ],
            options={
                'db_table': 'compliance_quotastatuschange',
                'ordering': ['-at', '-id'],
            },
        ),
        migrations.CreateModel(
            name='QuotaExemption',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField(verbose_name='year')),
                ('reason_kind', models.CharField(choices=[('created_late', 'Created after mid-year'), ('merged', 'Merged'), ('dissolved', 'Dissolved'), ('other', 'Other')], max_length=20, verbose_name='reason')),
                ('explanation', models.TextField(verbose_name='explanation')),
                ('state', models.CharField(choices=[('requested', 'Requested'), ('accepted', 'Accepted'), ('rejected', 'Rejected')], default='requested', max_length=20)),
                ('requested_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('decided_at', models.DateTimeField(blank=True, null=True)),
                ('decision_note', models.TextField(blank=True)),
                ('agency', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='quota_exemptions', to='agencies.agency')),
                ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('requested_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'db_table': 'compliance_quotaexemption',
                'ordering': ['-requested_at'],
                'constraints': [models.UniqueConstraint(condition=models.Q(('state', 'requested')), fields=('agency', 'year'), name='quota_exemption_one_open_request')],
            },
        ),
        migrations.AddConstraint(
            model_name='quotarule',
            constraint=models.UniqueConstraint(fields=('region', 'year'), name='quota_rule_one_per_region_year'),
        ),
        migrations.AddConstraint(
            model_name='quotarule',
            constraint=models.CheckConstraint(condition=models.Q(('minimum__gte', 1)), name='quota_rule_minimum_positive'),
        ),
        migrations.AddIndex(
            model_name='quotastatus',
            index=models.Index(fields=['year', 'status'], name='quota_status_year_idx'),
        ),
        migrations.AddConstraint(
            model_name='quotastatus',
            constraint=models.UniqueConstraint(fields=('agency', 'year'), name='quota_status_one_per_agency_year'),
        ),
        migrations.AddIndex(
            model_name='quotastatuschange',
            index=models.Index(fields=['agency', 'year', '-at'], name='quota_change_agency_idx'),
        ),
        migrations.AddIndex(
            model_name='quotastatuschange',
            index=models.Index(fields=['year', '-at'], name='quota_change_year_idx'),
        ),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=state_operations, database_operations=[]),
    ]
