Feature: Complaining to the court of appeal when the prosecutor does not prosecute (art. 12 Sv)
  A victim can ask the court of appeal to order prosecution when the prosecutor decides not to
  prosecute or does not proceed, also for offences prosecuted only on complaint.

  Scenario: The prosecutor dropped the case: the victim can complain to the court of appeal
    Given an incident involving "intimate_image"
    And the victim is 23 years old
    And it was shared publicly
    And the perpetrator is "identified"
    And the criminal case stands at "not_prosecuted"
    When the service decides in English
    Then the route "complaint_non_prosecution" applies
    And the route "complaint_non_prosecution" is handled by "court_of_appeal"
    And the route "complaint_non_prosecution" cites "sv_12"

  Scenario: Reported, no decision yet: the complaint is possible only if the prosecutor does not proceed
    Given an incident involving "threat"
    And it was shared publicly
    And the criminal case stands at "reported"
    When the service decides
    Then the route "complaint_non_prosecution" is conditional

  Scenario: Nothing reported yet: there is no decision to complain about
    Given an incident involving "threat"
    And it was shared publicly
    And the criminal case stands at "none"
    When the service decides
    Then the route "complaint_non_prosecution" is not considered

  Scenario: Doxing before 2024 was no offence yet: there is no prosecution to ask for
    Given an incident involving "personal_data"
    And it happened on 2023-06-01
    And the decision is made as of 2023-10-11
    And the criminal case stands at "not_prosecuted"
    When the service decides
    Then the route "complaint_non_prosecution" is not applicable because "offence_not_in_force_at_incident_date"
