"""The playground and the rulebook page in a real browser: Debian's chromium, headless, via Selenium.

A helper fills the form as a person would, reads the answer above the form, follows a link and comes
back to the same answer. axe-core (installed from the npm registry by the Makefile, injected into the
page) finds no WCAG 2.1 A or AA violation on the empty form, an answer and the rulebook, in Dutch and
English; no page scrolls sideways at 320 px. Screenshots at phone and desktop size go to reports/.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select
from werkzeug.serving import make_server

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "reports"
AXE = ROOT / ".venv" / "axe" / "node_modules" / "axe-core" / "axe.min.js"  # make test installs it
CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,1600",
         "--lang=en-US"]  # the date inputs take month, day, year in this locale
INCIDENT = {"content_types": ["intimate_image", "personal_data"], "victim_age": 16, "platform": "telegram",
            "group_closed": True, "incident_date": "2024-09-01", "as_of": "2025-03-01"}
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE, DESKTOP = (390, 844), (1280, 900)


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
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(60)
    # A form submit navigates; find_element must wait for the answer page on a loaded machine.
    driver.implicitly_wait(15)
    yield driver
    driver.quit()


def viewport(driver, width: int, height: int) -> None:
    """Lay the page out as a phone or desktop screen of this many CSS pixels would."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})


def requested_urls(driver) -> list[str]:
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def screenshot(driver, name: str, size: tuple[int, int]) -> None:
    """The whole page at this screen width, as a reviewer scrolls through it."""
    REPORTS.mkdir(exist_ok=True)
    viewport(driver, *size)
    height = driver.execute_script("return document.documentElement.scrollHeight")
    viewport(driver, size[0], min(int(height), 12000))
    driver.save_screenshot(str(REPORTS / name))
    viewport(driver, *DESKTOP)


def axe_violations(driver) -> list[dict]:
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
        ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}))))"
        ".catch(e => done([{id: 'axe-error', help: String(e), nodes: []}]));", WCAG)
    return result


def sideways(driver) -> int:
    """How many CSS pixels the page is wider than the screen (0: no sideways scrolling)."""
    return driver.execute_script(
        "return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth;")


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


@pytest.fixture(scope="module", autouse=True)
def desktop(browser):
    viewport(browser, *DESKTOP)


def test_the_form_offers_only_the_contract_vocabulary_and_asks_about_crisis_first(server, browser):
    browser.get(f"{server}/?lang=en")
    form = browser.find_element(By.ID, "incident")
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
    controls = form.find_elements(By.CSS_SELECTOR, "input:not([type=hidden]), select, button")
    assert controls[0].get_attribute("id") == "victim_in_crisis"
    help_now = browser.find_element(By.ID, "help-now")
    assert {a.get_attribute("href") for a in help_now.find_elements(By.TAG_NAME, "a")} >= {"tel:112", "tel:113"}


def test_the_first_tab_reaches_a_skip_link_to_the_content(server, browser):
    browser.get(f"{server}/?lang=nl")
    browser.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    active = browser.switch_to.active_element
    assert active.get_attribute("class") == "skip" and active.get_attribute("href").endswith("#main")


def test_a_helper_sees_the_answer_first_and_back_keeps_it(server, browser, api):
    decision = fill_and_submit(browser, server, "en")
    expected = api.decide(INCIDENT, lang="en").body
    assert expected["routes"], "the scenario should offer routes"
    query = parse_qs(urlparse(browser.current_url).query)
    assert query["content_types"] == INCIDENT["content_types"] and query["victim_age"] == ["16"]
    assert str(len(expected["routes"])) in browser.title  # the outcome in the title
    form = browser.find_element(By.ID, "incident")
    assert decision.location["y"] < form.location["y"]  # the answer above the form
    plan = browser.find_element(By.ID, "plan")
    assert decision.location["y"] < plan.location["y"] < browser.find_element(By.ID, "routes-heading").location["y"]
    for step in expected["plan"]:  # the plan first: every step with what to do
        item = browser.find_element(By.ID, f"step-{step['id']}")
        assert step["title"] in item.text and step["text"] in item.text
    for route in expected["routes"]:  # each route's step says who takes it and how to reach the body
        item = browser.find_element(By.ID, f"step-{route['id']}")
        if route["authority"].get("phone"):
            assert item.find_element(By.CSS_SELECTOR, "a[href^='tel:']").text.endswith(route["authority"]["phone"])
    for card in browser.find_elements(By.CSS_SELECTOR, "details.route"):  # the details, folded below
        assert card.get_attribute("open") is None
        card.find_element(By.TAG_NAME, "summary").click()
    seen = decision.text
    for route in expected["routes"]:
        card = browser.find_element(By.ID, f"route-{route['id']}")
        assert route["title"] in card.text
        assert route["authority"]["name"] in card.text
        if route["authority"].get("phone"):
            tel = card.find_element(By.CSS_SELECTOR, "a[href^='tel:']")
            assert route["authority"]["phone"] in tel.text
        if route["authority"].get("url"):
            link = card.find_element(By.CSS_SELECTOR, f"a[href='{route['authority']['url']}']")
            assert route["authority"]["name"] in link.text  # the link says where it goes
    obstacle_texts = [li.text for li in browser.find_elements(By.CSS_SELECTOR, "#obstacles > li")]
    for obstacle in expected["obstacles"]:
        assert sum(obstacle["text"] in t for t in obstacle_texts) == 1  # each obstacle said once
        assert seen.count(obstacle["text"]) == 1
    for missing in expected["missing_information"]:
        assert missing["question"] in seen
    for g in expected["glossary"]:
        assert g["text"] in seen
    answer_url = browser.current_url
    browser.find_element(By.ID, "to-rulebook").click()
    assert urlparse(browser.current_url).path == "/rulebook"
    browser.back()
    assert browser.current_url == answer_url
    assert expected["routes"][0]["title"] in browser.find_element(By.ID, "decision").text


def test_the_decision_in_dutch(server, browser, api):
    decision = fill_and_submit(browser, server, "nl")
    expected = api.decide(INCIDENT, lang="nl").body
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "nl"
    assert "Wat u kunt doen" in decision.text
    for route in expected["routes"]:
        assert route["title"] in decision.text
    assert "Dit is niet uw schuld" in decision.text


def test_errors_stand_next_to_their_fields_in_the_pages_language(server, browser):
    browser.get(f"{server}/?lang=nl&ask=1&victim_age=15&age_when_made=17&content_types=intimate_image")
    summary = browser.find_element(By.ID, "errors")
    assert summary.get_attribute("role") == "alert" and browser.title.startswith("Fout")
    field = browser.find_element(By.ID, "age_when_made")
    assert field.get_attribute("aria-invalid") == "true"
    message = browser.find_element(By.ID, field.get_attribute("aria-describedby"))
    assert message.text == "Kan niet hoger zijn dan de leeftijd van het slachtoffer."
    browser.get(f"{server}/?lang=nl&ask=1")
    group = browser.find_element(By.ID, "fs-content_types")
    assert browser.find_element(By.ID, group.get_attribute("aria-describedby")).text == "Kies er ten minste 1."


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_accessibility_violation_and_no_sideways_scrolling(server, browser, lang):
    assert AXE.is_file(), "make test installs axe-core from the npm registry"
    pages = {"form": f"{server}/?lang={lang}", "rulebook": f"{server}/rulebook?lang={lang}",
             "errors": f"{server}/?lang={lang}&ask=1"}
    found = {}
    for name, url in pages.items():
        browser.get(url)
        browser.find_element(By.ID, "main")
        found[name] = axe_violations(browser)
        viewport(browser, 320, 640)
        found[name + " at 320 px"] = sideways(browser)
        viewport(browser, *DESKTOP)
    fill_and_submit(browser, server, lang)
    for d in browser.find_elements(By.TAG_NAME, "details"):  # folded details are checked open too
        browser.execute_script("arguments[0].open = true;", d)
    found["answer"] = axe_violations(browser)
    viewport(browser, 320, 640)
    found["answer at 320 px"] = sideways(browser)
    viewport(browser, *DESKTOP)
    assert {k: v for k, v in found.items() if v} == {}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_screenshots_at_phone_and_desktop_size(server, browser, lang):
    fill_and_submit(browser, server, lang)
    viewport(browser, *PHONE)  # what a helper sees first on a phone after submitting
    REPORTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(REPORTS / f"playground-answer-{lang}-phone-first-screen.png"))
    screenshot(browser, f"playground-answer-{lang}-phone.png", PHONE)
    screenshot(browser, f"playground-answer-{lang}-desktop.png", DESKTOP)
    browser.get(f"{server}/?lang={lang}")
    screenshot(browser, f"playground-form-{lang}-phone.png", PHONE)
    browser.get(f"{server}/rulebook?lang={lang}")
    browser.find_element(By.ID, "main")
    screenshot(browser, f"rulebook-{lang}-phone.png", PHONE)
    screenshot(browser, f"rulebook-{lang}-desktop.png", DESKTOP)
    for name in ("playground-answer", "playground-form", "rulebook"):
        assert (REPORTS / f"{name}-{lang}-phone.png").stat().st_size > 10_000


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
    assert colour.replace(" ", "") in ("rgba(26,86,160,1)", "rgb(26,86,160)"), colour


def test_the_rulebook_is_reached_from_the_answer_and_links_its_scenarios(server, browser, api):
    fill_and_submit(browser, server, "en")
    first = api.decide(INCIDENT, lang="en").body["routes"][0]
    browser.get(f"{server}/rulebook?lang=en#route-{first['id']}")
    section = browser.find_element(By.ID, f"route-{first['id']}")
    assert first["title"] in section.text
    scenario_links = section.find_elements(By.CSS_SELECTOR, ".scenarios a")
    assert scenario_links, "every offered route is specified by scenarios"
    scenario_links[0].click()
    assert urlparse(browser.current_url).path.startswith("/rulebook/scenarios/")
    assert "Scenario" in browser.find_element(By.CSS_SELECTOR, "pre.feature").text


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
    assert decision.text.index(expected["plan"][0]["title"]) < decision.text.index("The routes in detail")
    plan.screenshot(str(REPORTS / "plan.png"))
