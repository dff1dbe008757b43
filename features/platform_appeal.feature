Feature: Bezwaar tegen de weigering van het platform (platform_appeal)
  When an online platform refuses to act on a notice, the notifier can use its internal complaint
  system (art. 20 DSA) and a certified out-of-court dispute settlement body (art. 21 DSA). These are
  duties of online platforms towards content disseminated to the public (DSA recital 14).

  Scenario: Instagram refused to remove a public post: the victim can challenge the refusal
    Given an incident involving "intimate_image"
    And the victim is 25 years old
    And it was shared on "instagram"
    And it was shared publicly
    And the platform's response was "refused"
    And the decision is made as of 2026-11-29
    When the service decides
    Then the route "platform_appeal" applies
    And the route "platform_appeal" is handled by "platform"
    And the route "platform_appeal" cites "dsa_art_20"
    And the route "platform_appeal" cites "dsa_art_21"
    And the route "platform_appeal" warns "content_replication"
    And the route "platform_appeal" does not warn "platform_not_cooperative"
    And the route "platform_notice" comes before the route "platform_appeal"

  Scenario: A platform that did not respond has taken no decision that can be challenged
    Given an incident involving "personal_data"
    And it was shared publicly
    And the platform's response was "no_response"
    When the service decides
    Then the route "platform_appeal" is not applicable because "no_platform_decision"

  Scenario: A refusal about a closed group falls outside the DSA's online-platform duties
    Given an incident involving "personal_data"
    And it was shared on "telegram"
    And it was shared in a closed group
    And the platform's response was "refused"
    When the service decides
    Then the route "platform_appeal" is not applicable because "private_messaging_outside_dsa_platform_duties"

  Scenario: Whether the content was public is unknown: the appeal is conditional and the service asks
    Given an incident involving "threat"
    And the platform's response was "refused"
    When the service decides
    Then the route "platform_appeal" is conditional
    And the service asks about "group_closed" because it affects "platform_appeal"

  Scenario: Content not yet reported to the platform cannot be appealed
    Given an incident involving "threat"
    And it was shared publicly
    When the service decides
    Then the route "platform_appeal" is not considered

  Scenario: X refused: the appeal is open, but X cooperates poorly
    Given an incident involving "threat"
    And it was shared on "x"
    And it was shared publicly
    And the platform's response was "refused"
    When the service decides
    Then the route "platform_appeal" applies
    And the route "platform_appeal" warns "platform_not_cooperative"

  Scenario Outline: Before 17 February 2024 the appeal existed only against very large online platforms
    Given an incident involving "threat"
    And it was shared on "<platform>"
    And it was shared publicly
    And the platform's response was "refused"
    And the decision is made as of <as_of>
    When the service decides
    Then <outcome>

    Examples:
      | platform  | as_of      | outcome                                                                        |
      | instagram | 2023-08-24 | the route "platform_appeal" is not applicable because "procedure_not_in_force" |
      | instagram | 2023-10-11 | the route "platform_appeal" applies                                            |
      | telegram  | 2023-10-11 | the route "platform_appeal" is not applicable because "procedure_not_in_force" |
      | other     | 2023-10-11 | the route "platform_appeal" is conditional                                     |
      | telegram  | 2024-02-16 | the route "platform_appeal" is not applicable because "procedure_not_in_force" |
      | telegram  | 2024-02-17 | the route "platform_appeal" applies                                            |

  # E16: dispute settlement bodies must be certified by a Digital Services Coordinator, which existed only from 17 February 2024.
  @E16
  Scenario Outline: In October 2023 Instagram's complaint system existed, but no certified dispute settlement body did
    Given an incident involving "personal_data"
    And it was shared on "instagram"
    And it was shared publicly
    And the platform's response was "refused"
    And the decision is made as of <as_of>
    When the service decides
    Then the route "platform_appeal" cites "dsa_art_20"
    And the route "platform_appeal" <cites> "dsa_art_21"

    Examples:
      | as_of      | cites         |
      | 2023-10-11 | does not cite |
      | 2024-02-17 | cites         |

  # E03: art. 19 DSA exempts micro and small platforms from the complaint system (art. 20) and dispute settlement (art. 21).
  @E03
  Scenario: A small expose website refused to remove the post: it need not have a complaint system, but the notice route stays
    Given an incident involving "personal_data"
    And it was shared on "other"
    And it was shared publicly
    And the platform is "micro_or_small"
    And the platform's response was "refused"
    And the decision is made as of 2025-06-01
    When the service decides
    Then the route "platform_appeal" is not applicable because "dsa_complaint_duties_exempt_small_platform"
    And the route "platform_notice" is offered

  @E03
  Scenario: The size of another website is unknown: the appeal is conditional on it not being a small enterprise
    Given an incident involving "personal_data"
    And it was shared on "other"
    And it was shared publicly
    And the platform's response was "refused"
    And the decision is made as of 2025-06-01
    When the service decides in English
    Then the route "platform_appeal" is conditional on "micro or small enterprise"
