from django.apps import AppConfig


class ProgressConfig(AppConfig):
    name = "tonus.web.progress"
    label = "progress"
    verbose_name = "Sessions and progress"
