Feature: Blocking copies of an intimate image with StopNCII.org (images taken at 18 or older)
  StopNCII.org makes a digital fingerprint (hash) of the image on the victim's own device; the image
  never leaves it. Participating platforms use the hash to find and block copies. It is for images
  taken when the person was 18 or older; younger: Take It Down. It needs the victim's own copy.

  Scenario: An adult's nude image shared on Instagram, the victim has the image: StopNCII applies
    Given an incident involving "intimate_image"
    And the victim is 24 years old
    And it was shared on "instagram"
    And the victim has the image on their own device
    When the service decides
    Then the route "hash_blocking_adult" applies
    And the route "hash_blocking_adult" is handled by "stopncii"
    And the route "hash_blocking_adult" cites "stopncii_scheme"
    And the route "hash_blocking_minor" is not considered

  Scenario: Only threatened with publication (sextortion): block copies before anything is posted
    Given an incident involving "intimate_image" and "extortion"
    And the victim is 30 years old
    And the victim has the image on their own device
    And publication is only threatened
    When the service decides
    Then the route "hash_blocking_adult" applies

  Scenario: Telegram does not take part: the hash still blocks copies elsewhere, with a warning
    Given an incident involving "intimate_image"
    And the victim is 22 years old
    And it was shared on "telegram"
    And the victim has the image on their own device
    When the service decides
    Then the route "hash_blocking_adult" applies
    And the route "hash_blocking_adult" warns "hash_platform_not_participating"

  Scenario: Without knowing whether the victim has a copy, the route is conditional
    Given an incident involving "intimate_image"
    And the victim is 25 years old
    When the service decides
    Then the route "hash_blocking_adult" is conditional

  Scenario: A deepfake: whether StopNCII accepts it is not verified, so the route is conditional
    Given an incident involving "synthetic_intimate_image"
    And the victim is 25 years old
    And the victim has the image on their own device
    When the service decides
    Then the route "hash_blocking_adult" is conditional

  Scenario: The victim does not have the image: hashing is not possible
    Given an incident involving "intimate_image"
    And the victim is 25 years old
    And the victim does not have the image
    When the service decides
    Then the route "hash_blocking_adult" is not applicable because "hash_needs_victims_copy"

  Scenario: Before StopNCII existed (December 2021) the route is not offered
    Given an incident involving "intimate_image"
    And the victim is 25 years old
    And the decision is made as of 2021-06-01
    When the service decides
    Then the route "hash_blocking_adult" is not considered
