Feature: Asking search engines to remove results for the victim's name
  Under art. 17 GDPR (Google Spain, C-131/12) a person can ask a search engine to stop showing results
  for searches on their name. The page itself stays online.

  Scenario: Doxing that shows up when searching the victim's name: delisting applies
    Given an incident involving "personal_data"
    And it was shared on "other"
    And the content shows up when searching for the victim's name
    When the service decides
    Then the route "search_delisting" applies
    And the route "search_delisting" is handled by "search_engine"
    And the route "search_delisting" cites "gdpr_art_17"
    And the route "search_delisting" warns "delisting_leaves_source_online"

  Scenario: Whether it shows up in search results is unknown: conditional
    Given an incident involving "intimate_image"
    When the service decides
    Then the route "search_delisting" is conditional

  Scenario: Nothing shows up in search results (a closed group): nothing to delist
    Given an incident involving "intimate_image"
    And it was shared in a closed group
    And the content does not show up when searching for the victim's name
    When the service decides
    Then the route "search_delisting" is not applicable because "not_found_in_search_results"

  Scenario: Threats alone are not a delisting matter
    Given an incident involving "threat"
    When the service decides
    Then the route "search_delisting" is not considered
