"""The playground and the rulebook page in a real browser: Debian's chromium, headless, via Selenium.

Fills the form, submits it, checks what a person sees against the API's answer for the same incident,
checks that the page loads nothing from anywhere but the app, and keeps screenshots in reports/.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select
from werkzeug.serving import make_server

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "reports"
CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,1600",
         "--lang=en-US"]  # the date inputs take month, day, year in this locale
INCIDENT = {"content_types": ["intimate_image", "personal_data"], "victim_age": 16, "platform": "telegram",
            "group_closed": True, "incident_date": "2024-09-01", "as_of": "2025-03-01"}


@pytest.fixture(scope="module")
def server(app):
    srv = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.server_port}"
    srv.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(20)
    # A form submit navigates; find_element must wait for the answer page on a loaded machine.
    driver.implicitly_wait(15)
    yield driver
    driver.quit()


def requested_urls(driver) -> list[str]:
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def full_page_screenshot(driver, path: Path) -> None:
    """The whole page, as a reviewer scrolls through it (the window grows to the page, then shrinks)."""
    REPORTS.mkdir(exist_ok=True)
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1280, min(int(height) + 120, 8000))
    driver.save_screenshot(str(path))
    driver.set_window_size(1280, 1600)


def fill_and_submit(driver, base: str, lang: str):
    driver.get(f"{base}/?lang={lang}")
    for ct in INCIDENT["content_types"]:
        driver.find_element(By.ID, f"ct-{ct}").click()
    Select(driver.find_element(By.ID, "victim_age")).select_by_value(str(INCIDENT["victim_age"]))
    Select(driver.find_element(By.ID, "platform")).select_by_value(INCIDENT["platform"])
    Select(driver.find_element(By.ID, "group_closed")).select_by_value("true")
    for name in ("incident_date", "as_of"):  # typed as a person would (en-US order)
        field = driver.find_element(By.ID, name)
        y, m, d = INCIDENT[name].split("-")
        field.send_keys(m + d + y)
    driver.find_element(By.ID, "decide").click()
    return driver.find_element(By.ID, "decision")


def test_the_form_offers_only_the_contract_vocabulary(server, browser, api):
    browser.get(f"{server}/?lang=en")
    browser.find_element(By.ID, "incident")  # the form is there (waits for the page)
    browser.implicitly_wait(0)  # an empty result must not wait out the implicit wait
    free_text = browser.find_elements(By.CSS_SELECTOR, "textarea, input:not([type]), input[type=text], "
                                                      "input[type=search], input[type=email], [contenteditable]")
    browser.implicitly_wait(15)
    assert free_text == []
    from routewijzer.rules.vocabulary import CONTENT_TYPES, PLATFORMS
    boxes = browser.find_elements(By.CSS_SELECTOR, "input[name=content_types]")
    assert [b.get_attribute("value") for b in boxes] == list(CONTENT_TYPES)
    options = [o.get_attribute("value") for o in Select(browser.find_element(By.ID, "platform")).options]
    assert options == [""] + list(PLATFORMS)


def test_a_person_fills_the_form_and_sees_the_decision(server, browser, api):
    decision = fill_and_submit(browser, server, "en")
    expected = api.decide(INCIDENT, lang="en").body
    assert expected["routes"], "the scenario should offer routes"
    seen = decision.text
    for route in expected["routes"]:
        card = browser.find_element(By.ID, f"route-{route['id']}").text  # what a person reads in the card
        assert route["title"] in card
        assert route["authority"]["name"] in card
        for obstacle in route["obstacles"]:
            assert obstacle["text"] in card
        assert route["status"] in card.lower()
    for excluded in expected["not_applicable"]:
        card = browser.find_element(By.ID, f"excluded-{excluded['id']}").text
        assert excluded["title"] in card
        for reason in excluded["reasons"]:
            assert reason["text"] in card
    for missing in expected["missing_information"]:
        assert missing["question"] in seen
    for note in expected["notes"]:
        assert note["title"] in seen
    assert ("Have an expert assess this" in seen) == expected["needs_expert_assessment"]
    full_page_screenshot(browser, REPORTS / "playground.png")

    browser.find_element(By.ID, "to-rulebook").click()
    assert urlparse(browser.current_url).path == "/rulebook"
    first = expected["routes"][0]["id"]
    section = browser.find_element(By.ID, f"route-{first}")
    assert expected["routes"][0]["title"] in section.text
    scenario_links = section.find_elements(By.CSS_SELECTOR, ".scenarios a")
    assert scenario_links, "every offered route is specified by scenarios"
    browser.save_screenshot(str(REPORTS / "rulebook.png"))  # the top: the route list and the first routes
    scenario_links[0].click()
    assert urlparse(browser.current_url).path.startswith("/rulebook/scenarios/")
    assert "Scenario" in browser.find_element(By.CSS_SELECTOR, "pre.feature").text


def test_the_decision_in_dutch(server, browser, api):
    decision = fill_and_submit(browser, server, "nl")
    expected = api.decide(INCIDENT, lang="nl").body
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "nl"
    assert "Routes" in decision.text and "Bevoegd" in decision.text
    for route in expected["routes"]:
        assert route["title"] in decision.text


def test_the_pages_load_nothing_from_elsewhere(server, browser):
    browser.get_log("performance")  # forget earlier requests
    fill_and_submit(browser, server, "en")
    browser.get(f"{server}/rulebook?lang=en")
    urls = requested_urls(browser)
    assert urls, "the performance log records requests"
    foreign = [u for u in urls if not (u.startswith((server + "/", "data:")))]
    assert foreign == []
    assert any(u.endswith("/assets/style.css") for u in urls)
    # the stylesheet applies under the pages' Content-Security-Policy
    colour = browser.find_element(By.ID, "nav-rulebook").value_of_css_property("color")
    assert colour.replace(" ", "") in ("rgba(31,95,168,1)", "rgb(31,95,168)"), colour


def test_the_plan_comes_first_numbered_with_its_reasons(server, browser, api):
    decision = fill_and_submit(browser, server, "en")
    expected = api.decide(INCIDENT, lang="en").body
    plan = browser.find_element(By.ID, "plan")
    first_route = browser.find_element(By.ID, f"route-{expected['routes'][0]['id']}")
    assert plan.location["y"] < first_route.location["y"], "the plan is shown before the route details"
    items = plan.find_elements(By.CSS_SELECTOR, "li.plan-step")
    assert [i.get_attribute("id") for i in items] == [f"step-{s['id']}" for s in expected["plan"]]
    for item, step in zip(items, expected["plan"], strict=True):
        text = item.text
        assert item.get_attribute("value") == str(step["order"]), "numbered by order (same number: same time)"
        assert text.startswith(step["title"]), text
        assert step["text"] in text
        if step.get("reason"):
            assert step["reason"] in text
    assert decision.text.index(expected["plan"][0]["title"]) < decision.text.index("Routes")
    plan.screenshot(str(REPORTS / "plan.png"))
