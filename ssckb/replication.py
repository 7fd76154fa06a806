"""Replication: where an experience travelled next, from the ``replicates:`` of activities.

An activity names what it replicates or adapts: an earlier activity, or a learning route whose innovation
plan it carried out. Read both ways, these steps say what an entry builds on and where it travelled next;
followed from each first experience, they make chains (trees, when one experience travelled to several
places). Pure functions over the loaded knowledge base; every order is fixed (newest first, then title).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Entry, KnowledgeBase

#: The kinds an activity's ``replicates`` item may name, by the field that names them.
TARGET_FIELDS = {"activity": "activity", "learning_route": "learning_route"}


@dataclass(frozen=True)
class Step:
    """``follower`` replicates or adapts ``origin`` (``relation``), with what the entry says of it."""

    origin: Entry
    follower: Entry
    relation: str
    note: str = ""


@dataclass
class ChainNode:
    """One experience in a chain, with where it travelled next."""

    entry: Entry
    relation: str = ""  # how it took up its parent's experience ('' for the first)
    note: str = ""
    next: list = field(default_factory=list)


def replication_steps(knowledge_base: KnowledgeBase) -> list[Step]:
    """Every step of every activity's ``replicates``, whose origin exists, in a fixed order."""
    memo = knowledge_base.memo.setdefault("replication", {})
    if "steps" not in memo:
        steps = []
        for follower in knowledge_base.entries.get("activity", {}).values():
            for item in follower.data.get("replicates", ()):
                for key, kind in TARGET_FIELDS.items():
                    origin = knowledge_base.get(kind, item.get(key)) if item.get(key) else None
                    if origin is not None:
                        steps.append(Step(origin, follower, item["relation"], item.get("note", "")))
        memo["steps"] = sorted(steps, key=lambda s: (s.origin.sort_key, s.follower.sort_key))
    return memo["steps"]


def _steps_by(knowledge_base: KnowledgeBase, side: str) -> dict:
    """(kind, id) of the origin or of the follower -> its steps, worked out once per knowledge base."""
    memo = knowledge_base.memo.setdefault("replication", {})
    if side not in memo:
        by_key: dict = {}
        for step in replication_steps(knowledge_base):
            entry = getattr(step, side)
            by_key.setdefault((entry.kind, entry.id), []).append(step)
        memo[side] = by_key
    return memo[side]


def builds_on(knowledge_base: KnowledgeBase, entry: Entry) -> list[Step]:
    """The steps by which ``entry`` took up an earlier experience."""
    return list(_steps_by(knowledge_base, "follower").get((entry.kind, entry.id), ()))


def travelled_to(knowledge_base: KnowledgeBase, entry: Entry) -> list[Step]:
    """The steps by which ``entry``'s experience travelled next."""
    return list(_steps_by(knowledge_base, "origin").get((entry.kind, entry.id), ()))


def chains(knowledge_base: KnowledgeBase) -> list[ChainNode]:
    """One tree per first experience (an origin that replicates nothing itself), in a fixed order. An entry
    already on the path is not followed again, so a loop in the data ends there."""
    steps = replication_steps(knowledge_base)
    followers = {id(step.follower) for step in steps}
    roots = []
    for step in steps:
        if id(step.origin) not in followers and all(root.entry is not step.origin for root in roots):
            roots.append(ChainNode(step.origin))

    def grow(node: ChainNode, path: frozenset) -> None:
        for step in travelled_to(knowledge_base, node.entry):
            if id(step.follower) not in path:
                child = ChainNode(step.follower, step.relation, step.note)
                node.next.append(child)
                grow(child, path | {id(step.follower)})

    for root in roots:
        grow(root, frozenset({id(root.entry)}))
    return roots
