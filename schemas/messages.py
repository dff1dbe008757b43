"""Validation messages for people, in Dutch and English: one catalogue, keyed by the kind of error.

The request schema raises English messages: marshmallow's own ("Not a valid integer.") for a value
of the wrong type, and ``say(kind, ...)`` for its own checks (contradictions between fields). Where a
problem answer is built (the API, the playground), ``translate`` finds each message's kind and writes
it in the request's language, naming fields the way the form does, never by their JSON names. The
keys of ``errors`` stay the JSON field names.

A new check in a schema adds a kind here (Dutch and English) and raises ``say(kind, ...)``; a message
without a kind would reach a Dutch reader in English (tests/test_messages.py finds those).
"""

from __future__ import annotations

import re

from routewijzer.rules.plain import label

# kind -> the text in each language; ``{field}`` placeholders name another field (shown as its noun),
# ``{values}`` a list of vocabulary values (shown as their labels). ``marshmallow``: the English of
# marshmallow's own message of this kind, so that it is recognised.
CATALOGUE: dict[str, dict] = {
    # the shape of a value
    "required": {"nl": "Dit is verplicht.", "en": "This is required.",
                 "marshmallow": ["Missing data for required field."]},
    "unknown_field": {
        "nl": "Dit veld hoort niet bij een incident. Namen, beelden en vrije tekst worden niet aangenomen.",
        "en": "This field is not part of an incident. Names, images and free text are not accepted.",
        "marshmallow": ["Unknown field."]},
    "null": {"nl": "Laat dit veld weg als het antwoord niet bekend is (null is geen waarde).",
             "en": "Leave this field out when the answer is not known (null is not a value).",
             "marshmallow": ["Field may not be null."]},
    "rulebook_digest": {"nl": "Geen digest van een regelboek (sha256: en 64 hexadecimale tekens).",
                        "en": "Not a rulebook digest (sha256: and 64 hexadecimal digits)."},
    "object": {"nl": "Stuur het incident als één JSON-object, met ten minste content_types.",
               "en": "Send the incident as one JSON object, with at least content_types.",
               "marshmallow": ["Invalid input type.", "Expected a JSON object."]},
    "integer": {"nl": "Geef een heel getal.", "en": "Give a whole number.",
                "marshmallow": ["Not a valid integer."]},
    "range": {"nl": "Geef een getal van {min} tot en met {max}.", "en": "Give a number from {min} to {max}.",
              "marshmallow": ["Must be greater than or equal to {min} and less than or equal to {max}."]},
    "boolean": {"nl": "Antwoord met true (ja) of false (nee).", "en": "Answer with true (yes) or false (no).",
                "marshmallow": ["Not a valid boolean."]},
    "date": {"nl": "Geef een datum als JJJJ-MM-DD, bijvoorbeeld 2024-03-01.",
             "en": "Give a date as YYYY-MM-DD, for example 2024-03-01.",
             "marshmallow": ["Not a valid date: use YYYY-MM-DD.", "Not a valid date."]},
    "list": {"nl": "Geef een lijst met een of meer waarden.", "en": "Give a list of one or more values.",
             "marshmallow": ["Not a valid list."]},
    "text": {"nl": "Geef een van de vaste waarden, tussen aanhalingstekens.",
             "en": "Give one of the fixed values, in quotes.",
             "marshmallow": ["Not a valid string."]},
    "one_of": {"nl": "Kies een van deze waarden: {choices}.", "en": "Choose one of these values: {choices}.",
               "marshmallow": ["Must be one of: {choices}."]},
    "at_least": {"nl": "Kies er ten minste {min}.", "en": "Choose at least {min}.",
                 "marshmallow": ["Shorter than minimum length {min}."]},
    "at_most": {"nl": "Kies er ten hoogste {max}.", "en": "Choose at most {max}.",
                "marshmallow": ["Longer than maximum length {max}."]},
    "between": {"nl": "Kies er {min} tot en met {max}.", "en": "Choose {min} to {max}.",
                "marshmallow": ["Length must be between {min} and {max}."]},
    "unique": {"nl": "Noem elke waarde maar één keer.", "en": "Name each value only once."},
    # contradictions between fields
    "only_with_content": {"nl": "Dit past alleen bij {values}.", "en": "This fits only with {values}."},
    "not_above": {"nl": "Kan niet hoger zijn dan {field}.", "en": "Cannot be higher than {field}."},
    "not_after": {"nl": "Kan niet na {field} liggen.", "en": "Cannot be after {field}."},
    "not_before": {"nl": "Kies {date} of later.", "en": "Choose {date} or later."},
    "must_agree": {"nl": "Dit spreekt {field} tegen.", "en": "This contradicts {field}."},
}

# A field as a message names it ("higher than the victim's age"); other fields: their label.
NOUNS: dict[str, dict[str, str]] = {
    "_schema": {"nl": "het incident als geheel", "en": "the incident as a whole"},
    "victim_age": {"nl": "de leeftijd van het slachtoffer", "en": "the victim's age"},
    "as_of": {"nl": "de beoordelingsdatum", "en": "the assessment date"},
    "incident_date": {"nl": "de datum van het incident", "en": "the date of the incident"},
    "group_closed": {"nl": "het antwoord op 'gedeeld in een gesloten groep'",
                     "en": "the answer to 'shared in a closed group'"},
}

# Problem answers other than field errors: title per status, and their details.
TITLES = {
    400: {"nl": "Onjuist verzoek", "en": "Malformed request"},
    401: {"nl": "Geen toegang", "en": "Unauthorized"},
    404: {"nl": "Niet gevonden", "en": "Not found"},
    405: {"nl": "Methode niet toegestaan", "en": "Method not allowed"},
    408: {"nl": "Verzoek niet op tijd ontvangen", "en": "Request timeout"},
    403: {"nl": "Verboden", "en": "Forbidden"},
    413: {"nl": "Verzoek te groot", "en": "Request body too large"},
    414: {"nl": "Adres te lang", "en": "URI too long"},
    415: {"nl": "Verkeerd type inhoud", "en": "Unsupported media type"},
    422: {"nl": "Incident niet geldig", "en": "Invalid incident"},
    429: {"nl": "Te veel pogingen", "en": "Too many requests"},
    417: {"nl": "Verwachting niet te vervullen", "en": "Expectation failed"},
    431: {"nl": "Kopregels te groot", "en": "Request header fields too large"},
    500: {"nl": "Interne fout", "en": "Internal error"},
    501: {"nl": "Niet ondersteund", "en": "Not implemented"},
    503: {"nl": "Dienst niet beschikbaar", "en": "Service unavailable"},
}
DETAILS: dict[str, dict[str, str]] = {
    "invalid_incident": {"nl": "Het incident is niet geldig of spreekt zichzelf tegen. Kijk bij: {fields}.",
                         "en": "The incident is not valid or contradicts itself. See: {fields}."},
    "not_json_object": {"nl": "Het incident moet een JSON-object zijn.", "en": "The incident must be a JSON object."},
    "request_timeout": {"nl": "Het verzoek kwam niet op tijd binnen.", "en": "The request did not arrive in time."},
    "unreadable_request": {"nl": "De server kon dit HTTP-verzoek niet lezen.",
                           "en": "The server could not read this HTTP request."},
    "body_timeout": {"nl": "De inhoud van het verzoek kwam niet op tijd binnen.",
                     "en": "The body did not arrive in time."},
    "body_unreadable": {"nl": "De inhoud van het verzoek is onleesbaar: onjuiste chunked-codering of afgebroken.",
                        "en": "The body could not be read: malformed chunked encoding or cut short."},
    "admin_locked": {"nl": "Te veel mislukte pogingen met het beheertoken; probeer het over {wait} s opnieuw.",
                     "en": "Too many failed admin attempts; try again in {wait} s."},
    "token_needed": {"nl": "Stuur het token als Authorization: Bearer <token>.",
                     "en": "Send the token as Authorization: Bearer <token>."},
    "rulebook_param": {"nl": "De parameter rulebook neemt de digest van een regelboek: sha256: en 64 hexadecimale tekens.",
                       "en": "The parameter rulebook takes a rulebook digest: sha256: and 64 hexadecimal digits."},
    "rulebook_not_kept": {
        "nl": "Deze dienst bewaart dat regelboek niet (meer). GET /v1/rulebooks toont de bewaarde regelboeken; "
              "een ouder regelboek beantwoordt `routewijzer decide --rules <git-revisie>`.",
        "en": "This service does not keep that rulebook (any more). GET /v1/rulebooks lists the rulebooks it "
              "keeps; `routewijzer decide --rules <git revision>` answers with an older one."},
}


class Msg(str):
    """An English message that remembers its kind and values, so it can be written in another language.

    marshmallow keeps the messages a schema validator raises as they are (it formats only the
    messages of its own fields), so a ``Msg`` reaches ``translate`` intact.
    """

    kind: str
    values: dict

    def __new__(cls, kind: str, **values):
        self = super().__new__(cls, _render(kind, "en", values))
        self.kind, self.values = kind, values
        return self


def say(kind: str, **values) -> Msg:
    """A message of ``kind`` (a key of CATALOGUE); ``field=``, ``values=``, ``date=`` fill it in."""
    if kind not in CATALOGUE:
        raise KeyError(f"no message kind '{kind}' in schemas/messages.py")
    return Msg(kind, **values)


def noun(field: str, lang: str) -> str:
    return NOUNS.get(field, {}).get(lang) or label(field, lang)


def _join(items: list[str], lang: str) -> str:
    word = {"nl": "of", "en": "or"}[lang]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {word} " + items[-1]


def _render(kind: str, lang: str, values: dict) -> str:
    shown = dict(values)
    if "field" in shown:
        shown["field"] = noun(shown["field"], lang)
    if "values" in shown:
        shown["values"] = _join([label(v, lang) for v in shown["values"]], lang)
    return CATALOGUE[kind][lang].format(**shown)


def _pattern(template: str) -> re.Pattern:
    parts = re.split(r"\{(\w+)\}", template)
    regex = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(parts))
    return re.compile(regex + r"\Z")


_MARSHMALLOW = [(_pattern(t), kind) for kind, entry in CATALOGUE.items() for t in entry.get("marshmallow", [])]


def kind_of(message) -> tuple[str, dict] | None:
    """The kind and values of a message, or None when the catalogue does not know it."""
    if isinstance(message, Msg):
        return message.kind, message.values
    for pattern, kind in _MARSHMALLOW:
        m = pattern.match(str(message))
        if m:
            return kind, m.groupdict()
    return None


def human(message, lang: str) -> str:
    """One message in ``lang``; a message the catalogue does not know stays as it is."""
    found = kind_of(message)
    return str(message) if found is None else _render(found[0], lang, found[1])


def translate(errors: dict[str, list], lang: str) -> dict[str, list[str]]:
    """{"field": [messages]} in ``lang``; the same message twice for one field is said once."""
    return {name: list(dict.fromkeys(human(m, lang) for m in messages)) for name, messages in errors.items()}


def field_of(key: str) -> str:
    """The field an error key belongs to: "content_types.0" -> "content_types"."""
    return key.split(".", 1)[0]


def invalid_detail(errors: dict, lang: str) -> str:
    fields = list(dict.fromkeys(field_of(k) for k in errors))
    return DETAILS["invalid_incident"][lang].format(fields="; ".join(noun(f, lang) for f in fields))
