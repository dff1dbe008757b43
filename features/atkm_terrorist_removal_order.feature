Feature: Verwijderingsbevel voor terroristische inhoud (atkm_terrorist_removal_order)
  Under the TCO Regulation (EU) 2021/784 the ATKM can order a hosting provider, also one established
  abroad, to remove terrorist content within one hour. It works on the open internet only: content
  disseminated to the public. The exact start of the ATKM's TCO powers in 2024 is not verified.

  Scenario: Terrorist propaganda in a public channel can be ordered removed within one hour
    Given an incident involving "terrorist_content"
    And it was shared publicly
    And the provider is established "eu"
    And the decision is made as of 2026-11-29
    When the service decides
    Then the route "atkm_terrorist_removal_order" applies
    And the route "atkm_terrorist_removal_order" is handled by "atkm"
    And the route "atkm_terrorist_removal_order" cites "tco_art_3"
    And the route "atkm_terrorist_removal_order" cites "tco_art_4"
    And the route "atkm_terrorist_removal_order" does not warn "enforcement_abroad_difficult"

  Scenario: Terrorist content in a closed Telegram group is outside the removal-order regime
    Given an incident involving "terrorist_content"
    And it was shared on "telegram"
    And it was shared in a closed group
    When the service decides
    Then the route "atkm_terrorist_removal_order" is not applicable because "terrorist_order_public_content_only"

  Scenario: Whether the content was public is unknown: the order is conditional and the service asks
    Given an incident involving "terrorist_content"
    And the provider is established "eu"
    When the service decides
    Then the route "atkm_terrorist_removal_order" is conditional
    And the service asks about "group_closed" because it affects "atkm_terrorist_removal_order"

  Scenario Outline: The TCO Regulation applies from 7 June 2022; the ATKM's start in 2024 is not verified
    Given an incident involving "terrorist_content"
    And it was shared publicly
    And the provider is established "eu"
    And the decision is made as of <as_of>
    When the service decides
    Then <outcome>

    Examples:
      | as_of      | outcome                                                                                     |
      | 2022-06-06 | the route "atkm_terrorist_removal_order" is not applicable because "procedure_not_in_force" |
      | 2022-06-07 | the route "atkm_terrorist_removal_order" is conditional                                     |
      | 2024-12-31 | the route "atkm_terrorist_removal_order" is conditional                                     |
      | 2025-01-01 | the route "atkm_terrorist_removal_order" applies                                            |

  Scenario: A public Telegram channel in October 2023: Telegram ignored orders and had no EU representative
    Given an incident involving "terrorist_content"
    And it was shared on "telegram"
    And it was shared publicly
    And it happened on 2023-09-15
    And the decision is made as of 2023-10-11
    When the service decides
    Then the route "atkm_terrorist_removal_order" is conditional
    And the route "atkm_terrorist_removal_order" warns "platform_ignores_orders"
    And the route "atkm_terrorist_removal_order" warns "no_eu_representative"

  Scenario: A public Telegram channel in 2026: the order goes through Telegram's EU representative
    Given an incident involving "terrorist_content"
    And it was shared on "telegram"
    And it was shared publicly
    And the decision is made as of 2026-11-29
    When the service decides
    Then the route "atkm_terrorist_removal_order" applies
    And the route "atkm_terrorist_removal_order" warns "enforcement_abroad_difficult"
    And the route "atkm_terrorist_removal_order" does not warn "no_eu_representative"

  Scenario: Expose content that is not terrorist content is not for this route
    Given an incident involving "intimate_image" and "personal_data"
    And the victim is 30 years old
    When the service decides
    Then the route "atkm_terrorist_removal_order" is not considered
