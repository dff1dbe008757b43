Feature: Hulp van Helpwanted (helpwanted)
  Helpwanted is the help line for online transgressive behaviour; it advises and can raise illegal
  content with platforms it has good contacts with (answer 8).

  Scenario: Exposed nude images: Helpwanted can advise and help with removal
    Given an incident involving "intimate_image"
    And the victim is 17 years old
    When the service decides
    Then the route "helpwanted" applies
    And the route "helpwanted" is handled by "helpwanted"

  Scenario: On a platform that cooperates poorly, Helpwanted's contacts help less
    Given an incident involving "personal_data"
    And it was shared on "x"
    When the service decides
    Then the route "helpwanted" warns "platform_not_cooperative"

  Scenario: Helpwanted is not the place for terrorist content
    Given an incident involving "terrorist_content"
    When the service decides
    Then the route "helpwanted" is not considered
