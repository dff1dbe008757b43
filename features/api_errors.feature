Feature: Invalid incidents are refused with a clear reason
  Callers get a problem+json answer that names the field and the reason; never a server error.

  Scenario: An image made at an age above the victim's current age is a contradiction
    Given an incident involving "intimate_image"
    And the victim is 16 years old
    And the person depicted was 17 when the image was made
    When the service decides
    Then the request is rejected with status 422 naming "age_when_made"

  Scenario: A hate ground without hateful content is a contradiction
    Given an incident involving "threat"
    And the hate ground is "religion"
    When the service decides
    Then the request is rejected with status 422 naming "hate_ground"

  Scenario: An incident after the assessment date is a contradiction
    Given an incident involving "threat"
    And it happened on 2025-05-01
    And the decision is made as of 2025-01-01
    When the service decides
    Then the request is rejected with status 422 naming "incident_date"

  Scenario: Names and free text are not accepted
    Given an incident involving "threat"
    And the field "victim_name" is "Anna"
    When the service decides
    Then the request is rejected with status 422 naming "victim_name"

  Scenario: A boolean is not an age
    Given an incident involving "threat"
    And the field "victim_age" is true
    When the service decides
    Then the request is rejected with status 422 naming "victim_age"

  Scenario: An incident needs at least one content type
    Given an incident involving "threat"
    And the field "content_types" is []
    When the service decides
    Then the request is rejected with status 422 naming "content_types"

  Scenario: Whether the victim is in crisis is answered with true or false, not with words
    Given an incident involving "threat"
    And the field "victim_in_crisis" is "yes"
    When the service decides
    Then the request is rejected with status 422 naming "victim_in_crisis"
