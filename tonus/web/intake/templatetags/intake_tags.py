"""``{% intake_card client %}``: the client page's intake box (links, what came in, a new link),
so the client page needs one line only."""

from __future__ import annotations

from typing import Any

from django import template

from tonus.core.knowledge.client_knowledge import client_knowledge
from tonus.web.clients.models import Client
from tonus.web.intake.models import IntakeLink, IntakeSubmission, Status
from tonus.web.intake.services import clinic_consent_text

register = template.Library()


@register.inclusion_tag("intake/_intake_card.html", takes_context=True)
def intake_card(context: template.Context, client: Client) -> dict[str, Any]:
    # the client page already fetched ``client`` through the scoped, audited selector
    links = list(IntakeLink.objects.filter(client=client)[:5])
    pending = list(IntakeSubmission.objects.filter(client=client, status=Status.PENDING))
    return {
        "client": client, "links": links, "pending": pending,
        "instruments": list(client_knowledge().instruments.values()),
        "consent_text": clinic_consent_text(client.clinic_id),
        "csrf_token": context.get("csrf_token"),
    }
