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

  Scenario: The victim wants prosecution: report to the police before asking the platform to remove
    Given an incident involving "intimate_image"
    And the victim is 20 years old
    And it was shared on "instagram"
    And it was shared publicly
    And the victim wants "prosecution"
    When the service decides in English
    Then step "criminal_complaint" comes before "platform_notice"
    And step "criminal_complaint" comes before "helpwanted"
    And step "preserve_evidence" comes before "criminal_complaint"
    And step "platform_notice" says why: "report to the police first"
    And the plan has every route once

  Scenario: Without that wish, the report and the notice can be done at the same time
    Given an incident involving "intimate_image"
    And the victim is 20 years old
    And it was shared on "instagram"
    And it was shared publicly
    When the service decides
    Then steps "criminal_complaint" and "platform_notice" can be taken at the same time

  Scenario: The victim wants compensation: free legal advice before the report
    Given an incident involving "intimate_image"
    And the victim is 20 years old
    And the perpetrator is "identified"
    And the victim wants "compensation"
    When the service decides and explains
    Then step "legal_aid" comes before "criminal_complaint"
    And step "criminal_complaint" comes before "injured_party_claim"
    And step "criminal_complaint" is placed by the ordering rule "legal_aid_before_report_for_compensation"
    And step "injured_party_claim" is placed by the ordering rule "complaint_before_claim"

  Scenario: The victim wants support: Victim Support helps prepare the report
    Given an incident involving "threat"
    And it was shared publicly
    And the victim wants "support" and "prosecution"
    When the service decides
    Then step "victim_support" comes before "criminal_complaint"

  Scenario: The victim wants it removed: the quick, free ways before a court case
    Given an incident involving "personal_data"
    And it was shared on "x"
    And it was shared publicly
    And the platform's response was "refused"
    And the perpetrator is "identified"
    And the victim wants "removal"
    When the service decides
    Then step "helpwanted" comes before "civil_injunction"
    And step "platform_notice" comes before "civil_injunction"

  Scenario: The victim wants to know who did it: the police before the civil court
    Given an incident involving "defamation"
    And it was shared on "x"
    And it was shared publicly
    And the perpetrator is "anonymous"
    And the platform's response was "refused"
    And the victim wants "identification"
    When the service decides
    Then step "criminal_complaint" comes before "civil_disclosure"

  Scenario: Blackmailed with images, the victim wants prosecution: stop contact, keep evidence, police, then platform
    Given an incident involving "intimate_image" and "extortion"
    And the victim is 16 years old
    And it was shared on "instagram"
    And the victim has the image on their own device
    And publication is only threatened
    And the victim wants "prosecution" and "removal"
    When the service decides
    Then the plan starts with "stop_contact"
    And step "stop_contact" comes before "preserve_evidence"
    And step "preserve_evidence" comes before "criminal_complaint"
    And step "criminal_complaint" comes before "hash_blocking_minor"
    And step "criminal_complaint" comes before "platform_notice"
