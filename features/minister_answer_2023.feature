Feature: What the Minister's answer of 11 October 2023 said, reproduced as of that day
  Aanhangsel Handelingen II 2023/24, nr. 74: the Minister of Justice answered questions about Telegram
  expose groups on 11 October 2023. A decision made as of that date, about an incident in September
  2023, must say what was true then: Telegram ignored orders and had no EU representative, the ATKM's
  power over child sexual abuse material was still a bill, and the DSA did not yet apply to Telegram.

  Background:
    Given it happened on 2023-09-15
    And the decision is made as of 2023-10-11

  Scenario: Answer 4: Telegram keeps minimal contact and stays out of the public-private partnership
    Given an incident involving "intimate_image" and "personal_data"
    And the victim is 24 years old
    And it was shared on "telegram"
    And it was shared in a closed group
    When the service decides
    Then the route "platform_notice" warns "platform_not_cooperative"
    And the note "public_private_partnership" is given

  Scenario: Answer 4: X, too, cooperates poorly with self-regulation and investigations
    Given an incident involving "threat"
    And it was shared on "x"
    When the service decides
    Then the route "platform_notice" warns "platform_not_cooperative"

  # E04/E21: the Minister's "afpersing" is art. 317 Sr only where violence is threatened; "pay or I publish" is art. 318 Sr.
  @E04 @E21
  Scenario: Answer 5: revenge porn, child sexual abuse material and extortion are prosecutable under the 2023 articles
    Given an incident involving "intimate_image" and "extortion"
    And the victim is 16 years old
    And it was shared on "telegram"
    When the service decides
    Then the route "criminal_complaint" applies
    And the route "criminal_complaint" cites "sr_139h"
    And the route "criminal_complaint" cites "sr_240b"
    And the route "criminal_complaint" cites "sr_317"
    And the route "criminal_complaint" is conditional on "geweld"
    And the route "criminal_complaint" cites "sr_318"
    And the route "criminal_complaint" does not cite "sr_252"
    And the route "criminal_complaint" does not cite "sr_254ba"
    And the route "criminal_complaint" warns "technical_legal_objections"

  Scenario: Answer 5: in September 2023 sharing contact details alone was not yet the offence of doxing
    Given an incident involving "personal_data"
    And it was shared on "telegram"
    When the service decides
    Then the route "criminal_complaint" is not applicable because "offence_not_in_force_at_incident_date"

  Scenario: Answer 5: identifying an anonymous poster depends on the provider, and a foreign provider needs a slow legal assistance request
    Given an incident involving "threat"
    And it was shared on "telegram"
    And the perpetrator is "anonymous"
    When the service decides
    Then the route "criminal_complaint" warns "identification_depends_on_platform"
    And the route "criminal_complaint" warns "foreign_platform_slow_procedure"
    And the route "identification_order" applies
    And the route "cross_border_evidence" cites "mutual_legal_assistance"
    And the route "cross_border_evidence" does not cite "european_production_order"
    And the route "cross_border_evidence" warns "foreign_platform_slow_procedure"

  Scenario: Answer 5: civil law lets the victim ask the court for the poster's identifying data
    Given an incident involving "defamation"
    And it was shared on "telegram"
    And the perpetrator is "anonymous"
    When the service decides
    Then the route "civil_disclosure" applies
    And the route "civil_disclosure" cites "hr_lycos_pessers"

  Scenario: Answer 6: an order under art. 125p Sv against Telegram is exceptional, and Telegram does not respond to orders
    Given an incident involving "threat" and "call_to_violence"
    And it was shared on "telegram"
    And it was shared publicly
    And the perpetrator is "anonymous"
    When the service decides
    Then the route "takedown_order" cites "sv_125p"
    And the route "takedown_order" warns "takedown_order_exceptional"
    And the route "takedown_order" warns "platform_ignores_orders"
    And the route "identification_order" warns "platform_ignores_orders"
    And the route "criminal_complaint" warns "platform_ignores_orders"

  Scenario Outline: Answer 7: Telegram's terms of service are narrow, Meta's are broad
    Given an incident involving "personal_data"
    And it was shared on "<platform>"
    When the service decides
    Then the route "platform_notice" <warns> "narrow_terms_of_service"

    Examples:
      | platform  | warns         |
      | telegram  | warns         |
      | instagram | does not warn |

  Scenario: Answer 8: every victim can ask the platform to remove content, but in October 2023 the DSA did not yet apply to Telegram
    Given an incident involving "intimate_image"
    And the victim is 22 years old
    And it was shared on "telegram"
    And it was shared publicly
    And the platform's response was "refused"
    When the service decides
    Then the route "platform_notice" is offered
    And the route "platform_notice" cites "terms_of_service"
    And the route "platform_notice" does not cite "dsa_art_16"
    And the route "platform_appeal" is not applicable because "procedure_not_in_force"
    And the route "dsa_complaint" is not applicable because "procedure_not_in_force"

  Scenario: Answer 8: if the platform does not remove the content, the victim can go to the civil court in summary proceedings
    Given an incident involving "intimate_image"
    And the victim is 22 years old
    And it was shared on "telegram"
    And the platform's response was "refused"
    When the service decides
    Then the route "civil_injunction" applies
    And the route "civil_injunction" cites "rv_254"

  Scenario: Answer 8: government-funded help: Meldpunt Kinderporno, Helpwanted and Slachtofferhulp for a minor's nude images
    Given an incident involving "intimate_image" and "personal_data"
    And the victim is 16 years old
    And it was shared on "telegram"
    When the service decides
    Then the route "csam_hotline_report" applies
    And the route "helpwanted" applies
    And the route "victim_support" applies

  Scenario: Answer 8: MOD takes reports of criminal discriminatory content; in 2023 it was not yet a trusted flagger
    Given an incident involving "incitement_to_hatred"
    And the hate ground is "religion"
    And it was shared publicly
    When the service decides
    Then the route "mod_report" applies
    And the route "mod_report" does not cite "mod_trusted_flagger"

  Scenario: Answers 2 and 8: a victim with suicidal thoughts is referred to 113 first
    Given an incident involving "intimate_image" and "personal_data"
    And the victim is 19 years old
    And the victim is in crisis
    When the service decides
    Then the first route is "crisis_support"

  Scenario: Answer 9: the DSA will soon allow fines; the NetzDG is expected to be withdrawn; Brazil's bill is uncertain
    Given an incident involving "threat"
    And it was shared on "x"
    And the platform's response was "refused"
    When the service decides in English
    Then the note "dsa_fines" mentions "will soon"
    And the note "brazil_bill_2630" mentions "uncertain"

  Scenario: Answer 9: Germany's NetzDG sets a 24-hour deadline but is expected to be withdrawn
    Given an incident involving "threat"
    And it was shared on "x"
    And the platform's response was "no_response"
    When the service decides in English
    Then the note "netzdg_superseded" mentions "expected to be withdrawn"

  Scenario: Answers 4 and 8: the CSA Regulation is still being negotiated
    Given an incident involving "child_sexual_abuse_material"
    When the service decides in English
    Then the note "csa_regulation_pending" mentions "still being negotiated"

  Scenario: Answer 11: the ATKM's power over child sexual abuse material was still a bill, and binds only Dutch providers
    Given an incident involving "intimate_image"
    And the victim is 16 years old
    And it was shared on "telegram"
    When the service decides
    Then the route "atkm_csam_instruction" is not applicable because "procedure_not_in_force"
    And the route "atkm_csam_instruction" is not applicable because "atkm_only_nl_established"
