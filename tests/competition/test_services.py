"""Entries, selection, scoring and publication through the services: every change recorded."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from agencies.models import Notification
from competition import selectors, services
from competition.models import EntryState, Review, ScoreChange, StageKind
from tests.competition.conftest import CHECKLIST, accepted, enter, kesehatan, score_all, umum

pytestmark = pytest.mark.django_db


def test_round_from_templates_has_six_stages_and_the_template_weights(round_):
    stages = list(round_.stages.order_by("order"))

    assert [s.kind for s in stages] == [
        "registration",
        "admin_selection",
        "proposal",
        "presentation",
        "field_verification",
        "announcement",
    ]
    proposal = round_.stages.get(kind="proposal")
    assert [(c.slug, c.weight) for c in proposal.criteria.all()] == [
        ("background", 10),
        ("novelty", 15),
        ("implementation", 5),
        ("significance", 30),
        ("adaptability", 20),
        ("resources", 5),
        ("sustainability", 15),
    ]
    presentation = round_.stages.get(kind="presentation")
    assert [(c.slug, c.weight) for c in presentation.criteria.all()] == [
        ("delivery", 30),
        ("substance", 50),
        ("video", 10),
        ("head-presence", 10),
    ]


def test_criteria_weights_must_sum_to_100(round_, people):
    stage = round_.stages.get(kind="proposal")

    with pytest.raises(ValidationError) as error:
        services.criteria_replace(
            stage=stage,
            by=people["reviewer"],
            criteria=[services.CriterionData("Kebaruan", 60), services.CriterionData("Dampak", 30)],
        )

    assert error.value.messages == ["Bobot berjumlah 90; harus berjumlah 100."]
    assert stage.criteria.count() == 7


def test_eligibility_lists_every_rule_with_the_reason(round_, people, chart):
    young = accepted(chart["dinkes"], "Baru", launch=timezone.localdate() - datetime.timedelta(days=100))

    checks = selectors.eligibility(round_=round_, innovation=young, group=umum())

    close = round_.stages.get(kind="registration").closes_on
    years = young.years_implemented_on(close)
    assert [(c.slug, c.ok) for c in checks] == [
        ("accepted", True),
        ("agency_type", True),
        ("age", False),
        ("max_entries", True),
        ("previous_winner", True),
    ]
    assert checks[2].detail == (
        f"Sudah diterapkan {years:.1f} tahun saat pendaftaran ditutup ({close:%d-%m-%Y}); minimal 1.0 tahun."
    )
    with pytest.raises(ValidationError):
        services.entry_create(round_=round_, innovation=young, category=kesehatan(), group=umum(), by=people["staff"])


def test_max_entries_per_agency_and_replication_original(round_, people, chart):
    enter(round_, accepted(chart["dinkes"], "Satu"), people["staff"])
    enter(round_, accepted(chart["dinkes"], "Dua"), people["staff"])
    third = accepted(chart["dinkes"], "Tiga")
    replika = services.CompetitionGroup.objects.get(slug="replikasi")

    checks = {c.slug: c for c in selectors.eligibility(round_=round_, innovation=third, group=replika)}

    assert (checks["max_entries"].ok, checks["max_entries"].detail) == (
        False,
        "Instansi sudah memiliki 2 pendaftaran; paling banyak 2.",
    )
    assert (checks["original"].ok, checks["original"].detail) == (
        False,
        "Sebutkan inovasi asli yang direplikasi oleh inovasi ini.",
    )


def test_entry_is_prefilled_and_every_transition_recorded(round_, people, chart):
    innovation = accepted(
        chart["dinkes"], "Antar Obat", summary="Obat diantar.", problem="Lansia sulit datang.", aims="Tujuan."
    )

    entry = enter(round_, innovation, people["staff"])
    entry = services.entry_pass(entry=entry, by=people["reviewer"], checklist=CHECKLIST, note="Lengkap.")

    assert (entry.summary, entry.background) == ("Obat diantar.", "Lansia sulit datang.\n\nTujuan.")
    assert [(t.action, t.from_state, t.to_state, t.to_stage.kind, t.by.username) for t in entry.transitions.all()] == [
        ("create", "", "draft", "registration", "staf.dinkes"),
        ("submit", "draft", "submitted", "registration", "staf.dinkes"),
        ("pass", "submitted", "passed", "proposal", "walikota"),
    ]


def test_fail_needs_a_reason_the_agency_sees(round_, people, chart):
    entry = enter(round_, accepted(chart["dinkes"], "Antar Obat"), people["staff"])

    with pytest.raises(ValidationError):
        services.entry_fail(entry=entry, by=people["reviewer"], checklist={}, note=" ")
    entry = services.entry_fail(
        entry=entry, by=people["reviewer"], checklist={"complete": True}, note="Video tidak bisa dibuka."
    )

    assert (entry.state, entry.admin_reason) == (EntryState.FAILED, "Video tidak bisa dibuka.")
    assert entry.admin_checklist == {
        "complete": True,
        "age": False,
        "documents": False,
        "video": False,
        "unique": False,
    }
    other = enter(round_, accepted(chart["dinkes"], "Lain"), people["staff"])
    with pytest.raises(PermissionDenied):
        services.entry_pass(entry=other, by=people["staff"], checklist=CHECKLIST)
    with pytest.raises(ValidationError):
        services.entry_pass(entry=entry, by=people["reviewer"], checklist=CHECKLIST)


def test_scores_change_after_submission_only_when_reopened_with_history(scored, people, panel):
    review = scored[0].reviews.get(panelist=panel[0])
    criterion = review.stage.criteria.first()

    with pytest.raises(ValidationError):
        services.review_save(review=review, by=people["evaluator"], scores={criterion.pk: (Decimal(90), "")})
    services.review_reopen(review=review, by=people["reviewer"], note="Periksa kembali kebaruan.")
    services.review_save(review=review, by=people["evaluator"], scores={criterion.pk: (Decimal(90), "Lebih baik")})
    services.review_submit(review=review, by=people["evaluator"])

    review.refresh_from_db()
    change = ScoreChange.objects.get()
    assert (change.old_value, change.new_value, change.old_comment, change.by.username) == (
        Decimal("70.00"),
        Decimal("90.00"),
        "",
        "juri1",
    )
    # background weighs 10: the total rises by (90 - 70) x 10 / 100 = 2.
    assert review.total == Decimal("72.00")
    assert [(t.action, t.from_state, t.to_state, t.by.username) for t in review.transitions.all()] == [
        ("submit", "draft", "submitted", "juri1"),
        ("reopen", "submitted", "reopened", "walikota"),
        ("submit", "reopened", "submitted", "juri1"),
    ]


def test_other_reviews_hidden_until_own_submitted_and_when_the_round_hides_them(round_, people, chart, panel):
    entry = enter(
        round_, accepted(chart["dinkes"], "Antar Obat"), people["staff"], passed=True, organiser=people["reviewer"]
    )
    proposal = round_.stages.get(kind=StageKind.PROPOSAL)
    services.stage_set_override(stage=proposal, by=people["reviewer"], override="open")
    services.assignment_run(stage=proposal, by=people["reviewer"])
    mine, theirs = entry.reviews.get(panelist=panel[0]), entry.reviews.get(panelist=panel[1])
    score_all(theirs, panel[1].user, 80)

    before = selectors.other_reviews(Review.objects.get(pk=mine.pk))
    score_all(mine, people["evaluator"], 70)
    after = selectors.other_reviews(Review.objects.get(pk=mine.pk))
    round_.reviews_visible = "never"
    round_.save()
    hidden = selectors.other_reviews(Review.objects.get(pk=mine.pk))

    assert before == []
    assert [(r.panelist.user.username, r.total) for r in after] == [("juri2", Decimal("80.00"))]
    assert hidden == []


def test_scoring_refused_while_the_stage_is_closed(round_, people, chart, panel):
    entry = enter(
        round_, accepted(chart["dinkes"], "Antar Obat"), people["staff"], passed=True, organiser=people["reviewer"]
    )
    proposal = round_.stages.get(kind=StageKind.PROPOSAL)
    services.assignment_run(stage=proposal, by=people["reviewer"])
    review = entry.reviews.get(panelist=panel[0])

    with pytest.raises(ValidationError) as error:
        score_all(review, people["evaluator"], 70)

    assert error.value.messages == ["Tahap ini sudah ditutup: skor tidak dapat diubah lagi."]


def test_ranking_advance_and_publish_mark_the_winner(round_, scored, people, django_capture_on_commit_callbacks):
    proposal = round_.stages.get(kind=StageKind.PROPOSAL)

    rows = selectors.ranking(proposal)
    top = services.top_entry_ids(proposal, 1)
    services.entries_advance(round_=round_, by=people["reviewer"], entry_ids=top)
    with django_capture_on_commit_callbacks(execute=True):
        services.round_publish(round_=round_, by=people["reviewer"])

    assert [(r.entry.innovation.title, r.result.mean, r.result.rank) for r in rows] == [
        ("Posyandu Remaja", Decimal("85.00"), 1),
        ("Antar Obat", Decimal("75.00"), 2),
        ("Guru Kunjung", Decimal("60.00"), 3),
    ]
    winner = scored[2]
    winner.refresh_from_db()
    assert (winner.stage.kind, winner.final_rank, winner.is_winner) == ("presentation", 1, True)
    assert [e.pk for e in round_.entries.filter(is_winner=True)] == [winner.pk]
    assert winner.transitions.last().action == "advance"
    assert round_.events.filter(action="publish").count() == 1
    assert Notification.objects.filter(kind="competition.published", user__username="staf.dinkes").count() == 1
    with pytest.raises(ValidationError):
        services.round_publish(round_=round_, by=people["reviewer"])


def test_reminders_once_per_evaluator_and_stage(scored, round_, people, panel):
    proposal = round_.stages.get(kind=StageKind.PROPOSAL)
    services.review_reopen(review=scored[0].reviews.get(panelist=panel[0]), by=people["reviewer"], note="Cek")
    proposal.opens_on = timezone.localdate() - datetime.timedelta(days=5)
    proposal.closes_on = timezone.localdate() + datetime.timedelta(days=2)
    proposal.override = ""
    proposal.save()

    first = services.send_reminders()
    second = services.send_reminders()

    assert (first, second) == (1, 0)
    assert list(Notification.objects.filter(kind="competition.reminder").values_list("user__username", "key")) == [
        ("juri1", f"competition.reminder.{proposal.pk}")
    ]
