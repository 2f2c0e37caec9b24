import os
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from agencies.demo import DEFAULT_REGION, SUPPORTED_REGIONS, seed_org_chart
from competition.demo import seed_competition
from compliance.iid.demo import seed_iid
from compliance.ombudsman.demo import seed_ombudsman
from compliance.quota.demo import seed_quota
from compliance.readiness.demo import seed_readiness
from compliance.standards.demo import seed_standards
from innovations.demo import seed_innovations


class Command(BaseCommand):
    help = "Build the demo city (Kota Ambon by default): organisation chart and one user per role. Idempotent."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--region",
            default=DEFAULT_REGION,
            help=f"Kemendagri code of the city: {', '.join(f'{c} ({n})' for c, n in SUPPORTED_REGIONS.items())}",
        )
        parser.add_argument("--allow-production", action="store_true", help="Seed even with DEBUG off")

    def handle(self, *args: Any, region: str, **options: Any) -> None:
        if not settings.DEBUG and not options["allow_production"]:
            raise CommandError(
                "seed_demo creates demo accounts with a known password; it runs only with DEBUG on "
                "(or --allow-production with DEMO_PASSWORD set to a secret)."
            )
        if not settings.DEBUG and not os.environ.get("DEMO_PASSWORD"):
            raise CommandError("Set DEMO_PASSWORD to a secret before seeding demo accounts outside development.")
        if region not in SUPPORTED_REGIONS:
            raise CommandError(f"No demo data for {region}; choose one of {', '.join(SUPPORTED_REGIONS)}")
        result = seed_org_chart(region)
        innovations = seed_innovations(result.region)
        quota_changes = seed_quota(result.region)
        assessments = seed_ombudsman(result.region)
        entries = seed_competition(result.region)
        iid_answers = seed_iid(result.region)
        standards = seed_standards(result.region)
        checklists = seed_readiness(result.region)
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.region.name}: {result.agencies_created} agencies created, "
                f"users created: {', '.join(result.users_created) or 'none (already there)'}, "
                f"{innovations} innovations created, quota swept ({quota_changes}), "
                f"{assessments} Ombudsman assessments created, "
                f"{entries} competition entries created, "
                f"{iid_answers} innovation-index answers, "
                f"{standards} services with standards, {checklists} readiness checklists created"
            )
        )
