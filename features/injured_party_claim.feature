Feature: Claiming compensation in the criminal case (injured party)
  When a suspect is prosecuted, the victim can join the criminal case and claim damages, also for
  non-material harm (art. 51f Sv); the State advances the compensation order after eight months.

  Scenario: The suspect is being prosecuted: the victim can join and claim compensation
    Given an incident involving "intimate_image"
    And the victim is 21 years old
    And it was shared publicly
    And the perpetrator is "identified"
    And the criminal case stands at "prosecuted"
    When the service decides
    Then the route "injured_party_claim" applies
    And the route "injured_party_claim" is handled by "criminal_court"
    And the route "injured_party_claim" cites "sv_51f"
    And the route "injured_party_claim" cites "sr_36f"

  Scenario: Reported to the police, no decision yet: conditional on prosecution
    Given an incident involving "threat"
    And it was shared publicly
    And the perpetrator is "identified"
    And the criminal case stands at "reported"
    When the service decides
    Then the route "injured_party_claim" is conditional

  Scenario: The prosecutor decided not to prosecute: no criminal case to join
    Given an incident involving "threat"
    And it was shared publicly
    And the perpetrator is "identified"
    And the criminal case stands at "not_prosecuted"
    When the service decides
    Then the route "injured_party_claim" is not applicable because "case_not_prosecuted"
    And the route "complaint_non_prosecution" applies

  Scenario: An anonymous perpetrator cannot be prosecuted
    Given an incident involving "defamation"
    And it was shared publicly
    And the perpetrator is "anonymous"
    When the service decides
    Then the route "injured_party_claim" is not applicable because "prosecution_needs_identified_suspect"
