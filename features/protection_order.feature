Feature: A contact or area ban against a known perpetrator
  The prosecutor can forbid a suspect to contact the victim or come near them (art. 509hh Sv), the court
  can impose such a ban (art. 38v Sr), and the civil court can give a contact ban with a penalty. It
  needs a known perpetrator and, for the criminal orders, a criminal case.

  Scenario: An ex-partner posts nude images and threatens more: a contact ban can be asked
    Given an incident involving "intimate_image" and "threat"
    And the victim is 27 years old
    And it was shared on "instagram"
    And it was shared publicly
    And the perpetrator is "identified"
    And the perpetrator is the victim's "partner_or_ex_partner"
    When the service decides
    Then the route "protection_order" applies
    And the route "protection_order" is handled by "public_prosecution"
    And the route "protection_order" cites "sv_509hh"
    And step "criminal_complaint" comes before "protection_order"

  Scenario: Whether the perpetrator is known is unknown: conditional
    Given an incident involving "threat"
    And it was shared publicly
    When the service decides
    Then the route "protection_order" is conditional

  Scenario: An anonymous account: nobody to ban
    Given an incident involving "harassment" and "threat"
    And it was shared publicly
    And the perpetrator is "anonymous"
    When the service decides
    Then the route "protection_order" is not applicable because "prosecution_needs_identified_suspect"
