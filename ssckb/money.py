"""Money as REPL.IX/3/R.3, footnote 18, asks: contributions by any funder, and what is derived from them.

An entry lists its ``contributions``, each by one funder (IFAD is one among others), with an amount
when the source gives one. Everything else is derived here, never typed: IFAD's contribution,
cofinancing (the others' contributions), the in-kind total, the amounts by status (planned,
allocated, spent) and leverage (cofinancing per IFAD dollar).

Two rules hold everywhere: amounts in different currencies are never added together (a sum keeps
one figure per currency), and a contribution without an amount is never counted as zero (a sum
says how many amounts it lacks, and one with no amount at all is "not stated").

Pure functions over plain data: a contribution is the mapping the entry's file gives.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

IFAD = "ifad"  # the institution id of IFAD in the registry
#: Who gave a contribution when the source names no institution (the schema defines each).
FUNDER_GROUPS = ("governments", "donors", "participants", "not-named")
#: Whether a contribution was money or in kind valued in money (the schema defines each).
KINDS = ("cash", "in-kind", "not-stated")
#: Footnote 18's planned / allocated / spent, or not stated when the source does not say which.
STATUSES = ("planned", "allocated", "spent", "not-stated")
NOT_STATED = "not-stated"


@dataclass(frozen=True)
class Sum:
    """Amounts added up per currency, never across currencies, and how many contributions gave none."""

    amounts: tuple = ()  # ((currency, amount), ...), by currency
    unstated: int = 0  # contributions summed whose amount the source does not give
    count: int = 0  # contributions summed, with or without an amount

    @property
    def stated(self) -> bool:
        """Whether any contribution of the sum gives an amount."""
        return bool(self.amounts)

    def amount_in(self, currency: str) -> float | None:
        """The sum in one currency; None when no contribution gives an amount in it (not zero)."""
        return dict(self.amounts).get(currency)

    def __add__(self, other: "Sum") -> "Sum":
        merged = dict(self.amounts)
        for currency, amount in other.amounts:
            merged[currency] = merged.get(currency, 0) + amount
        return Sum(tuple(sorted(merged.items())), self.unstated + other.unstated, self.count + other.count)


def has_amount(contribution: dict) -> bool:
    return contribution.get("amount") is not None


def total(contributions: Iterable[dict]) -> Sum:
    """The sum of contributions, per currency; those without an amount are counted, not added."""
    amounts: dict = {}
    unstated = count = 0
    for contribution in contributions:
        count += 1
        if has_amount(contribution):
            currency = contribution["currency"]
            amounts[currency] = amounts.get(currency, 0) + contribution["amount"]
        else:
            unstated += 1
    return Sum(tuple(sorted(amounts.items())), unstated, count)


def is_ifad(contribution: dict) -> bool:
    return contribution.get("funder") == IFAD


def funder_key(contribution: dict) -> tuple:
    """('institution', id) or ('group', funder group): who gave the contribution."""
    if contribution.get("funder") is not None:
        return ("institution", contribution["funder"])
    return ("group", contribution.get("funder_group", "not-named"))


def ifad_contribution(contributions: Iterable[dict]) -> Sum:
    """IFAD's contribution: the sum of the contributions whose funder is IFAD."""
    return total(c for c in contributions if is_ifad(c))


def cofinancing(contributions: Iterable[dict]) -> Sum:
    """Cofinancing: the sum of everyone else's contributions, in cash, in kind or of a kind not stated."""
    return total(c for c in contributions if not is_ifad(c))


def in_kind(contributions: Iterable[dict]) -> Sum:
    """Contributions in kind (valued in money), by any funder."""
    return total(c for c in contributions if c.get("kind") == "in-kind")


def by_status(contributions: Iterable[dict]) -> dict:
    """status -> Sum, for every status in footnote 18's order (a status no contribution has sums nothing)."""
    items = list(contributions)
    return {status: total(c for c in items if c.get("status", NOT_STATED) == status) for status in STATUSES}


@dataclass(frozen=True)
class Leverage:
    """Cofinancing per IFAD dollar over the entries for which both are known in one currency."""

    ifad: float = 0
    cofinancing: float = 0
    entries: int = 0  # entries the ratio covers

    @property
    def ratio(self) -> float | None:
        """None when no entry gives both IFAD's contribution and cofinancing (not zero)."""
        return self.cofinancing / self.ifad if self.ifad else None

    def __add__(self, other: "Leverage") -> "Leverage":
        return Leverage(self.ifad + other.ifad, self.cofinancing + other.cofinancing, self.entries + other.entries)


def entry_leverage(contributions: Iterable[dict], currency: str = "USD") -> Leverage:
    """One entry's leverage base: counted only when IFAD and at least one other funder contribute and every
    one of those amounts is stated, in ``currency``; otherwise nothing (a missing amount is not a zero)."""
    items = list(contributions)
    ifad = [c for c in items if is_ifad(c)]
    others = [c for c in items if not is_ifad(c)]
    if not ifad or not others or not all(has_amount(c) and c["currency"] == currency for c in ifad + others):
        return Leverage()
    ifad_amount = sum(c["amount"] for c in ifad)
    if not ifad_amount:
        return Leverage()
    return Leverage(ifad_amount, sum(c["amount"] for c in others), 1)


def leverage(groups: Iterable[Iterable[dict]], currency: str = "USD") -> Leverage:
    """Leverage over several entries: each entry's contributions are one group."""
    result = Leverage()
    for contributions in groups:
        result = result + entry_leverage(contributions, currency)
    return result


def sources_of(contribution: dict, entry_sources: list) -> list:
    """Where the source gives the contribution: its own ``sources``, or else the entry's."""
    return list(contribution.get("sources") or entry_sources or ())
