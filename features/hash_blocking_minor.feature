Feature: Blocking copies of an image taken under 18 with Take It Down
  NCMEC's Take It Down does for images taken when the person was under 18 what StopNCII does for adults,
  also when that person is an adult now. The hash is made on the victim's own device: nobody is ever
  asked to send, collect or forward the image.

  Scenario: A 15-year-old's nude image on Instagram, the victim has it: Take It Down applies
    Given an incident involving "intimate_image"
    And the victim is 15 years old
    And it was shared on "instagram"
    And the victim has the image on their own device
    When the service decides
    Then the route "hash_blocking_minor" applies
    And the route "hash_blocking_minor" is handled by "take_it_down"
    And the route "hash_blocking_minor" cites "take_it_down_scheme"
    And the route "hash_blocking_adult" is not considered

  Scenario: An adult now, but the image was taken at 16: Take It Down, not StopNCII
    Given an incident involving "intimate_image"
    And the victim is 20 years old
    And the person depicted was 16 when the image was made
    And the victim has the image on their own device
    When the service decides
    Then the route "hash_blocking_minor" applies
    And the route "hash_blocking_adult" is not considered

  Scenario: Snapchat's participation is not verified: a warning
    Given an incident involving "intimate_image" and "extortion"
    And the victim is 16 years old
    And it was shared on "snapchat"
    And the victim has the image on their own device
    When the service decides
    Then the route "hash_blocking_minor" applies
    And the route "hash_blocking_minor" warns "hash_platform_not_participating"

  Scenario: The age is unknown: both hash routes are conditional
    Given an incident involving "intimate_image"
    And the victim has the image on their own device
    When the service decides
    Then the route "hash_blocking_minor" is conditional
    And the route "hash_blocking_adult" is conditional

  Scenario: The victim does not have the image: do not ask anyone to send it
    Given an incident involving "child_sexual_abuse_material"
    And the victim is 14 years old
    And the victim does not have the image
    When the service decides
    Then the route "hash_blocking_minor" is not applicable because "hash_needs_victims_copy"
