Feature: Aangifte bij de politie (criminal_complaint)
  A victim can report to the police when the content is a criminal offence. Each offence is judged
  by the law in force on the incident date: criminal law does not apply retroactively (art. 1 Sr).

  # E14: the intent (oogmerk) is a matter of proof; the route says what must be proven (answered in the rule's source).
  @E14
  Scenario: Doxing in a Telegram expose group in 2024 is reported under art. 285d Sr
    Given an incident involving "personal_data"
    And it was shared on "telegram"
    And it was shared in a closed group
    And it happened on 2024-03-01
    When the service decides
    Then the route "criminal_complaint" applies
    And the route "criminal_complaint" is handled by "police"
    And the route "criminal_complaint" cites "sr_285d"
    And the route "criminal_complaint" warns "intent_must_be_proven"
    And the route "criminal_complaint" warns "technical_legal_objections"

  Scenario Outline: Doxing is an offence only from 1 January 2024
    Given an incident involving "personal_data"
    And it happened on <day>
    When the service decides
    Then <outcome>

    Examples:
      | day        | outcome                                                                                     |
      | 2023-12-31 | the route "criminal_complaint" is not applicable because "offence_not_in_force_at_incident_date" |
      | 2024-01-01 | the route "criminal_complaint" cites "sr_285d"                                              |

  Scenario Outline: Sharing nude images without consent: art. 139h Sr before 1 July 2024, art. 254ba Sr from then on
    Given an incident involving "intimate_image"
    And the victim is 25 years old
    And it happened on <day>
    When the service decides
    Then the route "criminal_complaint" cites "<article>"
    And the route "criminal_complaint" does not cite "<other>"

    Examples:
      | day        | article  | other    |
      | 2024-06-30 | sr_139h  | sr_254ba |
      | 2024-07-01 | sr_254ba | sr_139h  |

  Scenario Outline: Nude images of a minor are child sexual abuse material: art. 240b Sr before 1 July 2024, art. 252 Sr from then on
    Given an incident involving "intimate_image"
    And the victim is 16 years old
    And it happened on <day>
    When the service decides
    Then the route "criminal_complaint" cites "<article>"
    And the plan has the step "preserve_evidence"
    And an expert assessment is needed

    Examples:
      | day        | article |
      | 2024-06-30 | sr_240b |
      | 2024-07-01 | sr_252  |

  Scenario: An image made when the victim was 17 is child sexual abuse material even though she is 19 now
    Given an incident involving "intimate_image"
    And the victim is 19 years old
    And the person depicted was 17 when the image was made
    When the service decides
    Then the route "criminal_complaint" cites "sr_252"
    And the derived fact "minor_when_made" is true

  Scenario Outline: Age 17 or 18 when the image was made decides whether it is child sexual abuse material
    Given an incident involving "intimate_image"
    And the victim is 30 years old
    And the person depicted was <age> when the image was made
    When the service decides
    Then the derived fact "csam" is <csam>

    Examples:
      | age | csam  |
      | 17  | true  |
      | 18  | false |

  # E05: the complaint requirement is art. 318 lid 3 Sr, and the term may start later while the threat lasts.
  @E05 @E21
  Scenario: Sextortion is blackmail, prosecuted on the victim's complaint, whose three-month term may start later
    Given an incident involving "extortion" and "intimate_image"
    And the victim is 22 years old
    When the service decides
    Then the route "criminal_complaint" cites "sr_318"
    And the route "criminal_complaint" cites "sr_318" as "318 lid 3"
    And the route "criminal_complaint" warns "klacht_term_may_start_later"
    And the route "criminal_complaint" does not warn "complaint_deadline_three_months"

  Scenario: An anonymous poster on Telegram in 2023: identification depends on a platform that ignored orders
    Given an incident involving "threat"
    And it was shared on "telegram"
    And the perpetrator is "anonymous"
    And it happened on 2023-09-01
    And the decision is made as of 2023-10-11
    When the service decides
    Then the route "criminal_complaint" cites "sr_285"
    And the route "criminal_complaint" warns "identification_depends_on_platform"
    And the route "criminal_complaint" warns "platform_ignores_orders"
    And the route "criminal_complaint" warns "foreign_platform_slow_procedure"

  Scenario: Telegram no longer counts as ignoring orders after its policy change of September 2024
    Given an incident involving "threat"
    And it was shared on "telegram"
    And the perpetrator is "anonymous"
    And the decision is made as of 2025-01-15
    When the service decides
    Then the route "criminal_complaint" does not warn "platform_ignores_orders"
    And the route "criminal_complaint" warns "identification_depends_on_platform"

  @E09
  Scenario: Insulting women as a group is not group insult, because sex is not a ground of art. 137c or 137e Sr; bill 36 510 would add it
    Given an incident involving "discriminatory_insult"
    And the hate ground is "sex"
    And it was shared publicly
    And the decision is made as of 2026-11-30
    When the service decides
    Then the route "criminal_complaint" is not applicable because "sex_not_ground_for_group_insult"
    And the note "bill_36510_sex_ground" is given

  @E09
  Scenario Outline: Bill 36 510 is named as pending only from its submission on 29 February 2024
    Given an incident involving "incitement_to_hatred"
    And the hate ground is "sex"
    And the decision is made as of <as_of>
    When the service decides in English
    Then <note>

    Examples:
      | as_of      | note                                                        |
      | 2024-02-28 | the note "bill_36510_sex_ground" is not given               |
      | 2024-02-29 | the note "bill_36510_sex_ground" mentions "not yet law"     |

  Scenario: Inciting hatred against women is an offence under art. 137d Sr
    Given an incident involving "incitement_to_hatred"
    And the hate ground is "sex"
    And it was shared publicly
    When the service decides
    Then the route "criminal_complaint" cites "sr_137d"

  # E01: "in het openbaar" is a test of reach; a closed group of about 560 members was held public.
  @E01 @E21
  Scenario: A call to violence in a closed group may still be made "in public": an expert weighs the group's size and admission
    Given an incident involving "call_to_violence"
    And it was shared in a closed group
    When the service decides
    Then the route "criminal_complaint" is conditional on "560"
    And the route "criminal_complaint" cites "sr_131"
    And the route "criminal_complaint" warns "qualification_needs_expert"
    And an expert assessment is needed

  Scenario: Whether a call to violence was public is unknown: the route is conditional
    Given an incident involving "call_to_violence"
    When the service decides
    Then the route "criminal_complaint" is conditional
    And the service asks about "group_closed" because it affects "criminal_complaint"

  Scenario Outline: Defamation, insult and stalking are complaint offences
    Given an incident involving "<content>"
    When the service decides
    Then the route "criminal_complaint" cites "<article>"
    And the route "criminal_complaint" warns "complaint_deadline_three_months"

    Examples:
      | content    | article    |
      | defamation | sr_261_262 |
      | insult     | sr_266     |
      | harassment | sr_285b    |

  @E20d
  Scenario: Terrorist content is a terrorist offence (arts. 83 and 83a with 131 and 132 Sr) whose qualification needs an expert
    Given an incident involving "terrorist_content"
    When the service decides in English
    Then the route "criminal_complaint" cites "terrorist_offence"
    And the route "criminal_complaint" cites "terrorist_offence" as "arts. 83/83a with 131(2) and 132"
    And an expert assessment is needed

  Scenario: Group insult on grounds of religion in public is an offence under art. 137c Sr
    Given an incident involving "discriminatory_insult"
    And the hate ground is "religion"
    And it was shared publicly
    When the service decides
    Then the route "criminal_complaint" cites "sr_137c"

  # E01: art. 137e lid 1 sub 2 Sr (sending a discriminatory statement to someone unasked) needs no publicity.
  @E01 @E21
  Scenario: Inciting racial hatred in a closed group is an offence under art. 137e Sr; whether it was "in public" under art. 137d Sr needs an expert
    Given an incident involving "incitement_to_hatred"
    And the hate ground is "race"
    And it was shared in a closed group
    And it happened on 2025-01-10
    When the service decides
    Then the route "criminal_complaint" applies
    And the route "criminal_complaint" cites "sr_137e"
    And the route "criminal_complaint" cites "sr_137d"
    And the route "criminal_complaint" warns "qualification_needs_expert"

  @E01
  Scenario: Sending a group insult on grounds of religion into a closed group is an offence under art. 137e Sr, which needs no publicity
    Given an incident involving "discriminatory_insult"
    And the hate ground is "religion"
    And it was shared in a closed group
    When the service decides
    Then the route "criminal_complaint" applies
    And the route "criminal_complaint" cites "sr_137e"
    And the route "identification_order" is offered

  Scenario: A public call to violence is incitement under art. 131 Sr
    Given an incident involving "call_to_violence"
    And it was shared publicly
    When the service decides
    Then the route "criminal_complaint" applies
    And the route "criminal_complaint" cites "sr_131"
    And the route "criminal_complaint" does not warn "public_element_required"

  Scenario: Sending an adult's nude image into a closed group: whether that is "making public" needs an expert
    Given an incident involving "intimate_image"
    And the victim is 27 years old
    And it was shared in a closed group
    When the service decides
    Then the route "criminal_complaint" cites "sr_254ba"
    And the route "criminal_complaint" warns "qualification_needs_expert"
    And an expert assessment is needed

  Scenario: Posting an adult's nude image publicly is image abuse without doubt about its qualification
    Given an incident involving "intimate_image"
    And the victim is 27 years old
    And it was shared publicly
    When the service decides
    Then the route "criminal_complaint" cites "sr_254ba"
    And the route "criminal_complaint" does not warn "qualification_needs_expert"
    And no expert assessment is needed

  Scenario: Material already known to be child sexual abuse material needs no expert to qualify it
    Given an incident involving "child_sexual_abuse_material"
    And it was shared publicly
    When the service decides
    Then the route "criminal_complaint" cites "sr_252"
    And the route "criminal_complaint" does not warn "qualification_needs_expert"

  # E08: the image-abuse offence needs the image made public (or made secretly); here it was shared publicly.
  @E08
  Scenario: The age is unknown: image abuse applies anyway, child sexual abuse material only if the person was a minor, and the service asks the age
    Given an incident involving "intimate_image"
    And it was shared publicly
    When the service decides
    Then the route "criminal_complaint" applies
    And the route "criminal_complaint" cites "sr_254ba"
    And the route "criminal_complaint" cites "sr_252"
    And the service asks about "victim_age" because it affects "criminal_complaint"

  Scenario: Inciting hatred on a ground the law does not name is conditional on the ground
    Given an incident involving "incitement_to_hatred"
    And the hate ground is "other"
    And it was shared publicly
    When the service decides
    Then the route "criminal_complaint" is conditional

  Scenario Outline: Stalking online: the EU directive on violence against women must be transposed by 14 June 2027
    Given an incident involving "harassment"
    And the decision is made as of <as_of>
    When the service decides in English
    Then the route "criminal_complaint" cites "sr_285b"
    And the note "vaw_directive" mentions "<words>"

    Examples:
      | as_of      | words                                   |
      | 2027-06-13 | must transpose it by 14 June 2027       |
      | 2027-06-14 | deadline to transpose                   |

  Scenario Outline: Sextortion of a minor may also fall under newer offences against minors, which an expert should assess
    Given an incident involving "extortion"
    And the victim is <age> years old
    When the service decides
    Then the route "criminal_complaint" cites "sr_318"
    And <expert>

    Examples:
      | age | expert                            |
      | 17  | an expert assessment is needed    |
      | 18  | no expert assessment is needed    |

  # Offences not yet in force on the incident date are named, even when another offence makes the route apply.
  Scenario: Doxing with a threat in December 2023: the threat is reported, and the answer says doxing was not yet an offence
    Given an incident involving "personal_data" and "threat"
    And it happened on 2023-12-15
    When the service decides in English
    Then the route "criminal_complaint" applies
    And the route "criminal_complaint" cites "sr_285"
    And the route "criminal_complaint" does not cite "sr_285d"
    And the route "criminal_complaint" warns "offence_not_in_force_at_incident_date" about "Art. 285d"

  @E17
  Scenario: Nude images shared in 2019, before art. 139h Sr existed: only as defamation or insult, and an expert checks the limitation period
    Given an incident involving "intimate_image"
    And the victim is 30 years old
    And it happened on 2019-06-01
    When the service decides in English
    Then the route "criminal_complaint" is conditional on "limitation period"
    And the route "criminal_complaint" cites "sr_261_266_images"
    And the route "criminal_complaint" warns "qualification_needs_expert"
    And the route "criminal_complaint" warns "complaint_deadline_three_months"
    And an expert assessment is needed

  # E20a: the directive entered into force on 13 June 2024 and covers real intimate images and doxing-type conduct too.
  @E20a
  Scenario Outline: The EU directive on violence against women is named for real nude images and doxing from its entry into force on 13 June 2024
    Given an incident involving "<content>"
    And the victim is 25 years old
    And the decision is made as of <as_of>
    When the service decides
    Then <note>

    Examples:
      | content        | as_of      | note                                    |
      | intimate_image | 2024-06-12 | the note "vaw_directive" is not given   |
      | intimate_image | 2024-06-13 | the note "vaw_directive" is given       |
      | personal_data  | 2025-01-01 | the note "vaw_directive" is given       |

  # E04: "pay or I publish" is afdreiging (318 Sr); afpersing (317 Sr) needs a threat of violence.
  @E04 @E21
  Scenario Outline: What the extortioner threatens decides between blackmail (art. 318 Sr) and extortion (art. 317 Sr)
    Given an incident involving "extortion"
    And the victim is 25 years old
    And the field "extortion_threat" is "<threat>"
    When the service decides
    Then the route "criminal_complaint" <cites_318> "sr_318"
    And the route "criminal_complaint" <cites_317> "sr_317"

    Examples:
      | threat            | cites_318     | cites_317     |
      | publish_or_reveal | cites         | does not cite |
      | violence          | does not cite | cites         |
      | both              | cites         | cites         |

  @E04
  Scenario: When it is not known whether violence was threatened, blackmail is cited and extortion only on that condition
    Given an incident involving "extortion"
    And the victim is 25 years old
    When the service decides in English
    Then the route "criminal_complaint" applies
    And the route "criminal_complaint" cites "sr_318"
    And the route "criminal_complaint" cites "sr_317"
    And the route "criminal_complaint" is conditional on "only if the perpetrator threatened violence"

  # E08: a threat to publish an image the victim made, not yet shown to anyone, is not (yet) image abuse.
  @E08
  Scenario: A threat to publish a self-made nude that nobody has seen yet is blackmail, not image abuse
    Given an incident involving "extortion" and "intimate_image"
    And the victim is 25 years old
    And publication is only threatened
    And the field "image_origin" is "self_made"
    And the field "extortion_threat" is "publish_or_reveal"
    When the service decides
    Then the route "criminal_complaint" applies
    And the route "criminal_complaint" cites "sr_318"
    And the route "criminal_complaint" does not cite "sr_254ba"
    And the route "criminal_complaint" warns "only_threatened_not_published" about "254ba"

  @E08
  Scenario: An intimate image recorded secretly is an offence even before anyone else saw it
    Given an incident involving "intimate_image"
    And the victim is 25 years old
    And publication is only threatened
    And the field "image_origin" is "made_covertly"
    When the service decides
    Then the route "criminal_complaint" applies
    And the route "criminal_complaint" cites "sr_254ba"
    And the route "criminal_complaint" warns "only_threatened_not_published"

  @E08
  Scenario: Whether a nude image was shown to anyone is unknown: image abuse is conditional and the service asks
    Given an incident involving "intimate_image"
    And the victim is 25 years old
    When the service decides
    Then the route "criminal_complaint" is conditional
    And the service asks about "publication" because it affects "criminal_complaint"

  # E01: a private chat is not "in public"; a group as large as the one in the Hague case (about 560) is.
  @E01
  Scenario: A call to violence in a one-to-one chat is not incitement in public (art. 131 Sr)
    Given an incident involving "call_to_violence"
    And the field "audience" is "one_to_one"
    When the service decides
    Then the route "criminal_complaint" is not applicable because "public_element_required"

  @E01
  Scenario Outline: A call to violence in a group anyone can join by link: public when as large as the 560-member group held public in 2023
    Given an incident involving "call_to_violence"
    And the field "audience" is "group_joined_by_link"
    And the field "audience_size" is <size>
    When the service decides
    Then the route "criminal_complaint" <status>
    And the route "criminal_complaint" warns "qualification_needs_expert"

    Examples:
      | size | status            |
      | 600  | applies           |
      | 40   | is conditional    |

  # E09: gender identity is not (yet) a ground of 137c/137e; under 137d it is arguably covered by "geslacht".
  @E09
  Scenario: Inciting hatred against trans people: arguably covered by "sex" in art. 137d Sr, an expert assesses; bill 36 510 is pending
    Given an incident involving "incitement_to_hatred"
    And the hate ground is "gender_identity"
    And it was shared publicly
    And the decision is made as of 2026-11-30
    When the service decides
    Then the route "criminal_complaint" is conditional
    And the route "criminal_complaint" cites "sr_137d"
    And the route "criminal_complaint" warns "qualification_needs_expert"
    And the note "bill_36510_sex_ground" is given

  @E09
  Scenario: Insulting trans people as a group is not (yet) group insult under art. 137c Sr
    Given an incident involving "discriminatory_insult"
    And the hate ground is "gender_identity"
    And it was shared publicly
    When the service decides
    Then the route "criminal_complaint" is not applicable because "sex_not_ground_for_group_insult"

  # E14: doxing a journalist or office holder carries a heavier penalty (art. 285d lid 2 Sr).
  @E14
  Scenario: Doxing a journalist in 2025 cites the aggravation of art. 285d lid 2 Sr
    Given an incident involving "personal_data"
    And the victim is targeted as "journalist"
    And it happened on 2025-03-01
    When the service decides
    Then the route "criminal_complaint" cites "sr_285d"
    And the route "criminal_complaint" cites "sr_285d_2"

  # E15: insulting a public servant about the office needs no complaint; smaad in a one-to-one message may lack "ruchtbaarheid".
  @E15
  Scenario: A police officer insulted online: no complaint is needed (arts. 267 and 269 Sr)
    Given an incident involving "insult"
    And the victim is targeted as "public_official"
    When the service decides
    Then the route "criminal_complaint" cites "sr_266"
    And the route "criminal_complaint" cites "sr_267"
    And the route "criminal_complaint" does not warn "complaint_deadline_three_months"

  @E15
  Scenario: Defamation in a message to one person may lack the aim of making it known, which an expert assesses
    Given an incident involving "defamation"
    And the field "audience" is "one_to_one"
    When the service decides
    Then the route "criminal_complaint" cites "sr_261_262"
    And the route "criminal_complaint" warns "qualification_needs_expert"

  @E01
  Scenario Outline: A discriminatory statement in a one-to-one chat is not "in public" (arts. 137c and 137d Sr), but sending it unasked is an offence under art. 137e Sr
    Given an incident involving "<content>"
    And the hate ground is "race"
    And the field "audience" is "one_to_one"
    When the service decides in English
    Then the route "criminal_complaint" applies
    And the route "criminal_complaint" cites "sr_137e"
    And the route "criminal_complaint" does not cite "<public_offence>"
    And the route "criminal_complaint" warns "public_element_required" about "<article>"

    Examples:
      | content               | public_offence | article   |
      | discriminatory_insult | sr_137c        | Art. 137c |
      | incitement_to_hatred  | sr_137d        | Art. 137d |
