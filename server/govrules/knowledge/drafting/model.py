"""What the drafter proposes: norms and notes of one document."""

from __future__ import annotations

from dataclasses import dataclass, field

from govrules.knowledge.drafting.attributes import (
    Deadline,
)
from govrules.knowledge.drafting.parties import Party


@dataclass
class DraftNorm:
    """One drafted norm: bearer × action, with the words it is read from."""

    local_id: str
    modality: str
    bearer: Party
    action: str
    action_label: str
    source: str
    quote: str
    cue: str = ""
    counterparties: list[Party] = field(default_factory=list)
    forums: list[str] = field(default_factory=list)
    deadline: Deadline | None = None
    conditions: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)


@dataclass
class DraftNote:
    """A proposed note for a provision without norms."""

    source: str
    zh: str
    en: str


@dataclass
class Drafts:
    """The norms and notes drafted for one document."""

    norms: list[DraftNorm] = field(default_factory=list)
    notes: list[DraftNote] = field(default_factory=list)
