"""The rule language: reading ``rules/`` (YAML with line numbers), the vocabulary of an incident, the
condition language, the compiler to engine rules, plain-language texts and the Gherkin reader.
Imports nothing of the other subpackages."""
