Feature: The employer or school: duty of care and a confidential adviser
  When a victim is targeted for their work or study, or the perpetrator is a colleague or classmate, the
  employer or school must help and protect them.

  Scenario: A care worker is doxed for her work: her employer must help
    Given an incident involving "personal_data" and "threat"
    And the victim is targeted as "public_task_worker"
    When the service decides
    Then the route "employer_or_school" applies
    And the route "employer_or_school" is handled by "employer_or_school"
    And the route "employer_or_school" cites "arbowet_3_2"

  Scenario: Classmates share a nude image of a pupil: the school has a duty of care
    Given an incident involving "intimate_image"
    And the victim is 15 years old
    And the perpetrator is the victim's "classmate_or_colleague"
    When the service decides
    Then the route "employer_or_school" applies
    And the route "employer_or_school" cites "school_social_safety"

  Scenario: A journalist is insulted: the employer helps if it is about her work
    Given an incident involving "insult"
    And the victim is targeted as "journalist"
    When the service decides
    Then the route "employer_or_school" is conditional

  Scenario: A stranger, nothing to do with work or school: not offered
    Given an incident involving "insult"
    And the perpetrator is the victim's "stranger"
    When the service decides
    Then the route "employer_or_school" is not considered
  # The route is support the victim can always ask for when it is relevant; it is never excluded.
