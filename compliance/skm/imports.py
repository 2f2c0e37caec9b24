"""Respondents' answers on the one import flow (core.imports): one unit's survey for a period (the unit is the
scope; year, period and `replace` are the batch's options), every answer checked, then recorded all or none."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from agencies.models import Agency, User
from compliance.skm import domain, selectors, services
from compliance.skm.models import Survey
from core.imports import Error, TableRows, register
from core.models import ImportBatch

KIND = "skm"


class SurveyAnswersImporter:
    kind = KIND
    #: None required by the flow: check_answers names every missing element column in one message of its own.
    required: tuple[str, ...] = ()
    aliases: Mapping[str, str] = {}
    labels: Mapping[str, Any] = {}

    @property
    def columns(self) -> list[str]:
        """The element columns (u1 ... u9, as the regulation's table has them) and the optional profile ones."""
        return [*self._codes(), *domain.PROFILE_COLUMNS]

    def _codes(self) -> list[str]:
        return [e.code for e in selectors.elements()]

    def validate(
        self, rows: TableRows, *, scope: Agency, options: Mapping[str, Any]
    ) -> tuple[list[dict[str, Any]], list[Error]]:
        codes = self._codes()
        checked = domain.check_answers(rows, codes=codes)
        columns = [*codes, *domain.PROFILE_COLUMNS]
        preview = [
            {"line": line, **{c: values.get(c, "") for c in columns}, "answers": answers, "profile": profile}
            for (line, values), answers, profile in zip(rows, checked.answers, checked.profiles, strict=False)
        ]
        return preview, checked.errors

    def save(self, rows: list[dict[str, Any]], *, scope: Agency, options: Mapping[str, Any], by: User) -> list[Survey]:
        """Side effects: those of services.survey_record (a ValidationError there leaves the batch ready)."""
        survey = services.survey_record(
            agency=scope,
            year=options["year"],
            period=options["period"],
            by=by,
            answers=[row["answers"] for row in rows],
            profiles=[row["profile"] for row in rows],
            replace=options.get("replace", False),
        )
        return [survey]

    def scope_for(self, batch: ImportBatch) -> Agency:
        return Agency.objects.get(pk=batch.scope_id)

    def may_import(self, user: Any, scope: Agency) -> bool:
        return bool(
            selectors.recordable_units(user).filter(pk=scope.pk).exists()
            and user.has_perm("compliance.record_survey", scope)
        )


IMPORTER = register(SurveyAnswersImporter())
