Feature: Verwijderverzoek aan het platform (platform_notice)
  Every victim can ask the platform to remove the content; under the DSA the platform must respond
  in time and with reasons (answer 8). The platform's own terms may go further (answer 7).

  Scenario: A public post on Instagram: the DSA notice procedure applies
    Given an incident involving "personal_data"
    And it was shared on "instagram"
    And it was shared publicly
    When the service decides
    Then the route "platform_notice" applies
    And the route "platform_notice" is handled by "platform"
    And the route "platform_notice" cites "dsa_art_16"
    And the route "platform_notice" does not warn "platform_not_cooperative"

  Scenario: A Telegram expose group: poor cooperation, narrow terms, and a closed group outside the DSA platform duties
    Given an incident involving "intimate_image" and "personal_data"
    And the victim is 21 years old
    And it was shared on "telegram"
    And it was shared in a closed group
    When the service decides
    Then the route "platform_notice" is conditional
    And the route "platform_notice" warns "platform_not_cooperative"
    And the route "platform_notice" warns "narrow_terms_of_service"
    And the route "platform_notice" warns "private_messaging_outside_dsa_platform_duties"
    And the route "platform_notice" warns "content_replication"

  @E07
  Scenario: Before the DSA applied in full, only the terms of service were a basis on a platform that was not very large
    Given an incident involving "personal_data"
    And it was shared on "telegram"
    And it was shared publicly
    And the decision is made as of 2023-10-11
    And it happened on 2023-10-01
    When the service decides
    Then the route "platform_notice" cites "terms_of_service"
    And the route "platform_notice" does not cite "dsa_art_16"

  Scenario: Content the platform already removed needs no notice
    Given an incident involving "insult"
    And the platform's response was "removed"
    When the service decides
    Then the route "platform_notice" is not applicable because "content_already_removed"

  Scenario: The platform has not decided yet: the DSA sets no fixed deadline
    Given an incident involving "threat"
    And it was shared publicly
    And the platform's response was "pending"
    When the service decides
    Then the route "platform_notice" warns "no_fixed_removal_deadline"
    And the note "netzdg_superseded" is given

  Scenario: Content not yet reported to the platform: the notice is the first step
    Given an incident involving "personal_data"
    And it was shared on "tiktok"
    And it was shared publicly
    And the platform's response was "not_reported"
    When the service decides
    Then the route "platform_notice" applies
    And the route "platform_notice" is of kind "platform"
    And the route "platform_appeal" is not offered

  # E07: the very large platforms designated on 25 April 2023 were bound by the whole DSA from 25 August 2023.
  @E07
  Scenario Outline: On Instagram the DSA notice procedure applied from 25 August 2023, as the Minister wrote in October 2023
    Given an incident involving "intimate_image"
    And the victim is 25 years old
    And it was shared on "instagram"
    And it was shared publicly
    And the decision is made as of <as_of>
    When the service decides
    Then the route "platform_notice" <cites> "dsa_art_16"

    Examples:
      | as_of      | cites         |
      | 2023-08-24 | does not cite |
      | 2023-10-11 | cites         |

  # E20g: art. 18 DSA: a host must tell the police about offences threatening someone's life or safety.
  @E20g
  Scenario: A threat on Instagram: the platform must inform the police of offences that threaten life or safety (art. 18 DSA)
    Given an incident involving "threat"
    And it was shared on "instagram"
    And it was shared publicly
    And the decision is made as of 2025-01-01
    When the service decides
    Then the route "platform_notice" cites "dsa_art_18"

  @E20g
  Scenario: An insult threatens no one's life or safety: art. 18 DSA is not cited
    Given an incident involving "insult"
    And it was shared on "instagram"
    And it was shared publicly
    And the decision is made as of 2025-01-01
    When the service decides
    Then the route "platform_notice" does not cite "dsa_art_18"

  # E20b: the narrow-terms picture of Telegram is dated 2023 (answered in the profile's and obstacle's source).
  @E20b
  Scenario: Telegram's terms are still recorded as narrow after its September 2024 changes, until the current terms are verified
    Given an incident involving "personal_data"
    And it was shared on "telegram"
    And the decision is made as of 2025-01-15
    When the service decides
    Then the route "platform_notice" warns "narrow_terms_of_service"
