from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "tonus.web.accounts"
    label = "accounts"
    verbose_name = "Clinics and people"

    def ready(self) -> None:
        from tonus.web.accounts import (
            lockout,  # noqa: F401  (a login clears its own failures)
            signals,  # noqa: F401  (records logins in the audit log)
        )
