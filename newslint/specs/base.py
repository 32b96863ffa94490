"""The fields every rule has, whatever its kind, as pydantic validates them.

A kind's spec (``newslint/specs/<kind>.py``) adds its own fields and names its checker
(``checker``, in ``newslint/kinds/<kind>.py``). Validated, a spec becomes a plain
:class:`newslint.kinds.base.Rule` (:meth:`RuleBase.runtime`), which is what the compiled packs keep
and a run uses: pydantic is needed only to validate YAML, never to lint.
"""
from __future__ import annotations

from types import SimpleNamespace
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..kinds.base import Examples, Match, Rule, render
from ..models import CATEGORY_LETTERS, Category, Severity

CODE_RE = r"^[BATGSWRL][0-9]{3}$"
NAME_RE = r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class RuleBase(Strict):
    """Fields common to every rule kind."""

    code: str = Field(pattern=CODE_RE, description="category letter and three digits")
    name: str = Field(pattern=NAME_RE, description="kebab-case name, also usable in select/ignore")
    category: Category
    severity: Severity = Severity.warning
    kind: str
    message: str = Field(description="template: {match}, {suggestion} and kind-specific fields")
    description: str = Field(min_length=20, description="what it flags and why it matters")
    link: str | None = None
    enabled: bool = Field(True, description="on unless deselected; false makes the rule opt-in")
    skip_quotes: bool = Field(True, description="ignore matches inside direct quotations")
    fix: Literal["none", "safe"] = "none"
    examples: Examples
    pack: str = Field("", description="set by the loader: the pack the rule came from")

    # The kind's checker class: it is made from the rule's fields (and the values the spec's
    # validators prepared), read as attributes, whether of this model or of the plain Rule.
    checker: ClassVar[type]

    @field_validator("message")
    @classmethod
    def _message_template(cls, v: str) -> str:
        try:
            v.format_map(_Probe())
        except (ValueError, IndexError) as exc:
            raise ValueError(f"bad message template: {exc}") from None
        return v

    @model_validator(mode="after")
    def _code_matches_category(self):
        letter = self.code[0]
        if CATEGORY_LETTERS.get(letter) != self.category:
            raise ValueError(
                f"code {self.code} starts with {letter!r}, which is the letter of "
                f"{CATEGORY_LETTERS.get(letter)!r}, not {self.category!r}"
            )
        return self

    def compile(self):
        return self.checker(self)

    def render(self, m: Match, matched: str) -> str:
        return render(self.message, m, matched)

    @property
    def as_written(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True)

    def runtime(self) -> Rule:
        """The rule as a run uses it: every field and prepared value, with no pydantic in it."""
        return Rule(_fields(self), type(self).checker, self.as_written)


def _fields(model: BaseModel) -> dict[str, Any]:
    out = {name: _plain(getattr(model, name)) for name in type(model).model_fields}
    out.update((name, _plain(v)) for name, v in (model.__pydantic_private__ or {}).items())
    return out


def _plain(v: Any) -> Any:
    """A field's value without pydantic models in it: a nested model becomes a namespace of its
    fields (and prepared values)."""
    if isinstance(v, BaseModel):
        return SimpleNamespace(**_fields(v))
    if isinstance(v, list):
        return [_plain(x) for x in v]
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    return v


class _Probe(dict):
    def __missing__(self, key):
        return ""
