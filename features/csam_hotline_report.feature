Feature: Melding bij Meldpunt Kinderporno (csam_hotline_report)
  Meldpunt Kinderporno takes reports of online child sexual abuse material and sends removal
  requests (answer 8). Never send the images: give links, group names and times.

  Scenario: Nude images of a 16-year-old in an expose group are reported to Meldpunt Kinderporno
    Given an incident involving "intimate_image" and "personal_data"
    And the victim is 16 years old
    And it was shared on "telegram"
    When the service decides
    Then the route "csam_hotline_report" applies
    And the route "csam_hotline_report" is handled by "meldpunt_kinderporno"
    And the plan has the step "preserve_evidence"
    And the note "csa_regulation_pending" is given

  Scenario: The age is unknown: reporting to the hotline depends on it, and the service asks
    Given an incident involving "intimate_image"
    When the service decides
    Then the route "csam_hotline_report" is conditional
    And the service asks about "victim_age" because it affects "csam_hotline_report"

  Scenario: Nude images of an adult are not for Meldpunt Kinderporno
    Given an incident involving "intimate_image"
    And the victim is 30 years old
    When the service decides
    Then the route "csam_hotline_report" is not considered

  Scenario: The hotline cannot see inside closed groups
    Given an incident involving "child_sexual_abuse_material"
    And it was shared in a closed group
    When the service decides
    Then the route "csam_hotline_report" warns "closed_group_rarely_reported"
    And the route "csam_hotline_report" does not warn "qualification_needs_expert"

  @E19
  Scenario Outline: The note on the EU regulation against child sexual abuse says where the negotiations stood
    Given an incident involving "child_sexual_abuse_material"
    And the decision is made as of <as_of>
    When the service decides in English
    Then the note "csa_regulation_pending" mentions "<words>"

    Examples:
      | as_of      | words                      |
      | 2025-11-25 | still being negotiated     |
      | 2025-11-30 | trilogues have yet to start |
      | 2026-01-15 | trilogues have run since   |
      | 2026-05-01 | reportedly lapsed          |
      | 2026-11-30 | first-reading position     |

  # E20c: the article is judged by the incident date, as on the police route.
  @E20c
  Scenario: Material shared in March 2024 and reported in 2026 is named under art. 240b Sr on both the hotline and the police route
    Given an incident involving "child_sexual_abuse_material"
    And it happened on 2024-03-01
    And the decision is made as of 2026-11-30
    When the service decides
    Then the route "csam_hotline_report" cites "sr_240b_reporting"
    And the route "csam_hotline_report" does not cite "sr_252_reporting"
    And the route "criminal_complaint" cites "sr_240b"

  # E20f: a peer-sexting exemption concerns who made the image, not its onward distribution (answered in the fact's source).
  @E20f
  Scenario: A 16-year-old's own image forwarded without consent is still child sexual abuse material
    Given an incident involving "intimate_image"
    And the victim is 16 years old
    And it was shared in a closed group
    When the service decides
    Then the derived fact "csam" is true
    And the route "csam_hotline_report" applies
