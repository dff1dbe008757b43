"""Operations: the Decider in service and its swap, hot reload across worker processes, logs and
metrics. Imports from ``rules``, ``decide`` and ``check``."""
