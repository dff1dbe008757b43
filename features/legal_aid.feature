Feature: Free legal advice and a (free) lawyer
  The Juridisch Loket gives free first advice to everyone; victims of sexual and serious violent
  offences get a free lawyer. It is offered for every incident, and comes before the routes that need
  a lawyer.

  Scenario: A victim of child sexual abuse material gets a free lawyer
    Given an incident involving "child_sexual_abuse_material"
    And the victim is 15 years old
    When the service decides
    Then the route "legal_aid" applies
    And the route "legal_aid" is handled by "juridisch_loket"
    And the route "legal_aid" cites "wrb"

  Scenario: A victim of image abuse: free lawyer; the court routes need one and come after the advice
    Given an incident involving "intimate_image"
    And the victim is 19 years old
    And it was shared on "x"
    And the platform's response was "refused"
    And the perpetrator is "identified"
    When the service decides
    Then the route "legal_aid" cites "free_victim_lawyer"
    And the route "civil_injunction" warns "lawyer_required"
    And step "legal_aid" comes before "civil_injunction"

  Scenario: Disclosure of the poster's identity through the court needs a lawyer too
    Given an incident involving "defamation"
    And it was shared on "x"
    And it was shared publicly
    And the perpetrator is "anonymous"
    And the platform's response was "refused"
    When the service decides
    Then the route "civil_disclosure" warns "lawyer_required"
    And step "legal_aid" comes before "civil_disclosure"

  Scenario: Doxing is not a sexual offence: the advice is free, a lawyer depends on income
    Given an incident involving "personal_data"
    When the service decides
    Then the route "legal_aid" is conditional

  Scenario: Image abuse before 1 July 2024 was not yet a sexual offence: conditional
    Given an incident involving "intimate_image"
    And it happened on 2024-03-01
    When the service decides
    Then the route "legal_aid" is conditional

  # Free first advice is open to every victim: there is no incident for which this route is excluded.
