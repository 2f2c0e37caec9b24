"""The years still swept (open rules) take the Sekretariat DPRD as subject too (agencies 0006, PP 18/2016); closed
years keep the record they were decided under. Each added type is a line in the rule's history."""

from django.db import migrations

SLUG = "sekretariat-dprd"


def add(apps, schema_editor):
    Rule = apps.get_model("quota", "QuotaRule")
    Change = apps.get_model("quota", "QuotaRuleChange")
    setwan = apps.get_model("agencies", "AgencyType").objects.filter(slug=SLUG).first()
    if setwan is None:
        return
    for rule in Rule.objects.filter(open=True).exclude(subject_types=setwan):
        rule.subject_types.add(setwan)
        Change.objects.create(rule=rule, changes={"subject_types": ["", f"+ {setwan.name} (PP 18/2016)"]})


def remove(apps, schema_editor):
    Rule = apps.get_model("quota", "QuotaRule")
    Change = apps.get_model("quota", "QuotaRuleChange")
    setwan = apps.get_model("agencies", "AgencyType").objects.filter(slug=SLUG).first()
    if setwan is None:
        return
    for change in Change.objects.filter(changes__subject_types=["", f"+ {setwan.name} (PP 18/2016)"]):
        change.rule.subject_types.remove(setwan)
        change.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("quota", "0002_rule_checkpoint_stage_switch_in_progress"),
        ("agencies", "0008_seed_sekretariat_dprd_subject"),
    ]
    operations = [migrations.RunPython(add, remove)]
