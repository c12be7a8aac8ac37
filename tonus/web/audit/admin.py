from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from tonus.web.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin[AuditEvent]):
    """Read-only: the audit log is never edited, not even by a superuser."""

    list_display = ("at", "username", "action", "object_type", "object_id", "client_id", "ip")
    list_filter = ("action", "object_type")
    search_fields = ("username", "object_id", "summary")
    actions = None

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
