"""`make load`'s authenticators: the mayor's office and the administrator must give a TOTP code after the password
(agencies.twofactor), so the load test needs one device per such account whose key it knows.

`load_authenticators --out FILE admin walikota` makes (or renews) a confirmed TOTP device named "uji beban" for
each account with a fresh random key and writes {"username": "hex key"} to FILE (under var/, never in the
repository); `load_authenticators --remove` deletes every such device again. `scripts/load.sh` does both around
the run. (Whoever can run manage.py could make any device anyway; the keys live only as long as the run.)
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from agencies.models import User

DEVICE_NAME = "uji beban"


class Command(BaseCommand):
    help = "Make (or --remove) the load test's TOTP devices for the named accounts; keys go to --out."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("usernames", nargs="*")
        parser.add_argument("--out", type=Path, help="Where to write the keys (JSON)")
        parser.add_argument("--remove", action="store_true", help="Delete the load test's devices")

    def handle(self, *args: Any, usernames: list[str], out: Path | None, remove: bool, **options: Any) -> None:
        if remove:
            deleted, _by_model = TOTPDevice.objects.filter(name=DEVICE_NAME).delete()
            self.stdout.write(f"{deleted} load test authenticator(s) removed")
            return
        if out is None or not usernames:
            raise CommandError("Name the accounts and --out FILE.")
        keys = {}
        for username in usernames:
            user = User.objects.filter(username=username).first()
            if user is None:
                raise CommandError(f"No account {username!r}: run `make run` once (it seeds the demo).")
            TOTPDevice.objects.filter(user=user, name=DEVICE_NAME).delete()
            device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=True, key=default_key())
            keys[username] = device.key
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(keys))
        out.chmod(0o600)
        self.stdout.write(f"{len(keys)} load test authenticator(s) made; keys in {out}")
