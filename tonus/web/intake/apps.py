from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "tonus.web.intake"
    label = "intake"
