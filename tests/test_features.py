"""Binds every feature file in features/ (one per route, readable by a lawyer) to the steps in conftest."""

from pytest_bdd import scenarios

scenarios("../features")
