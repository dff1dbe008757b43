"""HTTP: the Flask app, API v1, problem documents, the OpenAPI document and the pages for people.
The top of the flow: imports from every other subpackage, none imports it."""
