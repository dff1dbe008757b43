Feature: Cases a lawyer would write from the brief
  Whole incidents, as a victim would bring them in November 2026, checked route by route: the competent
  authority, the offences, the exclusions with their reasons and the obstacles.

  Background:
    Given the decision is made as of 2026-11-29

  Scenario: A 16-year-old's nude images, address and a false allegation in a closed Telegram expose group
    Given an incident involving "intimate_image", "personal_data" and "defamation"
    And the victim is 16 years old
    And it was shared on "telegram"
    And it was shared in a closed group
    And the perpetrator is "anonymous"
    And it happened on 2026-10-01
    When the service decides
    Then the first route is "csam_hotline_report"
    And the route "csam_hotline_report" is handled by "meldpunt_kinderporno"
    And the route "csam_hotline_report" warns "closed_group_rarely_reported"
    And the route "platform_notice" is conditional
    And the route "platform_notice" warns "narrow_terms_of_service"
    And the route "platform_notice" warns "private_messaging_outside_dsa_platform_duties"
    And the route "criminal_complaint" is handled by "police"
    And the route "criminal_complaint" cites "sr_252"
    And the route "criminal_complaint" cites "sr_254ba"
    And the route "criminal_complaint" cites "sr_285d"
    And the route "criminal_complaint" cites "sr_261_262"
    And the route "criminal_complaint" warns "complaint_deadline_three_months"
    And the plan has the step "preserve_evidence"
    And the route "identification_order" is handled by "public_prosecution"
    And the route "cross_border_evidence" cites "european_production_order"
    And the route "atkm_csam_instruction" is not applicable because "atkm_only_nl_established"
    And the route "civil_disclosure" applies
    And the route "helpwanted" applies
    And the last route is "victim_support"
    And the note "csa_regulation_pending" is given
    And an expert assessment is needed

  Scenario: An adult's intimate image in a public Instagram post, the poster known, Instagram silent
    Given an incident involving "intimate_image"
    And the victim is 29 years old
    And it was shared on "instagram"
    And it was shared publicly
    And the perpetrator is "identified"
    And the platform's response was "no_response"
    When the service decides
    Then the route "csam_hotline_report" is not considered
    And the route "platform_notice" applies
    And the route "platform_notice" warns "no_fixed_removal_deadline"
    And the route "platform_appeal" is not applicable because "no_platform_decision"
    And the route "criminal_complaint" cites "sr_254ba"
    And the route "criminal_complaint" does not cite "sr_252"
    And the route "identification_order" is not applicable because "perpetrator_identified"
    And the route "civil_disclosure" is not applicable because "perpetrator_identified"
    And the route "atkm_csam_instruction" is not applicable because "atkm_only_csam"
    And the route "dsa_complaint" is handled by "acm"
    And the route "civil_injunction" applies
    And the route "gdpr_complaint" is handled by "autoriteit_persoonsgegevens"
    And the note "dsa_fines" is given
    And the note "netzdg_superseded" is given
    And no expert assessment is needed

  # E21: Instagram is established in Ireland, which takes no part in the European Investigation Order (E02).
  @E02 @E05 @E21
  Scenario: Sextortion of a 15-year-old by an anonymous account in Instagram direct messages
    Given an incident involving "extortion" and "intimate_image"
    And the victim is 15 years old
    And it was shared on "instagram"
    And it was shared in a closed group
    And the perpetrator is "anonymous"
    When the service decides
    Then the route "csam_hotline_report" applies
    And the route "criminal_complaint" cites "sr_318"
    And the route "criminal_complaint" cites "sr_252"
    And the route "criminal_complaint" warns "klacht_term_may_start_later"
    And the route "identification_order" applies
    And the route "cross_border_evidence" does not cite "european_investigation_order"
    And the route "cross_border_evidence" warns "no_eio_with_ireland"
    And the route "civil_disclosure" applies
    And the plan has the step "preserve_evidence"
    And an expert assessment is needed

  Scenario: Hatred against women in a public post on X: incitement is an offence, mere insult is not
    Given an incident involving "discriminatory_insult" and "incitement_to_hatred"
    And the hate ground is "sex"
    And it was shared on "x"
    And it was shared publicly
    When the service decides
    Then the route "mod_report" is handled by "meld_online_discriminatie"
    And the route "mod_report" cites "mod_trusted_flagger"
    And the route "criminal_complaint" cites "sr_137d"
    And the route "criminal_complaint" does not cite "sr_137c"
    And the route "platform_notice" warns "platform_not_cooperative"
    And the note "vaw_directive" is given

  Scenario: Terrorist content in a closed Telegram group: a crime to report, but no TCO removal order
    Given an incident involving "terrorist_content"
    And it was shared on "telegram"
    And it was shared in a closed group
    And the perpetrator is "anonymous"
    When the service decides
    Then the route "atkm_terrorist_removal_order" is not applicable because "terrorist_order_public_content_only"
    And the route "criminal_complaint" cites "terrorist_offence"
    And the route "takedown_order" warns "takedown_order_exceptional"
    And the route "helpwanted" is not considered
    And an expert assessment is needed

  Scenario: A deepfake nude of an adult on TikTok is image abuse whose qualification an expert should confirm
    Given an incident involving "synthetic_intimate_image"
    And the victim is 30 years old
    And it was shared on "tiktok"
    And it was shared publicly
    When the service decides
    Then the route "criminal_complaint" cites "sr_254ba"
    And the route "criminal_complaint" warns "qualification_needs_expert"
    And the note "vaw_directive" is given
    And an expert assessment is needed

  Scenario: Doxing and threats by a known ex-partner in a closed WhatsApp group
    Given an incident involving "personal_data" and "threat"
    And it was shared on "whatsapp"
    And it was shared in a closed group
    And the perpetrator is "identified"
    When the service decides
    Then the route "criminal_complaint" cites "sr_285d"
    And the route "criminal_complaint" cites "sr_285"
    And the route "criminal_complaint" warns "intent_must_be_proven"
    And the route "civil_injunction" applies
    And the route "identification_order" is not applicable because "perpetrator_identified"
    And no expert assessment is needed

  Scenario: A victim in crisis after an expose post is referred to 113 before anything else
    Given an incident involving "intimate_image" and "personal_data"
    And the victim is 20 years old
    And it was shared on "telegram"
    And the victim is in crisis
    When the service decides
    Then the first route is "crisis_support"
    And the route "crisis_support" is handled by "zelfmoordpreventie_113"
    And the route "crisis_support" comes before the route "platform_notice"
    And the route "platform_notice" comes before the route "criminal_complaint"
    And the route "criminal_complaint" comes before the route "helpwanted"
