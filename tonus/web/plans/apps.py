from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "tonus.web.plans"
    label = "plans"
    verbose_name = "Treatment plans"
