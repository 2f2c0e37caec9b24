from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"

    def ready(self) -> None:
        from django.apps import apps
        from django.db.models.signals import post_delete, post_save

        from core import datacache
        from reports.panels import register_panels

        register_panels()

        def changed(sender: object, **kwargs: object) -> None:
            datacache.bump()

        for label in COUNTED_MODELS:
            model = apps.get_model(label)
            post_save.connect(changed, sender=model, weak=False, dispatch_uid=f"datacache-save-{label}")
            post_delete.connect(changed, sender=model, weak=False, dispatch_uid=f"datacache-delete-{label}")


#: The models the dashboard counts and the work inbox reads: a save or delete of any of them makes cached
#: dashboards, fragments and home pages stale (the inbox's items are kept per data version, core.inbox).
COUNTED_MODELS = (
    "agencies.Agency",
    "agencies.AgencyType",
    "innovations.Innovation",
    "quota.QuotaStatus",
    "quota.QuotaStatusChange",
    "ombudsman.Assessment",
    "ombudsman.Finding",
    "skm.Survey",
    "competition.Round",
    "competition.Stage",
    "competition.Entry",
    "competition.Review",
    "competition.Panelist",
    # Read only by the inbox: an item acted on must be gone from the home page at once.
    "quota.QuotaRule",
    "quota.QuotaExemption",
    "standards.Standard",
    "readiness.Deadline",
    "readiness.Checklist",
    "readiness.Entry",
    "readiness.FieldCheck",
    "iid.Answer",
    "innovations.RunningRound",
    "innovations.RunningConfirmation",
)
