"""Routewijzer: which legal routes apply to an online-abuse incident in the Netherlands."""

__version__ = "0.1.0"


def create_app(test_config=None):
    from .web.app import create_app as _create

    return _create(test_config)
