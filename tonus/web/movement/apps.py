from django.apps import AppConfig


class MovementConfig(AppConfig):
    name = "tonus.web.movement"
    label = "movement"
    verbose_name = "Movement screens"
