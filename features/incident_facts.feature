Feature: The facts of an incident (contract v1.1)
  Contract v1.1 lets a caller describe an incident more precisely: who could see it and how many people,
  how an image came about, whether it was published or only threatened, the victim's role, who hosts the
  content, the platform's size, what an extortioner threatens and demands, the perpetrator, and what the
  victim wants. Every new field is optional: a request made for contract v1 is still valid, and what is not
  said is unknown. Facts that contradict each other are refused, naming the field and the reason. The answer
  repeats the incident as the service understood it: every field, with the defaults filled in and the
  platform's establishment and size taken from its dated profile.

  Scenario: A request written for contract v1 is still decided, and the new facts are unknown
    Given an incident involving "intimate_image", "personal_data"
    And it was shared on "telegram"
    And it was shared in a closed group
    And the victim is 16 years old
    And it happened on 2024-03-01
    And the decision is made as of 2024-06-15
    When the service decides
    Then the route "criminal_complaint" is offered
    And the answer's facts give every field of the request
    And the answer's facts give "image_origin" as "unknown"
    And the answer's facts give "publication" as "unknown"
    And the answer's facts give "victim_has_copy" as null
    And the answer's facts give "goals" as []

  Scenario: What was not said is filled in as the contract says: defaults, and the assessment date
    Given an incident involving "threat"
    And the decision is made as of 2025-02-01
    When the service decides
    Then the answer's facts give "platform_response" as "not_reported"
    And the answer's facts give "perpetrator" as "unknown"
    And the answer's facts give "victim_in_crisis" as false
    And the answer's facts give "incident_date" as "2025-02-01"
    And the answer's facts give "platform" as null

  Scenario: An incident described with every new fact is decided
    Given an incident involving "intimate_image", "extortion"
    And the victim is 17 years old
    And it was shared on "instagram"
    And the audience is "group_joined_by_link"
    And about 250 people could see it
    And the image was "self_made"
    And the content was "threatened"
    And the victim is targeted as "private_person"
    And the perpetrator threatens "publish_or_reveal"
    And the perpetrator demands "images_or_sexual_acts"
    And the perpetrator is the victim's "stranger"
    And the perpetrator is an adult
    And the victim has the image on their own device
    And the content does not show up when searching for the victim's name
    And the criminal case stands at "none"
    And the victim wants "removal", "prevent_spread"
    When the service decides
    Then the route "criminal_complaint" is offered
    And the answer's facts give "audience_size" as 250
    And the answer's facts give "goals" as ["removal", "prevent_spread"]
    And the answer's facts give "extortion_demand" as "images_or_sexual_acts"

  Scenario: A group anyone can join by link is not a public channel: it is a closed group in the v1 sense
    Given an incident involving "personal_data"
    And the audience is "group_joined_by_link"
    When the service decides
    Then the answer's facts give "group_closed" as true

  Scenario: Content shared publicly was seen by a public audience
    Given an incident involving "personal_data"
    And it was shared publicly
    When the service decides
    Then the answer's facts give "audience" as "public"

  Scenario: A public audience and a closed group contradict each other
    Given an incident involving "personal_data"
    And the audience is "public"
    And it was shared in a closed group
    When the service decides
    Then the request is rejected with status 422 naming "audience"

  Scenario: A private chat and a public post contradict each other
    Given an incident involving "insult"
    And the audience is "one_to_one"
    And it was shared publicly
    When the service decides
    Then the request is rejected with status 422 naming "audience"

  Scenario: How an image came about is only asked about an image
    Given an incident involving "threat"
    And the image was "made_covertly"
    When the service decides
    Then the request is rejected with status 422 naming "image_origin"

  Scenario: What an extortioner threatens and demands is only said of extortion
    Given an incident involving "harassment"
    And the perpetrator threatens "violence"
    And the perpetrator demands "money"
    When the service decides
    Then the request is rejected with status 422 naming "extortion_threat"
    And the request is rejected with status 422 naming "extortion_demand"

  Scenario: A goal is named once
    Given an incident involving "threat"
    And the field "goals" is ["removal", "removal"]
    When the service decides
    Then the request is rejected with status 422 naming "goals"

  Scenario: An audience size is a number of people, not a word
    Given an incident involving "threat"
    And the field "audience_size" is "many"
    When the service decides
    Then the request is rejected with status 422 naming "audience_size"

  Scenario: Gender identity is a hate ground of its own
    Given an incident involving "incitement_to_hatred"
    And the hate ground is "gender_identity"
    When the service decides
    Then the answer's facts give "hate_ground" as "gender_identity"

  Scenario: Unless the caller says otherwise, the platform itself hosts the content
    Given an incident involving "child_sexual_abuse_material"
    And it was shared on "tiktok"
    When the service decides
    Then the answer's facts give "hosting_established" as "eu"
    And the derived fact "hosting_establishment" is "eu"

  Scenario: A foreign website hosted by a Dutch company: what the caller says about the host wins
    Given an incident involving "child_sexual_abuse_material"
    And it was shared on "other"
    And the provider is established "non_eu"
    And the content is hosted by a provider established "nl"
    When the service decides
    Then the answer's facts give "platform_established" as "non_eu"
    And the answer's facts give "hosting_established" as "nl"

  Scenario: What the caller says about the platform's size wins over the profile
    Given an incident involving "insult"
    And it was shared on "other"
    And the platform is "micro_or_small"
    When the service decides
    Then the answer's facts give "platform_size" as "micro_or_small"
