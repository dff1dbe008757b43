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

  Scenario: Removed content of an anonymous poster leaves no one to sue
    Given an incident involving "insult"
    And the perpetrator is "anonymous"
    And the platform's response was "removed"
    When the service decides
    Then the route "civil_injunction" is not applicable because "content_already_removed"

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
