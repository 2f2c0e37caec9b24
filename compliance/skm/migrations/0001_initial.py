"""The satisfaction survey's models, moved from the flat `compliance` app: state only.

Their tables (compliance_*), constraints and indexes were created by the `compliance` migrations 0001-0006 and
stay as they are; this migration only tells Django that the models now belong to `skm`. The `compliance` app's
0007 removes them from its own state.
"""

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
            name='SurveyElement',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.SlugField(max_length=10, unique=True, verbose_name='column')),
                ('name', models.CharField(max_length=120, verbose_name='name')),
                ('position', models.PositiveSmallIntegerField(verbose_name='order')),
            ],
            options={
                'verbose_name': 'survey element',
                'verbose_name_plural': 'survey elements',
                'db_table': 'compliance_surveyelement',
                'ordering': ['position'],
            },
        ),
        migrations.CreateModel(
            name='SurveyGrade',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('lower', models.DecimalField(decimal_places=2, max_digits=5, unique=True, verbose_name='from score')),
                ('upper', models.DecimalField(decimal_places=2, max_digits=5, verbose_name='to score')),
                ('grade', models.CharField(max_length=2, verbose_name='grade')),
                ('label', models.CharField(max_length=60, verbose_name='performance')),
            ],
            options={
                'verbose_name': 'survey grade',
                'verbose_name_plural': 'survey grades',
                'db_table': 'compliance_surveygrade',
                'ordering': ['lower'],
            },
        ),
        migrations.CreateModel(
            name='Survey',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField(verbose_name='year')),
                ('period', models.CharField(help_text="For example 'Semester I' or 'Triwulan 3'; one survey per period.", max_length=40, verbose_name='period')),
                ('source', models.CharField(choices=[('respondents', "respondents' answers"), ('totals', 'totals')], max_length=20)),
                ('respondents', models.PositiveIntegerField(verbose_name='respondents')),
                ('totals', models.JSONField(default=dict)),
                ('nrr', models.JSONField(default=dict)),
                ('ikm', models.DecimalField(decimal_places=4, max_digits=6, verbose_name='index (IKM)')),
                ('score', models.DecimalField(decimal_places=2, max_digits=5, verbose_name='converted score')),
                ('grade', models.CharField(max_length=2, verbose_name='grade')),
                ('note', models.TextField(blank=True, verbose_name='notes')),
                ('created', models.DateTimeField(default=django.utils.timezone.now)),
                ('agency', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='surveys', to='agencies.agency', verbose_name='unit')),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'satisfaction survey',
                'verbose_name_plural': 'satisfaction surveys',
                'db_table': 'compliance_survey',
                'ordering': ['-year', 'agency__name', 'period'],
            },
        ),
        migrations.CreateModel(
            name='SurveyObligation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('since_year', models.PositiveSmallIntegerField(default=2017, verbose_name='since year')),
                ('agency_type', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='survey_obligation', to='agencies.agencytype')),
            ],
            options={
                'verbose_name': 'survey obligation',
                'verbose_name_plural': 'survey obligations',
                'db_table': 'compliance_surveyobligation',
            },
        ),
        migrations.CreateModel(
            name='SurveyResponse',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('answers', django.contrib.postgres.fields.ArrayField(base_field=models.PositiveSmallIntegerField(), size=None)),
                ('profile', models.JSONField(blank=True, default=dict)),
                ('survey', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='responses', to='skm.survey')),
            ],
            options={
                'db_table': 'compliance_surveyresponse',
            },
        ),
        migrations.AddIndex(
            model_name='survey',
            index=models.Index(fields=['year', 'agency'], name='survey_year_agency_idx'),
        ),
        migrations.AddConstraint(
            model_name='survey',
            constraint=models.UniqueConstraint(fields=('agency', 'year', 'period'), name='survey_one_per_unit_period'),
        ),
        migrations.AddConstraint(
            model_name='survey',
            constraint=models.CheckConstraint(condition=models.Q(('respondents__gt', 0)), name='survey_has_respondents'),
        ),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=state_operations, database_operations=[]),
    ]
