from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "tonus.web.audit"
    label = "audit"
    verbose_name = "Audit log"
