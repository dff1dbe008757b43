Feature: A certified dispute settlement body reviews the platform's decision (art. 21 DSA)
  After an online platform refuses to act on a notice, the victim can take that decision to a certified
  out-of-court dispute settlement body. The first such body in Ireland was certified from
  26 September 2024. Its decision is not binding. Micro and small platforms are exempt (art. 19 DSA).

  Scenario: Instagram refused to remove a public post: a certified body can review it
    Given an incident involving "intimate_image"
    And it was shared on "instagram"
    And it was shared publicly
    And the platform's response was "refused"
    And the decision is made as of 2025-06-01
    When the service decides
    Then the route "dispute_settlement" applies
    And the route "dispute_settlement" is handled by "dispute_settlement_body"
    And the route "dispute_settlement" cites "dsa_art_21"
    And the route "dispute_settlement" warns "ods_decision_not_binding"
    And step "platform_notice" comes before "dispute_settlement"

  Scenario: Spring 2024: whether a certified body existed is not verified, so conditional
    Given an incident involving "intimate_image"
    And it was shared on "instagram"
    And it was shared publicly
    And the platform's response was "refused"
    And the decision is made as of 2024-05-01
    When the service decides
    Then the route "dispute_settlement" is conditional

  Scenario: In October 2023 no certified body could exist yet
    Given an incident involving "intimate_image"
    And it was shared on "instagram"
    And it was shared publicly
    And the platform's response was "refused"
    And the decision is made as of 2023-10-11
    When the service decides
    Then the route "dispute_settlement" is not applicable because "procedure_not_in_force"

  Scenario: A small expose website is exempt from the dispute settlement duty
    Given an incident involving "personal_data"
    And it was shared on "other"
    And it was shared publicly
    And the platform is "micro_or_small"
    And the platform's response was "refused"
    And the decision is made as of 2025-06-01
    When the service decides
    Then the route "dispute_settlement" is not applicable because "dsa_complaint_duties_exempt_small_platform"

  Scenario: Without any decision of the platform there is nothing to review
    Given an incident involving "intimate_image"
    And it was shared on "instagram"
    And it was shared publicly
    And the platform's response was "no_response"
    And the decision is made as of 2025-06-01
    When the service decides
    Then the route "dispute_settlement" is not applicable because "no_platform_decision"

  Scenario: Private chats are outside the platform duties of the DSA
    Given an incident involving "intimate_image"
    And it was shared on "whatsapp"
    And it was shared in a closed group
    And the platform's response was "refused"
    And the decision is made as of 2025-06-01
    When the service decides
    Then the route "dispute_settlement" is not applicable because "private_messaging_outside_dsa_platform_duties"
