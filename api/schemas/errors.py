"""The one body of every error answer (4xx and 5xx)."""

from __future__ import annotations

from pydantic import BaseModel, Field


class FieldError(BaseModel):
    """One input that failed validation."""

    location: list[str | int] = Field(description='Where, e.g. ["query", "limit"]')
    message: str


class ErrorBody(BaseModel):
    """What went wrong, in a sentence; for a 422, which inputs failed."""

    detail: str
    errors: list[FieldError] = Field(default_factory=list)
    known: list[str] = Field(
        default_factory=list, description="For an unknown style, season or gender: the known ones"
    )
