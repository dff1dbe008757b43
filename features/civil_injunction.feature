Feature: Kort geding tot verwijdering, verbod en schadevergoeding (civil_injunction)
  If the intermediary does not remove the content after notices, the victim can go to the civil court,
  also in summary proceedings (answer 8), against the platform or a known perpetrator.

  Scenario: The platform refused to remove nude images: the victim can go to court in summary proceedings
    Given an incident involving "intimate_image"
    And the victim is 27 years old
    And it was shared on "instagram"
    And the platform's response was "refused"
    When the service decides
    Then the route "civil_injunction" applies
    And the route "civil_injunction" is handled by "civil_court"
    And the route "civil_injunction" cites "bw_6_162"
    And the route "civil_injunction" cites "bw_3_296"
    And the route "civil_injunction" cites "rv_254"
    And the route "civil_injunction" warns "content_replication"

  Scenario: A known perpetrator can be sued directly, even before the platform is asked
    Given an incident involving "defamation"
    And the perpetrator is "identified"
    When the service decides
    Then the route "civil_injunction" applies
    And the route "civil_injunction" does not warn "content_replication"

  Scenario: The platform has not been asked yet and the poster is anonymous: court action is conditional
    Given an incident involving "insult"
    And the perpetrator is "anonymous"
    When the service decides
    Then the route "civil_injunction" is conditional
    And the service asks about "platform_response" because it affects "civil_injunction"

  # E13: after removal the main risk is re-upload; a court can order a host to remove equivalent copies (C-18/18).
  @E13
  Scenario: After the platform removed a nude image of an anonymous poster, the court can still order copies kept down
    Given an incident involving "intimate_image"
    And the victim is 30 years old
    And the perpetrator is "anonymous"
    And the platform's response was "removed"
    When the service decides in English
    Then the route "civil_injunction" is conditional on "C-18/18"
    And the route "civil_injunction" warns "content_replication"
    And the route "civil_injunction" cites "dsa_art_6"

  @E20g
  Scenario Outline: A host that does not act on a precise notice loses its liability shield: art. 6:196c BW before 17 February 2024, art. 6 DSA from then on
    Given an incident involving "personal_data"
    And the perpetrator is "anonymous"
    And the platform's response was "refused"
    And the decision is made as of <as_of>
    When the service decides
    Then the route "civil_injunction" cites "<basis>"

    Examples:
      | as_of      | basis     |
      | 2024-02-16 | bw_6_196c |
      | 2024-02-17 | dsa_art_6 |

  Scenario: Telegram did not respond and the poster is anonymous: a judgment is hard to enforce
    Given an incident involving "personal_data"
    And it was shared on "telegram"
    And the perpetrator is "anonymous"
    And the platform's response was "no_response"
    And the decision is made as of 2026-11-29
    When the service decides
    Then the route "civil_injunction" applies
    And the route "civil_injunction" warns "enforcement_abroad_difficult"

  Scenario: A provider outside the EU without a representative: enforcement against it is very hard
    Given an incident involving "personal_data"
    And the provider is established "non_eu"
    And the perpetrator is "anonymous"
    And the platform's response was "refused"
    When the service decides
    Then the route "civil_injunction" warns "no_eu_representative"

  Scenario: Against a known perpetrator in the Netherlands the platform's seat does not matter
    Given an incident involving "personal_data"
    And it was shared on "telegram"
    And the perpetrator is "identified"
    When the service decides
    Then the route "civil_injunction" does not warn "enforcement_abroad_difficult"
