Feature: Vordering van identificerende gegevens (identification_order)
  Police and prosecutors can order an intermediary or platform to produce data identifying the poster
  (answer 5; art. 126n-series Sv). Whether it works depends on the provider's cooperation and on its
  establishment; in 2023 Telegram did not respond to orders (answer 6).

  Scenario: An anonymous account threatens the victim on a Dutch service: the poster's data can be ordered
    Given an incident involving "threat"
    And the perpetrator is "anonymous"
    And the provider is established "nl"
    When the service decides
    Then the route "identification_order" applies
    And the route "identification_order" is handled by "public_prosecution"
    And the route "identification_order" cites "sv_126na"
    And the route "identification_order" cites "sv_126n"
    And the route "identification_order" cites "sv_126nc"
    And the route "identification_order" warns "identification_depends_on_platform"
    And the route "identification_order" warns "technical_legal_objections"
    And the route "identification_order" does not warn "foreign_platform_slow_procedure"

  Scenario: A known perpetrator need not be identified
    Given an incident involving "threat"
    And the perpetrator is "identified"
    When the service decides
    Then the route "identification_order" is not applicable because "perpetrator_identified"

  Scenario: Whether the poster is known is unknown: the service asks
    Given an incident involving "threat"
    And the provider is established "nl"
    When the service decides
    Then the route "identification_order" is conditional
    And the service asks about "perpetrator" because it affects "identification_order"

  Scenario: In October 2023 Telegram ignored orders and a foreign provider needed legal assistance
    Given an incident involving "personal_data" and "intimate_image"
    And the victim is 22 years old
    And it was shared on "telegram"
    And it was shared in a closed group
    And the perpetrator is "anonymous"
    And it happened on 2023-09-15
    And the decision is made as of 2023-10-11
    When the service decides
    Then the route "identification_order" applies
    And the route "identification_order" warns "platform_ignores_orders"
    And the route "identification_order" warns "foreign_platform_slow_procedure"
    And the route "identification_order" warns "no_eu_representative"

  Scenario: Since its policy change of September 2024 Telegram no longer counts as ignoring orders
    Given an incident involving "threat"
    And it was shared on "telegram"
    And the perpetrator is "anonymous"
    And the decision is made as of 2025-03-01
    When the service decides
    Then the route "identification_order" does not warn "platform_ignores_orders"
    And the route "identification_order" does not warn "no_eu_representative"
    And the route "identification_order" warns "foreign_platform_slow_procedure"

  # E01/E21: a closed group is not "not in public"; it was wrong to exclude data orders here.
  @E01 @E21
  Scenario: A call to violence in a closed group: data can be ordered if it was made "in public", which an expert assesses
    Given an incident involving "call_to_violence"
    And the perpetrator is "anonymous"
    And it was shared in a closed group
    When the service decides
    Then the route "identification_order" is conditional
    And the route "identification_order" cites "sv_126n"

  Scenario: Without a criminal offence no data can be ordered
    Given an incident involving "discriminatory_insult"
    And the hate ground is "sex"
    And the perpetrator is "anonymous"
    And it was shared publicly
    When the service decides
    Then the route "identification_order" is not applicable because "sex_not_ground_for_group_insult"

  @E10
  Scenario: For an insult only subscriber data can be ordered; traffic data need a serious offence (art. 67(1) Sv)
    Given an incident involving "insult"
    And the perpetrator is "anonymous"
    When the service decides
    Then the route "identification_order" cites "sv_126na"
    And the route "identification_order" does not cite "sv_126n"
    And the route "identification_order" warns "traffic_data_only_serious_offences"

  @E10
  Scenario Outline: Traffic data for doxing can be ordered only for doxing from 1 January 2024, when art. 285d Sr was added to art. 67(1) Sv
    Given an incident involving "personal_data" and "insult"
    And the perpetrator is "anonymous"
    And it happened on <day>
    When the service decides
    Then the route "identification_order" <cites> "sv_126n"

    Examples:
      | day        | cites          |
      | 2024-01-01 | cites          |
      | 2023-12-31 | does not cite  |
