Feature: Gegevens van een buitenlandse aanbieder (cross_border_evidence)
  Foreign providers need a mutual legal assistance request, which is often time-consuming (answer 5);
  within the EU the European Investigation Order. From 18 August 2026 a European Production Order can go
  directly to the provider's EU establishment or legal representative (Regulation (EU) 2023/1543).

  # E02/E21: Instagram's EU establishment is Irish; Ireland is outside the EIO Directive but inside e-Evidence.
  @E02 @E21
  Scenario: An anonymous account on Instagram in September 2026: a European Production Order is possible, a European Investigation Order is not
    Given an incident involving "threat"
    And it was shared on "instagram"
    And the perpetrator is "anonymous"
    And the decision is made as of 2026-09-01
    When the service decides
    Then the route "cross_border_evidence" applies
    And the route "cross_border_evidence" is handled by "public_prosecution"
    And the route "cross_border_evidence" cites "mutual_legal_assistance"
    And the route "cross_border_evidence" does not cite "european_investigation_order"
    And the route "cross_border_evidence" warns "no_eio_with_ireland"
    And the route "cross_border_evidence" cites "european_production_order"
    And the route "cross_border_evidence" does not warn "foreign_platform_slow_procedure"

  @E02
  Scenario: Before e-Evidence, data from an Irish platform need a classic mutual legal assistance request
    Given an incident involving "threat"
    And it was shared on "tiktok"
    And the perpetrator is "anonymous"
    And the decision is made as of 2025-06-01
    When the service decides
    Then the route "cross_border_evidence" cites "mutual_legal_assistance"
    And the route "cross_border_evidence" does not cite "european_investigation_order"
    And the route "cross_border_evidence" warns "no_eio_with_ireland"
    And the route "cross_border_evidence" warns "foreign_platform_slow_procedure"

  @E02
  Scenario: A provider established in another EU member state, not known to be Irish: the European Investigation Order is cited
    Given an incident involving "threat"
    And it was shared on "other"
    And the provider is established "eu"
    And the perpetrator is "anonymous"
    And the decision is made as of 2025-06-01
    When the service decides
    Then the route "cross_border_evidence" cites "european_investigation_order"
    And the route "cross_border_evidence" does not warn "no_eio_with_ireland"

  @E18
  Scenario: Telegram in September 2026: a European Production Order only reaches it through an addressee designated for e-Evidence, which is not verified
    Given an incident involving "threat"
    And it was shared on "telegram"
    And the perpetrator is "anonymous"
    And the decision is made as of 2026-09-01
    When the service decides in English
    Then the route "cross_border_evidence" cites "european_production_order"
    And the route "cross_border_evidence" is conditional on "designated an establishment or representative for e-Evidence"

  Scenario Outline: European Production Orders apply from 18 August 2026
    Given an incident involving "threat"
    And it was shared on "instagram"
    And the perpetrator is "anonymous"
    And the decision is made as of <as_of>
    When the service decides
    Then the route "cross_border_evidence" <cites> "european_production_order"
    And the route "cross_border_evidence" <warns> "foreign_platform_slow_procedure"

    Examples:
      | as_of      | cites         | warns        |
      | 2026-08-17 | does not cite | warns        |
      | 2026-08-18 | cites         | does not warn |

  Scenario: Telegram's Belgian legal representative can receive a Production Order, but not an Investigation Order
    Given an incident involving "threat"
    And it was shared on "telegram"
    And the perpetrator is "anonymous"
    And the decision is made as of 2026-09-01
    When the service decides
    Then the route "cross_border_evidence" cites "european_production_order"
    And the route "cross_border_evidence" does not cite "european_investigation_order"
    And the route "cross_border_evidence" warns "enforcement_abroad_difficult"

  Scenario: A provider outside the EU without a representative is reachable only by legal assistance
    Given an incident involving "threat"
    And the provider is established "non_eu"
    And the perpetrator is "anonymous"
    And the decision is made as of 2026-09-01
    When the service decides
    Then the route "cross_border_evidence" cites "mutual_legal_assistance"
    And the route "cross_border_evidence" does not cite "european_production_order"
    And the route "cross_border_evidence" warns "no_eu_representative"
    And the route "cross_border_evidence" warns "foreign_platform_slow_procedure"

  Scenario: In October 2023 Telegram had no EU representative and ignored orders
    Given an incident involving "threat"
    And it was shared on "telegram"
    And the perpetrator is "anonymous"
    And it happened on 2023-09-15
    And the decision is made as of 2023-10-11
    When the service decides
    Then the route "cross_border_evidence" applies
    And the route "cross_border_evidence" warns "platform_ignores_orders"
    And the route "cross_border_evidence" warns "no_eu_representative"

  Scenario: A provider established in the Netherlands needs no cross-border request
    Given an incident involving "threat"
    And the provider is established "nl"
    And the perpetrator is "anonymous"
    When the service decides
    Then the route "cross_border_evidence" is not considered

  Scenario: A known perpetrator need not be identified abroad
    Given an incident involving "threat"
    And it was shared on "x"
    And the perpetrator is "identified"
    When the service decides
    Then the route "cross_border_evidence" is not applicable because "perpetrator_identified"

  Scenario: Where the provider is established is unknown: the service asks
    Given an incident involving "threat"
    And the perpetrator is "anonymous"
    When the service decides
    Then the route "cross_border_evidence" is conditional
    And the service asks about "platform_established" because it affects "cross_border_evidence"
