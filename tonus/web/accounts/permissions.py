"""Everything a person may be allowed to do; roles.py says who may do what."""

from enum import StrEnum


class Permission(StrEnum):
    CLIENT_VIEW = "client.view"
    CLIENT_EDIT = "client.edit"
    VISIT_VIEW = "visit.view"
    VISIT_EDIT = "visit.edit"
    AUDIT_VIEW = "audit.view"
    CLINIC_MANAGE = "clinic.manage"
