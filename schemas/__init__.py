"""marshmallow schemas: the request and response of the API, and the format of the rule files."""
