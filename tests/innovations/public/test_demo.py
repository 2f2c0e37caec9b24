"""Every demo innovation through the public catalogue: a page for each published one with no person's email or
phone number and no link to private evidence; everything else is 404. The demo also shows the catalogue's cases."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from agencies.models import User
from innovations.catalogue.lineage import lineage
from innovations.models import Evidence, Innovation, RunningConfirmation, RunningRound
from innovations.public.selectors import published

pytestmark = pytest.mark.django_db

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
EVIDENCE_LINK = re.compile(r"/inovasi/bukti/(\d+)/")


def test_every_demo_innovation_is_public_only_as_chosen(client, settings, tmp_path):
    settings.DEMO_PASSWORD, settings.DEBUG, settings.MEDIA_ROOT = "demo-pass-2026", True, tmp_path
    call_command("seed_demo", stdout=StringIO())
    code = "81.71"
    shown = set(published(code).values_list("pk", flat=True))
    phones = {p for p in Innovation.objects.values_list("contact_phone", flat=True) if p}
    phones |= {p for p in User.objects.values_list("phone", flat=True) if p}
    public_evidence = set(Evidence.objects.filter(is_public=True).values_list("pk", flat=True))

    assert len(shown) >= 8
    for innovation in Innovation.objects.all():
        response = client.get(reverse("public-innovations:detail", args=[code, innovation.pk, "x"]), follow=True)
        if innovation.pk not in shown:
            assert response.status_code == 404, innovation.title
            continue
        page = response.content.decode()
        assert EMAIL.findall(page) == [], innovation.title
        assert [p for p in phones if p in page] == [], innovation.title
        assert innovation.contact_name not in page
        assert {int(pk) for pk in EVIDENCE_LINK.findall(page)} <= public_evidence, innovation.title

    # The catalogue's cases: a two-hop chain from an outside original, a stopped innovation, a check half answered.
    last = Innovation.objects.get(title="Kelurahan Peduli Stunting Rijali")
    tree = lineage(last, shown=Innovation.objects.all())
    assert tree.outside_name == "Posyandu Remaja (Kabupaten Bantul)"
    assert [tree.children[0].innovation.title, tree.children[0].children[0].innovation.title] == [
        "Posyandu Remaja Manise",
        "Negeri Peduli Stunting",
    ]
    assert Innovation.objects.get(title="Guru Kunjung Pulau").pk not in shown
    check = RunningRound.objects.get()
    answered = RunningConfirmation.objects.filter(round=check).count()
    assert answered == len(shown) // 2
