"""One decision, end to end: incident in, contract answer out.

Built once at boot (rules loaded, validated, compiled, engine registered) and shared by requests. The
engine evaluates; decision.py assembles; whatif.py answers the what-if questions (equal, by test, to
decision.missing_information over the reference evaluator).
"""

from __future__ import annotations

from pathlib import Path

from ..rules import rulebook
from ..rules.compiler import Compiled, compile_rulebook
from . import decision
from .decision_cache import DecisionCache, configured_size, decision_key
from .engine import DurableEngine
from .incident import engine_fact
from .whatif import WhatIf


class Decider:
    def __init__(self, compiled: Compiled, cache_size: int | None = None):
        self.compiled = compiled
        self.engine = DurableEngine(compiled)
        self.whatif = WhatIf(compiled)
        # Answers of this rulebook only: a reload builds a new Decider, and the cache goes with the old one.
        self.cache = DecisionCache(configured_size() if cache_size is None else cache_size)

    @classmethod
    def from_directory(cls, directory: Path | str | None = None, cache_size: int | None = None) -> Decider:
        return cls(compile_rulebook(rulebook.load(directory)), cache_size)

    @property
    def rulebook_ref(self) -> dict:
        return {"version": self.compiled.version, "digest": self.compiled.digest}

    def decide(self, incident: dict, lang: str = "nl", provided: frozenset = frozenset()) -> dict:
        """The contract's answer for one normalised incident (without decision_id): a fresh dict per call."""
        key = decision_key(self.compiled.digest, incident, lang, provided)
        answer = self.cache.get(key)
        if answer is None:
            answer = self.decide_uncached(incident, lang, provided)
            self.cache.put(key, answer)
        return answer

    def decide_json(self, incident: dict, lang: str = "nl", provided: frozenset = frozenset()) -> tuple:
        """The same answer encoded as JSON: (bytes, route ids, rulebook reference); shared, read-only."""
        key = decision_key(self.compiled.digest, incident, lang, provided)
        entry = self.cache.get_encoded(key)
        if entry is None:
            entry = self.cache.put(key, self.decide_uncached(incident, lang, provided))
        return entry

    def decide_uncached(self, incident: dict, lang: str = "nl", provided: frozenset = frozenset()) -> dict:
        compiled = self.compiled
        fact = engine_fact(incident)
        firing = self.engine.evaluate(fact)
        texts = decision.Texts(compiled, lang, incident["as_of"])
        body = decision.assemble(compiled, firing, texts)
        statuses = decision.outcome_by_route(body)
        missing = self.whatif.missing_information(incident, provided, firing, statuses, texts, fact)
        facts = decision.request_facts(incident, firing)
        facts.update(decision.derived_facts(compiled, firing))
        return {
            "rulebook": self.rulebook_ref,
            "as_of": incident["as_of"].isoformat(),
            "facts": facts,
            **body,
            "missing_information": missing,
        }

    def close(self) -> None:
        self.engine.close()
