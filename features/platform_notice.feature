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

  Scenario: Before the DSA applied in full, only the terms of service were a basis
    Given an incident involving "personal_data"
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
