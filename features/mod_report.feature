Feature: Melding bij Meld.Online Discriminatie (mod_report)
  Victims of criminal discriminatory content online can go to MOD, which sends removal requests to the
  intermediary (answer 8). MOD decides itself whether content is criminal (arts. 137c-137e, 266 Sr), so
  it is offered for every ground. Since 29 September 2025 MOD is a trusted flagger (art. 22 DSA).

  Scenario: A public post insulting Muslims as a group can be reported to MOD
    Given an incident involving "discriminatory_insult"
    And the hate ground is "religion"
    And it was shared publicly
    And the decision is made as of 2026-11-29
    When the service decides
    Then the route "mod_report" applies
    And the route "mod_report" is handled by "meld_online_discriminatie"
    And the route "mod_report" cites "mod_mandate"
    And the route "mod_report" cites "mod_trusted_flagger"
    And the route "mod_report" does not warn "sex_not_ground_for_group_insult"

  Scenario Outline: MOD is a trusted flagger from 29 September 2025
    Given an incident involving "incitement_to_hatred"
    And the hate ground is "race"
    And it was shared publicly
    And the decision is made as of <as_of>
    When the service decides
    Then the route "mod_report" <cites> "mod_trusted_flagger"

    Examples:
      | as_of      | cites          |
      | 2025-09-28 | does not cite  |
      | 2025-09-29 | cites          |

  Scenario: Insulting women as a group can be reported, but is not group insult under art. 137c Sr
    Given an incident involving "discriminatory_insult"
    And the hate ground is "sex"
    And it was shared publicly
    When the service decides
    Then the route "mod_report" applies
    And the route "mod_report" warns "sex_not_ground_for_group_insult"

  Scenario: Inciting hatred against women is criminal under art. 137d Sr, so MOD's report carries weight
    Given an incident involving "incitement_to_hatred"
    And the hate ground is "sex"
    And it was shared publicly
    When the service decides
    Then the route "mod_report" applies
    And the route "mod_report" does not warn "sex_not_ground_for_group_insult"

  Scenario: Discriminatory statements in a closed group may lack the public element
    Given an incident involving "discriminatory_insult"
    And the hate ground is "sexual_orientation"
    And it was shared in a closed group
    When the service decides
    Then the route "mod_report" warns "public_element_required"

  Scenario: MOD decides on grounds the law does not list by name
    Given an incident involving "discriminatory_insult"
    And the hate ground is "other"
    When the service decides
    Then the route "mod_report" applies

  Scenario: A personal insult without a discriminatory element is not for MOD
    Given an incident involving "insult"
    When the service decides
    Then the route "mod_report" is not considered

  Scenario: Insulting disabled people as a group in public is group insult under art. 137c Sr
    Given an incident involving "discriminatory_insult"
    And the hate ground is "disability"
    And it was shared publicly
    When the service decides
    Then the route "mod_report" applies
    And the route "criminal_complaint" cites "sr_137c"

  @E03
  Scenario: On a small platform MOD's priority as trusted flagger does not apply (art. 19 DSA)
    Given an incident involving "incitement_to_hatred"
    And the hate ground is "race"
    And it was shared on "other"
    And the platform is "micro_or_small"
    And it was shared publicly
    And the decision is made as of 2026-01-01
    When the service decides
    Then the route "mod_report" warns "dsa_complaint_duties_exempt_small_platform"
    And the route "mod_report" does not cite "mod_trusted_flagger"
