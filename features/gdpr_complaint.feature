Feature: Verwijdering op grond van de AVG en klacht bij de Autoriteit Persoonsgegevens (gdpr_complaint)
  Photos and contact details of an identifiable person are personal data: the victim can ask for
  erasure (art. 17 GDPR) and complain to the Autoriteit Persoonsgegevens (art. 77 GDPR), which forwards
  cases about a controller established elsewhere in the EU to the lead authority.

  Scenario: Contact details posted on Facebook: erasure under the GDPR, the complaint goes to Ireland
    Given an incident involving "personal_data"
    And it was shared on "facebook"
    When the service decides
    Then the route "gdpr_complaint" applies
    And the route "gdpr_complaint" is handled by "autoriteit_persoonsgegevens"
    And the route "gdpr_complaint" cites "gdpr_art_17_77"
    And the route "gdpr_complaint" warns "complaint_forwarded_abroad"

  Scenario: A Dutch provider is supervised by the Autoriteit Persoonsgegevens itself
    Given an incident involving "intimate_image"
    And the victim is 28 years old
    And the provider is established "nl"
    When the service decides
    Then the route "gdpr_complaint" applies
    And the route "gdpr_complaint" does not warn "complaint_forwarded_abroad"

  Scenario: A provider outside the EU without a representative is hard to reach under the GDPR
    Given an incident involving "synthetic_intimate_image"
    And the victim is 28 years old
    And the provider is established "non_eu"
    When the service decides
    Then the route "gdpr_complaint" warns "no_eu_representative"

  Scenario Outline: The Russmedia judgment of 2 December 2025 is cited from that day
    Given an incident involving "personal_data"
    And the decision is made as of <as_of>
    When the service decides
    Then the route "gdpr_complaint" <cites> "cjeu_russmedia"

    Examples:
      | as_of      | cites         |
      | 2025-12-01 | does not cite |
      | 2025-12-02 | cites         |

  Scenario: A threat without personal data or images is not a data-protection matter
    Given an incident involving "threat"
    When the service decides
    Then the route "gdpr_complaint" is not considered
