from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "tonus.web.outcomes"
    label = "outcomes"
