"""One decision, end to end: incident in, contract answer out.

Built once at boot (rules loaded, validated, compiled, engine registered) and shared by requests. The
engine evaluates; decision.py assembles; the reference evaluator answers the what-if questions.
"""

from __future__ import annotations

from pathlib import Path

from . import decision, reference, rulebook
from .compiler import Compiled, compile_rulebook
from .engine import DurableEngine
from .incident import engine_fact


class Decider:
    def __init__(self, compiled: Compiled):
        self.compiled = compiled
        self.engine = DurableEngine(compiled)

    @classmethod
    def from_directory(cls, directory: Path | str | None = None) -> "Decider":
        return cls(compile_rulebook(rulebook.load(directory)))

    @property
    def rulebook_ref(self) -> dict:
        return {"version": self.compiled.version, "digest": self.compiled.digest}

    def decide(self, incident: dict, lang: str = "nl", provided: frozenset = frozenset()) -> dict:
        """The contract's answer for one normalised incident (without decision_id)."""
        compiled = self.compiled
        fact = engine_fact(incident)
        firing = self.engine.evaluate(fact)
        texts = decision.Texts(compiled, lang)
        body = decision.assemble(compiled, firing, texts)
        statuses = decision.outcome_by_route(body)
        missing = decision.missing_information(
            compiled, incident, provided, firing, reference.evaluate, statuses, texts
        )
        facts = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in incident.items()}
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
