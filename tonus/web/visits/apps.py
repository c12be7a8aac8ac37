from django.apps import AppConfig


class VisitsConfig(AppConfig):
    name = "tonus.web.visits"
    label = "visits"
    verbose_name = "Visits"
