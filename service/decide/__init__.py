"""Deciding: the incident as a fact, the durable-rules engine, the reference evaluator, the assembly of
the contract's answer, what-if (``missing_information``), explanations, the cache and the Decider.
Imports only from ``rules``."""
