Feature: Veilig Thuis, when the perpetrator is a (former) partner or family member
  Image abuse, doxing or threats by a (former) partner or a family member are often part of abuse at
  home. Veilig Thuis gives free advice and help, also anonymously, day and night (0800-2000).

  Scenario: An ex-partner shares nude images: Veilig Thuis can help
    Given an incident involving "intimate_image"
    And the victim is 29 years old
    And the perpetrator is the victim's "partner_or_ex_partner"
    When the service decides
    Then the route "veilig_thuis" applies
    And the route "veilig_thuis" is handled by "veilig_thuis"
    And the route "veilig_thuis" cites "wmo_4_1_1"

  Scenario: A family member threatens a minor
    Given an incident involving "threat"
    And the victim is 14 years old
    And the perpetrator is the victim's "family"
    When the service decides
    Then the route "veilig_thuis" applies

  Scenario: A classmate is no matter for Veilig Thuis
    Given an incident involving "insult"
    And the perpetrator is the victim's "classmate_or_colleague"
    When the service decides
    Then the route "veilig_thuis" is not considered
  # Veilig Thuis is open to every victim of abuse at home: there is no condition that excludes it.
