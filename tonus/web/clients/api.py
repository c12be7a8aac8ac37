"""Clients over the API: translation only, through the same selectors and services as the pages."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from ninja import Field, Query, Router, Schema, Status
from pydantic import ConfigDict, field_validator

from tonus.web.accounts.tokens import TokenRequest
from tonus.web.clients.models import Client, Sex, Tobacco
from tonus.web.clients.screening import red_flag_alerts
from tonus.web.clients.selectors import PAGE_SIZE, client_get, client_list
from tonus.web.clients.services import client_create, client_screening_update, client_update

router = Router(tags=["clients"])


class ClientFields(Schema):
    first_name: str = Field(max_length=100)
    last_name: str = Field(max_length=100)
    date_of_birth: datetime.date | None = None
    sex: Sex = Sex.UNSPECIFIED
    phone: str = Field("", max_length=40)
    email: str = Field("", max_length=254)
    address: str = ""
    history: str = Field("", description="Past injuries, surgery, conditions.")
    medications: str = ""
    caffeine_cups_per_day: int | None = Field(None, ge=0, le=100)
    tobacco: Tobacco = Field(Tobacco.UNKNOWN, description='"" when not asked.')
    alcohol_units_per_week: int | None = Field(None, ge=0, le=500)
    activities: list[str] = Field(
        default_factory=list, description="Activity ids of the shared vocabulary."
    )


class ClientCreate(ClientFields):
    consent_given: bool = Field(
        False, description="The client has given informed consent to treatment."
    )


# Text, choice and list fields of the record cannot be empty in the database: null is refused
# for them (a 422 naming the field), and the schema shows them as not nullable.
NOT_NULL = ("first_name", "last_name", "sex", "phone", "email", "address", "history",
            "medications", "tobacco", "activities")


def _not_nullable_in_schema(schema: dict[str, Any]) -> None:
    for name in NOT_NULL:
        prop = schema["properties"][name]
        options = [o for o in prop.pop("anyOf", []) if o.get("type") != "null"]
        if len(options) == 1:
            prop.update(options[0])
        elif options:
            prop["anyOf"] = options
        prop.pop("default", None)


class ClientPatch(Schema):
    """Only the fields sent are changed (send ``""`` to clear a text field)."""

    model_config = ConfigDict(json_schema_extra=_not_nullable_in_schema)

    first_name: str | None = Field(None, max_length=100)
    last_name: str | None = Field(None, max_length=100)
    date_of_birth: datetime.date | None = None
    sex: Sex | None = None
    phone: str | None = Field(None, max_length=40)
    email: str | None = Field(None, max_length=254)
    address: str | None = None
    history: str | None = None
    medications: str | None = None
    caffeine_cups_per_day: int | None = Field(None, ge=0, le=100)
    tobacco: Tobacco | None = Field(None, description='"" when not asked.')
    alcohol_units_per_week: int | None = Field(None, ge=0, le=500)
    activities: list[str] | None = Field(None, description="Activity ids of the shared vocabulary.")

    @field_validator(*NOT_NULL, mode="before")
    @classmethod
    def _not_null(cls, value: Any) -> Any:
        if value is None:
            raise ValueError('cannot be null (send "" to clear a text field)')
        return value


class ClientOut(ClientFields):
    id: int
    consent_given: bool
    consent_recorded_at: datetime.datetime | None
    created_at: datetime.datetime
    updated_at: datetime.datetime


class ClientPage(Schema):
    items: list[ClientOut]
    count: int = Field(description="Clients matching the search, on all pages.")
    page: int
    pages: int
    page_size: int


class RedFlagOut(Schema):
    id: str
    label: str
    to: str = Field(description="Who to refer to (a professional id).")
    to_label: str
    reason: str
    urgency: str
    urgency_label: str


class ScreeningOut(Schema):
    answers: dict[str, bool] = Field(
        description="Screening id -> true/false; an unanswered question is absent."
    )
    red_flags: list[RedFlagOut] = Field(description="Red flags answered yes: refer first.")


class ScreeningIn(Schema):
    answers: dict[str, bool] = Field(
        description="Every answer (replaces the stored ones; leave a question out to clear it)."
    )


class ClientListQuery(Schema):
    search: str = Field("", max_length=100, description="Words in name, phone or e-mail.")
    page: int = Field(1, ge=1, le=100_000)


def _screening(client: Client) -> dict[str, Any]:
    return {"answers": client.screening, "red_flags": red_flag_alerts(client.screening)}


@router.get(
    "", response=ClientPage, summary="List clients",
    description=f"The clinic's clients by last name, {PAGE_SIZE} a page; `search` matches "
    "every word against name, phone and e-mail.",
)
def clients_list(request: TokenRequest, query: Query[ClientListQuery]) -> dict[str, Any]:
    page = client_list(user=request.auth, search=query.search, page=query.page)
    return {
        "items": list(page.object_list), "count": page.paginator.count, "page": page.number,
        "pages": page.paginator.num_pages, "page_size": PAGE_SIZE,
    }


@router.post(
    "", response={201: ClientOut}, summary="Create a client",
    description="Creates a client record in your clinic (needs `client.edit`).",
)
def clients_create(request: TokenRequest, payload: ClientCreate) -> Status[Client]:
    return Status(201, client_create(by=request.auth, **payload.model_dump()))


@router.get(
    "/{client_id}", response=ClientOut, summary="Get a client",
    description="One client of your clinic; 404 for any other id.",
)
def clients_get(request: TokenRequest, client_id: int) -> Client:
    return client_get(user=request.auth, client_id=client_id)


@router.patch(
    "/{client_id}", response=ClientOut, summary="Update a client",
    description="Changes the fields sent, leaves the others (needs `client.edit`).",
)
def clients_update(request: TokenRequest, client_id: int, payload: ClientPatch) -> Client:
    client = client_get(user=request.auth, client_id=client_id)
    return client_update(by=request.auth, client=client, **payload.model_dump(exclude_unset=True))


@router.get(
    "/{client_id}/screening", response=ScreeningOut, summary="Get screening answers",
    description="Screening answers (perpetuating factors and red flags) and the red flags "
    "answered yes, with whom to refer to.",
)
def screening_get(request: TokenRequest, client_id: int) -> dict[str, Any]:
    return _screening(client_get(user=request.auth, client_id=client_id))


@router.put(
    "/{client_id}/screening", response=ScreeningOut, summary="Replace screening answers",
    description="Stores exactly the answers sent: a question left out becomes unanswered.",
)
def screening_put(request: TokenRequest, client_id: int, payload: ScreeningIn) -> dict[str, Any]:
    client = client_get(user=request.auth, client_id=client_id)
    answers: dict[str, bool | None] = dict.fromkeys(client.screening)
    answers.update(payload.answers)
    try:
        client = client_screening_update(by=request.auth, client=client, answers=answers)
    except ValueError as error:  # unknown screening ids
        raise ValidationError({"answers": str(error)}) from error
    return _screening(client)
