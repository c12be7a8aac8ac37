from django.apps import AppConfig


class MaintenanceConfig(AppConfig):
    """Keeping a clinic's data safe: backup and restore, orphaned photo files (no models)."""

    name = "tonus.web.maintenance"
    label = "maintenance"
    verbose_name = "Maintenance"
