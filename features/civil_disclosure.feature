Feature: Afgifte van identificerende gegevens via de civiele rechter (civil_disclosure)
  Civil law can oblige an intermediary to disclose a user's identifying data if the unlawfulness is
  plausible, the victim has a real interest, there is no less intrusive way and the balance of interests
  favours it (answer 5; HR 25 November 2005, Lycos/Pessers).

  Scenario: An anonymous account defames the victim on Instagram: the court can order disclosure
    Given an incident involving "defamation"
    And it was shared on "instagram"
    And the perpetrator is "anonymous"
    When the service decides
    Then the route "civil_disclosure" applies
    And the route "civil_disclosure" is handled by "civil_court"
    And the route "civil_disclosure" cites "hr_lycos_pessers"
    And the route "civil_disclosure" cites "bw_6_162"
    And the route "civil_disclosure" cites "rv_254"
    And the route "civil_disclosure" warns "identification_depends_on_platform"
    And the route "civil_disclosure" does not warn "enforcement_abroad_difficult"

  Scenario: When the perpetrator is known there is a less intrusive way, so disclosure fails
    Given an incident involving "defamation"
    And the perpetrator is "identified"
    When the service decides
    Then the route "civil_disclosure" is not applicable because "perpetrator_identified"

  Scenario: Whether the poster is known is unknown: disclosure is conditional and the service asks
    Given an incident involving "insult"
    When the service decides
    Then the route "civil_disclosure" is conditional
    And the service asks about "perpetrator" because it affects "civil_disclosure"

  Scenario: Against Telegram, established outside the EU, a Dutch order is hard to enforce
    Given an incident involving "personal_data"
    And it was shared on "telegram"
    And the perpetrator is "anonymous"
    And the decision is made as of 2026-11-29
    When the service decides
    Then the route "civil_disclosure" applies
    And the route "civil_disclosure" warns "enforcement_abroad_difficult"
    And the route "civil_disclosure" does not warn "no_eu_representative"

  Scenario: A provider outside the EU without a representative: enforcement is very hard
    Given an incident involving "personal_data"
    And the provider is established "non_eu"
    And the perpetrator is "anonymous"
    When the service decides
    Then the route "civil_disclosure" warns "no_eu_representative"
