from django.apps import AppConfig


class DemoConfig(AppConfig):
    """`manage.py seed_demo`: a demo clinic with realistic clients and visits (no models)."""

    name = "tonus.web.demo"
    label = "demo"
    verbose_name = "Demo data"
