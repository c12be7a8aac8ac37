from django.apps import AppConfig


class PostureConfig(AppConfig):
    name = "tonus.web.posture"
    label = "posture"
    verbose_name = "Posture"
