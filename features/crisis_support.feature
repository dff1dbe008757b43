Feature: Crisishulp via 113 (crisis_support)
  Exposing can lead to suicidal thoughts (answer 2). A victim in crisis is referred to 113 first.

  Scenario: A victim in crisis is first referred to 113 Suicide Prevention
    Given an incident involving "intimate_image" and "personal_data"
    And the victim is 19 years old
    And the victim is in crisis
    When the service decides
    Then the first route is "crisis_support"
    And the route "crisis_support" applies
    And the route "crisis_support" is handled by "zelfmoordpreventie_113"

  Scenario: Without a crisis, 113 is not the first route
    Given an incident involving "intimate_image"
    And the victim is 19 years old
    When the service decides
    Then the route "crisis_support" is not considered

  Scenario: The answer is in English when asked
    Given an incident involving "threat"
    And the victim is in crisis
    When the service decides in English
    Then the first route is "crisis_support"
