"""``manage.py api_token_create --user alice --name "nightly export"``: a token for a script.

The token is printed once on standard output (and nothing else is, so ``$(...)`` captures it).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tonus.web.accounts.tokens import token_create


class Command(BaseCommand):
    help = "Create an API token for a user and print it once (only its hash is stored)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", required=True, help="username the token acts as")
        parser.add_argument("--name", required=True, help="what the token is for")
        parser.add_argument("--expires-days", type=int, default=None,
                            help="stop working after this many days (default: never)")

    def handle(self, *args: Any, **options: Any) -> None:
        user_model = get_user_model()
        try:
            user = user_model.objects.get(**{user_model.USERNAME_FIELD: options["user"]})
        except user_model.DoesNotExist:
            raise CommandError(f"No user named {options['user']!r}.") from None
        if not user.is_active:
            raise CommandError(f"User {options['user']!r} is inactive.")
        try:
            token, raw = token_create(by=user, name=options["name"],
                                      expires_in_days=options["expires_days"])
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        self.stderr.write(
            f"Created API token {token.name!r} for {options['user']}; it is shown only now."
        )
        self.stdout.write(raw)
