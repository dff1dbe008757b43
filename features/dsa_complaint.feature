Feature: Klacht bij de ACM over de DSA (dsa_complaint)
  A victim can complain to the Digital Services Coordinator that a platform breaches the DSA (art. 53).
  The ACM has been formally empowered only since 4 February 2025; the DSA applied in full from
  17 February 2024. A supervisory complaint does not itself remove the content.

  # E20h: the AP co-supervises privacy-related DSA duties; that does not change this route (answered in the route's source).
  @E20h
  Scenario: Instagram refused to act on a notice: the victim can complain to the ACM, which forwards it to Ireland
    Given an incident involving "personal_data"
    And it was shared on "instagram"
    And it was shared publicly
    And the platform's response was "refused"
    And the decision is made as of 2026-11-29
    When the service decides
    Then the route "dsa_complaint" applies
    And the route "dsa_complaint" is handled by "acm"
    And the route "dsa_complaint" cites "dsa_art_53"
    And the route "dsa_complaint" cites "uitvoeringswet_dsa"
    And the route "dsa_complaint" warns "regulator_complaint_no_individual_remedy"
    And the route "dsa_complaint" warns "complaint_forwarded_abroad"
    And the note "dsa_fines" is given
    And the note "brazil_bill_2630" is given

  Scenario: Snapchat's representative is in Amsterdam, so the ACM handles the complaint itself
    Given an incident involving "personal_data"
    And it was shared on "snapchat"
    And it was shared publicly
    And the platform's response was "no_response"
    When the service decides
    Then the route "dsa_complaint" applies
    And the route "dsa_complaint" does not warn "complaint_forwarded_abroad"
    And the note "netzdg_superseded" is given

  Scenario: A provider outside the EU without a representative is hard to hold to account
    Given an incident involving "threat"
    And the provider is established "non_eu"
    And it was shared publicly
    And the platform's response was "no_response"
    When the service decides
    Then the route "dsa_complaint" warns "no_eu_representative"

  Scenario: For a closed group it is uncertain whether the DSA notice duty applies
    Given an incident involving "personal_data"
    And it was shared on "telegram"
    And it was shared in a closed group
    And the platform's response was "no_response"
    When the service decides
    Then the route "dsa_complaint" is conditional

  # E12: from February 2024 the ACM took and forwarded complaints; only its own enforcement powers came later.
  @E12
  Scenario: In 2024 the ACM already took DSA complaints and forwarded them, but could not yet enforce against Dutch providers
    Given an incident involving "personal_data"
    And it was shared on "instagram"
    And it was shared publicly
    And the platform's response was "refused"
    And the decision is made as of 2024-06-01
    When the service decides in English
    Then the route "dsa_complaint" is conditional on "forwards those about foreign providers"
    And the route "dsa_complaint" is handled by "acm"

  Scenario Outline: The ACM can take DSA complaints from 4 February 2025; before that the answer says so
    Given an incident involving "personal_data"
    And it was shared on "instagram"
    And it was shared publicly
    And the platform's response was "refused"
    And the decision is made as of <as_of>
    When the service decides
    Then <outcome>

    Examples:
      | as_of      | outcome                                                                      |
      | 2024-02-16 | the route "dsa_complaint" is not applicable because "procedure_not_in_force" |
      | 2024-02-17 | the route "dsa_complaint" is conditional                                     |
      | 2025-02-03 | the route "dsa_complaint" is conditional                                     |
      | 2025-02-04 | the route "dsa_complaint" applies                                            |

  Scenario: Content not yet reported to the platform gives no ground for a complaint to the regulator
    Given an incident involving "personal_data"
    And it was shared publicly
    When the service decides
    Then the route "dsa_complaint" is not considered
