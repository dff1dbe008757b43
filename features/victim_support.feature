Feature: Steun van Slachtofferhulp Nederland (victim_support)
  Slachtofferhulp Nederland offers practical, legal and emotional support and referral to every
  victim (answer 8). It comes last: support runs alongside every other route.

  Scenario: A victim of an expose group can always turn to Slachtofferhulp, listed last
    Given an incident involving "intimate_image" and "personal_data"
    And the victim is 20 years old
    And it was shared on "telegram"
    When the service decides
    Then the route "victim_support" applies
    And the route "victim_support" is handled by "slachtofferhulp"
    And the route "victim_support" cites "slachtofferhulp_mandate"
    And the route "victim_support" cites "sv_51a"
    And the last route is "victim_support"

  Scenario: Even where the statement is not a criminal offence, the victim gets support
    Given an incident involving "discriminatory_insult"
    And the hate ground is "sex"
    And it was shared publicly
    When the service decides
    Then the route "criminal_complaint" is not applicable because "sex_not_ground_for_group_insult"
    And the route "victim_support" applies

  Scenario: A victim in crisis is referred to 113 first and to Slachtofferhulp as well
    Given an incident involving "extortion"
    And the victim is in crisis
    When the service decides
    Then the first route is "crisis_support"
    And the last route is "victim_support"

  Scenario: A victim whose intimate image was shared is told first that it is not their fault
    Given an incident involving "intimate_image"
    And the victim is 25 years old
    When the service decides in English
    Then the note "not_your_fault" mentions "even if you made or sent the image yourself"

  Scenario: A minor is told it is not their fault, whatever was shared
    Given an incident involving "threat"
    And the victim is 15 years old
    When the service decides
    Then the note "not_your_fault" is given

  Scenario: An adult who was insulted gets no such note
    Given an incident involving "insult"
    And the victim is 30 years old
    When the service decides
    Then the note "not_your_fault" is not given
