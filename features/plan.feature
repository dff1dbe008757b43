Feature: The plan: what to do first, and what after
  Every answer lists its routes once more as a plan, with the general steps "preserve_evidence" and
  "stop_contact" where they apply, in the order to take them. The order comes from the ordering rules in
  rules/ordering.yaml, each with its reason and source. Steps with the same number can be taken at the
  same time. What the victim wants (goals) changes the order, never which routes apply.

  Scenario: A victim in crisis talks to 113 before anything else
    Given an incident involving "intimate_image" and "personal_data"
    And it was shared on "telegram"
    And the victim is in crisis
    When the service decides in English
    Then only "crisis_support" comes first
    And step "crisis_support" comes before "preserve_evidence"
    And step "crisis_support" comes before "victim_support"
    And step "preserve_evidence" says why: "safety comes first"
    And the plan has every route once

  Scenario: Evidence is kept before anyone is asked to remove the images
    Given an incident involving "intimate_image"
    And it was shared on "instagram"
    When the service decides in English
    Then the plan starts with "preserve_evidence"
    And the plan does not have the step "stop_contact"
    And step "preserve_evidence" comes before "platform_notice"
    And step "preserve_evidence" comes before "helpwanted"
    And step "preserve_evidence" comes before "criminal_complaint"
    And step "platform_notice" says why: "evidence may be gone"
    And the plan has every route once

  Scenario: Sextortion: stop the contact and do not pay, then keep the evidence, then report and remove
    Given an incident involving "intimate_image" and "extortion"
    And the victim is 17 years old
    And it was shared on "snapchat"
    When the service decides in English
    Then the plan starts with "stop_contact"
    And step "stop_contact" comes before "preserve_evidence"
    And step "preserve_evidence" comes before "criminal_complaint"
    And step "preserve_evidence" comes before "platform_notice"
    And step "preserve_evidence" says why: "do not pay"
    And the plan has every route once

  Scenario: A victim in crisis and blackmailed: 113 first, then stop the contact
    Given an incident involving "extortion"
    And the victim is in crisis
    When the service decides
    Then only "crisis_support" comes first
    And step "crisis_support" comes before "stop_contact"
    And step "stop_contact" comes before "preserve_evidence"

  Scenario: The platform's decision can only be appealed after a notice
    Given an incident involving "intimate_image"
    And it was shared on "facebook"
    And the platform's response was "refused"
    When the service decides
    Then step "platform_notice" comes before "platform_appeal"
    And step "platform_notice" comes before "dsa_complaint"
    And steps "platform_notice" and "criminal_complaint" can be taken at the same time

  Scenario: The prosecutor's orders follow the report to the police
    Given an incident involving "threat"
    And it was shared on "telegram"
    And it was shared publicly
    When the service decides and explains
    Then step "criminal_complaint" comes before "takedown_order"
    And step "criminal_complaint" comes before "identification_order"
    And step "takedown_order" is placed by the ordering rule "complaint_before_orders"
    And step "criminal_complaint" is placed by the ordering rule "evidence_before_reporting"
