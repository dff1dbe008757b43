"""Conditions and vocabulary in plain Dutch or English, for the rulebook page and the playground.

``condition(when, lang, book)`` renders a ``when:`` mapping of a rule file the way a legal expert would
say it. The labels cover the contract's vocabulary (service/vocabulary.py); a value without a label is
shown as its id, so a new id never breaks a page.
"""

from __future__ import annotations

import datetime as dt

from .vocabulary import INPUT_FIELDS

LABELS: dict[str, dict[str, str]] = {
    "nl": {
        # content types
        "intimate_image": "intiem beeld", "synthetic_intimate_image": "nagemaakt (deepfake) intiem beeld",
        "child_sexual_abuse_material": "materiaal van seksueel kindermisbruik",
        "personal_data": "persoonsgegevens (doxing)", "threat": "bedreiging", "call_to_violence": "oproep tot geweld",
        "discriminatory_insult": "discriminerende belediging", "incitement_to_hatred": "aanzetten tot haat",
        "defamation": "smaad of laster", "insult": "belediging", "harassment": "belaging",
        "extortion": "afpersing (sextortion)", "terrorist_content": "terroristische inhoud",
        # fields
        "content_types": "wat er is gedeeld of gedaan", "victim_age": "leeftijd van het slachtoffer",
        "age_when_made": "leeftijd toen het beeld werd gemaakt", "platform": "platform",
        "platform_established": "vestiging van de aanbieder", "group_closed": "gedeeld in een gesloten groep",
        "perpetrator": "dader", "platform_response": "reactie van het platform",
        "hate_ground": "discriminatiegrond", "victim_in_crisis": "slachtoffer in acute nood",
        "incident_date": "datum van het incident", "as_of": "beoordeeld per",
        # values
        "nl": "in Nederland", "eu": "elders in de EU",
        "non_eu_with_eu_representative": "buiten de EU, met een EU-vertegenwoordiger", "non_eu": "buiten de EU",
        "unknown": "onbekend", "identified": "bekend", "anonymous": "anoniem", "not_reported": "niet gemeld",
        "pending": "in behandeling", "removed": "verwijderd", "refused": "geweigerd", "no_response": "geen reactie",
        "race": "ras", "religion": "godsdienst of levensovertuiging", "sexual_orientation": "seksuele gerichtheid",
        "disability": "handicap", "sex": "geslacht", "other": "anders", "none": "geen",
        "true": "ja", "false": "nee", "cooperative": "werkt mee", "limited": "werkt beperkt mee",
        "nonresponsive": "reageert niet", "broad": "ruim", "narrow": "beperkt",
        # derived facts the platform profiles provide
        "profile_establishment": "vestiging volgens het platformprofiel",
        "platform_cooperation": "medewerking van het platform", "platform_ignores_orders": "het platform negeert bevelen",
        "platform_in_pps": "het platform neemt deel aan de publiek-private samenwerking",
        "platform_terms": "gebruiksvoorwaarden van het platform",
        "platform_vlop": "het platform is een zeer groot onlineplatform (DSA)",
        "platform_eu_representative": "het platform heeft een wettelijk vertegenwoordiger in de EU",
        "platform_discloses_data": "het platform verstrekt gegevens op verzoek",
        "platform_representative_in_nl": "het platform heeft een vestiging of vertegenwoordiger in Nederland",
        "platform_eio_available": "de lidstaat van vestiging doet mee aan het Europees onderzoeksbevel",
        "other_platform": "ander platform",
        # contract v1.1: fields
        "audience": "wie het kon zien", "audience_size": "aantal mensen dat het kon zien",
        "image_origin": "hoe het beeld is ontstaan", "publication": "openbaar gemaakt of alleen gedreigd",
        "victim_role": "rol van het slachtoffer", "hosting_established": "vestiging van de hostingaanbieder",
        "platform_size": "omvang van het platform (DSA)", "extortion_threat": "waarmee de afperser dreigt",
        "extortion_demand": "wat de afperser eist", "perpetrator_relation": "wie de dader is voor het slachtoffer",
        "perpetrator_minor": "de dader is jonger dan 18", "victim_has_copy": "het slachtoffer heeft zelf een kopie",
        "in_search_results": "vindbaar via zoekmachines op de naam van het slachtoffer",
        "prosecution_status": "stand van de strafzaak", "goals": "wat het slachtoffer wil",
        "profile_size": "omvang volgens het platformprofiel",
        # contract v1.1: values
        "one_to_one": "één persoon (privéchat)", "closed_group_admin_approved": "groep waarin de beheerder elk lid toelaat",
        "group_joined_by_link": "groep waar iedereen met de link in kan", "public": "openbaar",
        "self_made": "zelf gemaakt en in vertrouwen gedeeld", "made_with_consent": "met toestemming gemaakt",
        "made_covertly": "stiekem opgenomen", "obtained_unlawfully": "gehackt of gestolen",
        "published": "aan anderen getoond", "threatened": "alleen mee gedreigd",
        "private_person": "privépersoon",
        "public_official": "publieke functie (art. 285d lid 2 Sr, bijv. politicus, rechter, advocaat, politie)",
        "journalist": "journalist", "public_task_worker": "ander publiek werk (zorg, onderwijs)",
        "micro_or_small": "micro- of kleine onderneming", "medium_or_large": "middelgroot of groot",
        "very_large": "zeer groot onlineplatform (aangewezen)", "publish_or_reveal": "verspreiden of onthullen",
        "violence": "geweld", "both": "allebei", "money": "geld", "images_or_sexual_acts": "beelden of seksuele handelingen",
        "partner_or_ex_partner": "(ex-)partner", "family": "familie", "classmate_or_colleague": "klasgenoot of collega",
        "acquaintance": "kennis", "stranger": "onbekende",
        "prosecution_status.none": "nog geen aangifte", "reported": "aangifte gedaan",
        "report_refused": "aangifte niet opgenomen", "not_prosecuted": "niet vervolgd", "prosecuted": "vervolging loopt",
        "removal": "verwijderen", "prevent_spread": "verdere verspreiding voorkomen", "identification": "de dader kennen",
        "prosecution": "vervolging", "compensation": "schadevergoeding", "protection": "bescherming (contactverbod)",
        "support": "steun en hulp", "gender_identity": "genderidentiteit, genderexpressie of geslachtskenmerken",
    },
    "en": {
        "intimate_image": "intimate image", "synthetic_intimate_image": "synthetic (deepfake) intimate image",
        "child_sexual_abuse_material": "child sexual abuse material", "personal_data": "personal data (doxing)",
        "threat": "threat", "call_to_violence": "call to violence", "discriminatory_insult": "discriminatory insult",
        "incitement_to_hatred": "incitement to hatred", "defamation": "defamation", "insult": "insult",
        "harassment": "harassment (stalking)", "extortion": "extortion (sextortion)",
        "terrorist_content": "terrorist content",
        "content_types": "what was shared or done", "victim_age": "the victim's age",
        "age_when_made": "age when the image was made", "platform": "platform",
        "platform_established": "where the provider is established", "group_closed": "shared in a closed group",
        "perpetrator": "perpetrator", "platform_response": "the platform's response",
        "hate_ground": "discrimination ground", "victim_in_crisis": "victim in acute distress",
        "incident_date": "date of the incident", "as_of": "assessed as of",
        "nl": "in the Netherlands", "eu": "elsewhere in the EU",
        "non_eu_with_eu_representative": "outside the EU, with an EU representative", "non_eu": "outside the EU",
        "unknown": "unknown", "identified": "identified", "anonymous": "anonymous", "not_reported": "not reported",
        "pending": "pending", "removed": "removed", "refused": "refused", "no_response": "no response",
        "race": "race", "religion": "religion or belief", "sexual_orientation": "sexual orientation",
        "disability": "disability", "sex": "sex", "other": "other", "none": "none",
        "true": "yes", "false": "no", "cooperative": "cooperates", "limited": "cooperates to a limited extent",
        "nonresponsive": "does not respond", "broad": "broad", "narrow": "narrow",
        "profile_establishment": "establishment according to the platform profile",
        "platform_cooperation": "the platform's cooperation", "platform_ignores_orders": "the platform ignores orders",
        "platform_in_pps": "the platform takes part in the public-private partnership",
        "platform_terms": "the platform's terms of service",
        "platform_vlop": "the platform is a very large online platform (DSA)",
        "platform_eu_representative": "the platform has a legal representative in the EU",
        "platform_discloses_data": "the platform discloses data on request",
        "platform_representative_in_nl": "the platform has an establishment or representative in the Netherlands",
        "platform_eio_available": "the member state of establishment takes part in the European Investigation Order",
        "other_platform": "other platform",
        "audience": "who could see it", "audience_size": "number of people who could see it",
        "image_origin": "how the image came about", "publication": "published or only threatened",
        "victim_role": "the victim's role", "hosting_established": "where the hosting provider is established",
        "platform_size": "the platform's size (DSA)", "extortion_threat": "what the extortioner threatens",
        "extortion_demand": "what the extortioner demands", "perpetrator_relation": "who the perpetrator is to the victim",
        "perpetrator_minor": "the perpetrator is under 18", "victim_has_copy": "the victim holds a copy",
        "in_search_results": "found by search engines under the victim's name",
        "prosecution_status": "where the criminal case stands", "goals": "what the victim wants",
        "profile_size": "size according to the platform profile",
        "one_to_one": "one person (private chat)", "closed_group_admin_approved": "a group whose admin lets in each member",
        "group_joined_by_link": "a group anyone with the link can join", "public": "public",
        "self_made": "made by the victim and shared in confidence", "made_with_consent": "made with consent",
        "made_covertly": "recorded secretly", "obtained_unlawfully": "hacked or stolen",
        "published": "shown to others", "threatened": "only threatened",
        "private_person": "private person",
        "public_official": "public function (art. 285d(2) Sr, e.g. politician, judge, lawyer, police)",
        "journalist": "journalist", "public_task_worker": "other public work (care, teaching)",
        "micro_or_small": "micro or small enterprise", "medium_or_large": "medium or large",
        "very_large": "very large online platform (designated)", "publish_or_reveal": "to publish or reveal",
        "violence": "violence", "both": "both", "money": "money", "images_or_sexual_acts": "images or sexual acts",
        "partner_or_ex_partner": "(former) partner", "family": "family", "classmate_or_colleague": "classmate or colleague",
        "acquaintance": "acquaintance", "stranger": "stranger",
        "prosecution_status.none": "nothing reported yet", "reported": "reported to the police",
        "report_refused": "the police would not take the report", "not_prosecuted": "not prosecuted",
        "prosecuted": "being prosecuted",
        "removal": "removal", "prevent_spread": "preventing further spread", "identification": "knowing who did it",
        "prosecution": "prosecution", "compensation": "compensation", "protection": "protection (contact ban)",
        "support": "support and help", "gender_identity": "gender identity, gender expression or sex characteristics",
    },
}
PLATFORM_NAMES = {"telegram": "Telegram", "x": "X (Twitter)", "facebook": "Facebook", "instagram": "Instagram",
                  "whatsapp": "WhatsApp", "tiktok": "TikTok", "snapchat": "Snapchat", "youtube": "YouTube"}
MONTHS = {
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
}
WORDS = {
    "nl": {"or": "of", "and": "en", "not": "niet", "one_of": "een van", "below": "lager dan", "at_most": "ten hoogste",
           "above": "hoger dan", "at_least": "ten minste", "known": "bekend", "is_unknown": "onbekend",
           "includes": "het gaat om", "includes_all": "het gaat om zowel", "excludes": "het gaat om geen van",
           "excludes_one": "het gaat niet om",
           "before": "vóór", "on_or_after": "op of na", "incident_date": "het incident was", "as_of": "beoordeeld",
           "always": "altijd", "unknown_whether": "onbekend of",
           "set_includes": "een van", "set_includes_all": "zowel", "set_excludes": "geen van",
           "set_excludes_one": "niet"},
    "en": {"or": "or", "and": "and", "not": "not", "one_of": "one of", "below": "below", "at_most": "at most",
           "above": "above", "at_least": "at least", "known": "known", "is_unknown": "unknown",
           "includes": "the incident includes", "includes_all": "the incident includes both", "excludes":
           "the incident includes none of", "excludes_one": "the incident does not include", "before": "before", "on_or_after": "on or after",
           "incident_date": "the incident was", "as_of": "assessed", "always": "always",
           "unknown_whether": "unknown whether",
           "set_includes": "one of", "set_includes_all": "all of", "set_excludes": "none of",
           "set_excludes_one": "not"},
}


def label(value, lang: str, field: str | None = None) -> str:
    """The label of a value; ``field``: the field it is a value of (a few values mean something else per
    field, e.g. prosecution_status none)."""
    if isinstance(value, bool):
        value = "true" if value else "false"
    value = str(value)
    if value in PLATFORM_NAMES:
        return PLATFORM_NAMES[value]
    if field is not None and f"{field}.{value}" in LABELS[lang]:
        return LABELS[lang][f"{field}.{value}"]
    return LABELS[lang].get(value, value.replace("_", " "))


def platform_label(value: str, lang: str) -> str:
    return label("other_platform", lang) if value == "other" else label(value, lang)


def date(value, lang: str) -> str:
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return f"{value.day} {MONTHS[lang][value.month - 1]} {value.year}"


def _join(items: list[str], word: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {word} " + items[-1]


class Plain:
    """Renders conditions in one language; ``facts`` maps a derived fact to its description text."""

    def __init__(self, lang: str, facts: dict[str, dict] | None = None):
        self.lang = lang
        self.w = WORDS[lang]
        self.facts = facts or {}

    def condition(self, when) -> str:
        if not when:
            return self.w["always"]
        parts = []
        for key, value in when.items():
            if key == "any":
                alts = [self.condition(c) for c in value]
                parts.append(alts[0] if len(alts) == 1 else
                             f"{self.w['one_of']}: " + "; ".join(f"({i}) {a}" for i, a in enumerate(alts, 1)))
            elif key == "all":
                parts.append(_join([self.condition(c) for c in value], self.w["and"]))
            else:
                parts.append(self.fact(key, value))
        return _join(parts, self.w["and"])

    def fact(self, name: str, value) -> str:
        lang, w = self.lang, self.w
        if name in ("incident_date", "as_of") and isinstance(value, dict):
            (word, day), = value.items()
            return f"{w[name]} {w.get(word, word)} {date(day, lang)}"
        spec = INPUT_FIELDS.get(name)
        if spec is not None and spec["kind"] == "set":
            mode, values = "includes", value
            if isinstance(value, dict):
                (mode, values), = value.items()
            values = values if isinstance(values, list) else [values]
            joiner = w["and"] if mode in ("includes_all", "excludes") else w["or"]
            if mode == "excludes" and len(values) == 1:
                mode = "excludes_one"
            shown = _join([label(v, lang, name) for v in values], joiner)
            if name == "content_types":
                return f"{w[mode]} {shown}"
            return f"{label(name, lang)}: {w['set_' + mode]} {shown}"
        if spec is not None and spec["kind"] == "number":
            if value in ("unknown", "known"):
                return f"{label(name, lang)} {w['is_unknown'] if value == 'unknown' else w['known']}"
            (word, n), = value.items()
            return f"{label(name, lang)} {w.get(word, word)} {n}"
        negate = isinstance(value, dict) and "not" in value
        values = value["not"] if negate else value
        values = values if isinstance(values, list) else [values]
        if spec is None and self._yes_no(name, values):
            return self._derived_yes_no(name, values, negate)
        what = label(name, lang) if spec is not None or name in LABELS[lang] else self._fact_text(name)
        shown = [platform_label(v, lang) if name == "platform" else label(v, lang, name) for v in values]
        return f"{what}: {w['not'] + ' ' if negate else ''}{_join(shown, w['and'] if negate else w['or'])}"

    def _fact_text(self, name: str) -> str:
        text = self.facts.get(name)
        return text[self.lang].rstrip(".") if text else label(name, self.lang)

    @staticmethod
    def _yes_no(name, values) -> bool:
        return all(v in (True, False, "true", "false", "unknown") for v in values)

    def _derived_yes_no(self, name: str, values: list, negate: bool) -> str:
        text = self._fact_text(name)
        norm = {("true" if v is True else "false" if v is False else v) for v in values}
        if negate:
            norm = {"true", "false", "unknown"} - norm
        if norm == {"true"}:
            return text
        if norm == {"false"}:
            return f"{self.w['not']}: {text}"
        if norm == {"unknown"}:
            return f"{self.w['unknown_whether']}: {text}"
        shown = [label(v, self.lang) for v in ("true", "false", "unknown") if v in norm]
        return f"{text}: {_join(shown, self.w['or'])}"
