"""Checking a rulebook before it serves: the linter, exact satisfiability questions, the stress corpus
driven through the real engine, and the editor JSON Schema. Imports from ``rules`` and ``decide``."""
