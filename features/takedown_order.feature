Feature: Bevel tot ontoegankelijkmaking (takedown_order)
  The public prosecutor, with authorisation of the investigating judge, can order a communication-
  service provider to make criminal content inaccessible (art. 125p Sv, answer 6). It needs a suspected
  crime. Against a foreign channel it is exceptional: in 2021 it worked only via the suspect's phone.

  Scenario: Threats on a service established in the Netherlands can be made inaccessible by order
    Given an incident involving "threat"
    And the provider is established "nl"
    And the decision is made as of 2026-11-29
    When the service decides
    Then the route "takedown_order" applies
    And the route "takedown_order" is handled by "public_prosecution"
    And the route "takedown_order" cites "sv_125p"
    And the route "takedown_order" cites "dsa_art_9"
    And the route "takedown_order" does not warn "takedown_order_exceptional"
    And the route "criminal_complaint" comes before the route "takedown_order"

  Scenario: Against a Telegram channel in 2023 such an order was exceptional and Telegram ignored orders
    Given an incident involving "threat" and "call_to_violence"
    And it was shared on "telegram"
    And it was shared publicly
    And it happened on 2023-09-15
    And the decision is made as of 2023-10-11
    When the service decides
    Then the route "takedown_order" applies
    And the route "takedown_order" warns "takedown_order_exceptional"
    And the route "takedown_order" warns "platform_ignores_orders"
    And the route "takedown_order" warns "no_eu_representative"
    And the route "takedown_order" warns "enforcement_abroad_difficult"
    And the route "takedown_order" does not cite "dsa_art_9"

  Scenario: Content that was already removed needs no order
    Given an incident involving "threat"
    And the platform's response was "removed"
    When the service decides
    Then the route "takedown_order" is not applicable because "content_already_removed"

  Scenario: Without a criminal offence there is no order: insulting women as a group is not one
    Given an incident involving "discriminatory_insult"
    And the hate ground is "sex"
    And it was shared publicly
    When the service decides
    Then the route "takedown_order" is not applicable because "sex_not_ground_for_group_insult"

  Scenario Outline: Shared contact details can be ordered offline only for doxing from 1 January 2024
    Given an incident involving "personal_data"
    And the provider is established "nl"
    And it happened on <day>
    When the service decides
    Then <outcome>

    Examples:
      | day        | outcome                                                                                   |
      | 2023-12-31 | the route "takedown_order" is not applicable because "offence_not_in_force_at_incident_date" |
      | 2024-01-01 | the route "takedown_order" applies                                                        |

  Scenario: Whether a call to violence was public is unknown: the order is conditional too
    Given an incident involving "call_to_violence"
    And the provider is established "nl"
    When the service decides
    Then the route "takedown_order" is conditional
    And the service asks about "group_closed" because it affects "takedown_order"

  Scenario Outline: The DSA's form for orders against illegal content applies from 17 February 2024
    Given an incident involving "threat"
    And the provider is established "eu"
    And the decision is made as of <as_of>
    When the service decides
    Then the route "takedown_order" <cites> "dsa_art_9"

    Examples:
      | as_of      | cites         |
      | 2024-02-16 | does not cite |
      | 2024-02-17 | cites         |

  @E07
  Scenario: In October 2023 the DSA's form for orders already bound Instagram, a very large online platform
    Given an incident involving "threat"
    And it was shared on "instagram"
    And the decision is made as of 2023-10-11
    When the service decides
    Then the route "takedown_order" cites "dsa_art_9"
