Feature: Platform profiles (rules/platforms)
  What is known about a platform is dated: the profile in force on the assessment date decides where the
  provider is established, whether it has an EU representative and whether it discloses data on request.

  Scenario: Between May and September 2024 Telegram had an EU representative but did not disclose data
    Given an incident involving "personal_data"
    And it was shared on "telegram"
    And the decision is made as of 2024-06-15
    When the service decides
    Then the derived fact "establishment" is "non_eu_with_eu_representative"
    And the derived fact "platform_eu_representative" is true
    And the derived fact "platform_discloses_data" is false

  Scenario Outline: <platform> is established in the EU
    Given an incident involving "personal_data"
    And it was shared on "<platform>"
    When the service decides
    Then the derived fact "establishment" is "eu"

    Examples:
      | platform |
      | tiktok   |
      | whatsapp |
      | youtube  |

  Scenario: What the caller states about the establishment wins over the profile
    Given an incident involving "personal_data"
    And it was shared on "tiktok"
    And the provider is established "non_eu_with_eu_representative"
    When the service decides
    Then the derived fact "establishment" is "non_eu_with_eu_representative"
