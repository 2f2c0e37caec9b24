"""`make load`'s authenticators: made for the named accounts with keys written to a file, a code from the key logs
the account in, and --remove takes them all away again."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_keys_written_log_the_mayors_office_in_and_remove_deletes_them(people, tmp_path):
    out = tmp_path / "keys.json"
    reviewer = people["reviewer"]

    call_command("load_authenticators", reviewer.username, out=out)

    keys = json.loads(out.read_text())
    assert list(keys) == [reviewer.username]
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    client = client_for(None)
    client.force_login(reviewer)
    code = f"{TOTP(bytes.fromhex(keys[reviewer.username])).token():06d}"
    response = client.post(reverse("two-factor-verify"), {"code": code})
    assert response.status_code == 302
    assert client.get(reverse("dashboard")).status_code == 200

    call_command("load_authenticators", remove=True)
    assert TOTPDevice.objects.filter(user=reviewer).count() == 0


def test_an_unknown_account_is_refused_by_name(tmp_path):
    with pytest.raises(CommandError, match=r"No account 'tidak\.ada'"):
        call_command("load_authenticators", "tidak.ada", out=tmp_path / "keys.json")
