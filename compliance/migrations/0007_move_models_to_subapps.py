"""The models of `compliance` now belong to its sub-apps `quota`, `ombudsman` and `skm` (their 0001 migrations):
remove them from this app's state only. No table, row, constraint or index changes; the sub-apps' models keep the
tables by `db_table`.

Children go before the models they point at, so that the state never holds a reference to a removed model.
"""

from django.db import migrations

MOVED = [
    # ombudsman
    "FindingEvidence",
    "FindingEvent",
    "Finding",
    "AssessmentSource",
    "AssessmentCorrection",
    "Assessment",
    "Band",
    "AssessmentMethod",
    # quota
    "QuotaExemption",
    "QuotaStatusChange",
    "QuotaStatus",
    "QuotaRuleChange",
    "QuotaRule",
    # skm
    "SurveyResponse",
    "Survey",
    "SurveyObligation",
    "SurveyGrade",
    "SurveyElement",
]


class Migration(migrations.Migration):

    dependencies = [
        ('compliance', '0006_seed_survey'),
        ('quota', '0001_initial'),
        ('ombudsman', '0001_initial'),
        ('skm', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name) for name in MOVED],
            database_operations=[],
        ),
    ]
