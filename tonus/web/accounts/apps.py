from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "tonus.web.accounts"
    label = "accounts"
    verbose_name = "Clinics and people"

    def ready(self) -> None:
        from tonus.web.accounts import signals  # noqa: F401  (records logins in the audit log)
