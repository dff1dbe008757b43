Feature: Bindende aanwijzing van de ATKM (atkm_csam_instruction)
  The ATKM can order an NL-established provider to make child sexual abuse material inaccessible
  (Wbaokm, in force 1 July 2024). Only CSAM, only NL-established providers (answer 11).

  Scenario: Nude images of a minor on a Dutch-established service: the ATKM can act
    Given an incident involving "intimate_image"
    And the victim is 15 years old
    And the provider is established "nl"
    When the service decides
    Then the route "atkm_csam_instruction" applies
    And the route "atkm_csam_instruction" is of kind "administrative"
    And the route "atkm_csam_instruction" is handled by "atkm"
    And the route "atkm_csam_instruction" cites "wbaokm"

  Scenario: The ATKM cannot help when the platform is not established in the Netherlands
    Given an incident involving "intimate_image"
    And the victim is 15 years old
    And it was shared on "telegram"
    When the service decides
    Then the route "atkm_csam_instruction" is not applicable because "atkm_only_nl_established"

  Scenario: The ATKM acts only on child sexual abuse material, not on nude images of adults
    Given an incident involving "intimate_image"
    And the victim is 24 years old
    And the provider is established "nl"
    When the service decides
    Then the route "atkm_csam_instruction" is not applicable because "atkm_only_csam"

  Scenario: Closed groups are an obstacle because they are rarely reported
    Given an incident involving "child_sexual_abuse_material"
    And the provider is established "nl"
    And it was shared in a closed group
    When the service decides
    Then the route "atkm_csam_instruction" warns "closed_group_rarely_reported"

  Scenario: In October 2023 the ATKM's power was still a bill
    Given an incident involving "child_sexual_abuse_material"
    And the provider is established "nl"
    And it happened on 2023-09-01
    And the decision is made as of 2023-10-11
    When the service decides
    Then the route "atkm_csam_instruction" is not applicable because "procedure_not_in_force"

  Scenario Outline: The ATKM's power starts on 1 July 2024
    Given an incident involving "child_sexual_abuse_material"
    And the provider is established "nl"
    And it happened on 2024-06-01
    And the decision is made as of <as_of>
    When the service decides
    Then <outcome>

    Examples:
      | as_of      | outcome                                                                          |
      | 2024-06-30 | the route "atkm_csam_instruction" is not applicable because "procedure_not_in_force" |
      | 2024-07-01 | the route "atkm_csam_instruction" applies                                        |

  Scenario: Where the provider is established is unknown: the route is conditional and the service asks
    Given an incident involving "child_sexual_abuse_material"
    When the service decides
    Then the route "atkm_csam_instruction" is conditional
    And the service asks about "platform_established" because it affects "atkm_csam_instruction"

  # E20e: a legal representative is not an establishment; the condition says so.
  @E20e
  Scenario: Snapchat's Amsterdam representative may or may not make it NL-established: an expert decides
    Given an incident involving "child_sexual_abuse_material"
    And it was shared on "snapchat"
    When the service decides in English
    Then the route "atkm_csam_instruction" is conditional
    And the route "atkm_csam_instruction" is conditional on "not an establishment"
    And an expert assessment is needed

  Scenario: Instagram is established in Ireland, so the ATKM cannot give it a binding instruction
    Given an incident involving "child_sexual_abuse_material"
    And it was shared on "instagram"
    When the service decides
    Then the route "atkm_csam_instruction" is not applicable because "atkm_only_nl_established"

  Scenario: A provider outside the EU with a representative somewhere in the EU: NL establishment stays open
    Given an incident involving "child_sexual_abuse_material"
    And the provider is established "non_eu_with_eu_representative"
    When the service decides
    Then the route "atkm_csam_instruction" is conditional
    And the route "atkm_csam_instruction" does not warn "qualification_needs_expert"

  # E06: the ATKM instructs the hosting provider; a foreign-run site may well be hosted in the Netherlands.
  @E06
  Scenario: A foreign-run site hosted by a Dutch hosting company: the ATKM can instruct the host
    Given an incident involving "child_sexual_abuse_material"
    And it was shared on "other"
    And the provider is established "non_eu"
    And the field "hosting_established" is "nl"
    And the decision is made as of 2025-01-01
    When the service decides
    Then the route "atkm_csam_instruction" applies

  @E06
  Scenario: A foreign-run site whose host is unknown: the ATKM route stays open
    Given an incident involving "child_sexual_abuse_material"
    And it was shared on "other"
    And the provider is established "non_eu"
    And the decision is made as of 2025-01-01
    When the service decides in English
    Then the route "atkm_csam_instruction" is conditional on "hosting provider"
