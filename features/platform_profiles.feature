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

  # E11: WhatsApp (Channels) designated a very large online platform on 26 January 2026; duties from about 26 May 2026.
  @E11
  Scenario Outline: WhatsApp counts as a very large online platform only from 26 May 2026
    Given an incident involving "personal_data"
    And it was shared on "whatsapp"
    And the decision is made as of <as_of>
    When the service decides
    Then the derived fact "platform_vlop" is <vlop>

    Examples:
      | as_of      | vlop  |
      | 2026-01-25 | false |
      | 2026-05-26 | true  |

  @E11
  Scenario: A WhatsApp group stays outside the DSA's online-platform duties after the designation of its Channels
    Given an incident involving "personal_data"
    And it was shared on "whatsapp"
    And it was shared in a closed group
    And the platform's response was "refused"
    And the decision is made as of 2026-11-30
    When the service decides
    Then the route "platform_appeal" is not applicable because "private_messaging_outside_dsa_platform_duties"

  # E20i: the VLOP status is dated: designated 25 April 2023, duties from 25 August 2023.
  @E20i
  Scenario Outline: The very-large-platform duties of <platform> start on 25 August 2023
    Given an incident involving "personal_data"
    And it was shared on "<platform>"
    And the decision is made as of <as_of>
    When the service decides
    Then the derived fact "platform_vlop" is <vlop>

    Examples:
      | platform  | as_of      | vlop  |
      | instagram | 2023-08-24 | false |
      | instagram | 2023-08-25 | true  |
      | facebook  | 2023-08-24 | false |
      | facebook  | 2023-08-25 | true  |
      | tiktok    | 2023-08-24 | false |
      | x         | 2023-08-24 | false |
      | youtube   | 2023-08-24 | false |
      | snapchat  | 2023-08-24 | false |
      | snapchat  | 2023-08-25 | true  |

  Scenario Outline: <platform> became a very large online platform when the Commission designated it on <designated>
    Given an incident involving "insult"
    And it was shared on "<platform>"
    And the decision is made as of <before>
    When the service decides
    Then the answer's facts give "platform_size" as "medium_or_large"

    Examples:
      | platform  | designated | before     |
      | facebook  | 2023-04-25 | 2023-04-24 |
      | instagram | 2023-04-25 | 2023-04-24 |
      | tiktok    | 2023-04-25 | 2023-04-24 |
      | x         | 2023-04-25 | 2023-04-24 |
      | youtube   | 2023-04-25 | 2023-04-24 |
      | snapchat  | 2023-04-25 | 2023-04-24 |
      | whatsapp  | 2026-01-26 | 2026-01-25 |

  Scenario Outline: From its designation <platform> is a very large online platform
    Given an incident involving "insult"
    And it was shared on "<platform>"
    And the decision is made as of <designated>
    When the service decides
    Then the answer's facts give "platform_size" as "very_large"

    Examples:
      | platform  | designated |
      | facebook  | 2023-04-25 |
      | instagram | 2023-04-25 |
      | tiktok    | 2023-04-25 |
      | x         | 2023-04-25 |
      | youtube   | 2023-04-25 |
      | snapchat  | 2023-04-25 |
      | whatsapp  | 2026-01-26 |

  Scenario: Telegram is not a very large online platform (about 41 million EU users)
    Given an incident involving "insult"
    And it was shared on "telegram"
    And the decision is made as of 2025-01-01
    When the service decides
    Then the answer's facts give "platform_size" as "medium_or_large"
