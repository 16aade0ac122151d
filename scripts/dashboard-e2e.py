#!/usr/bin/env python3
"""End-to-end test of the MCPEmails dashboard in a real headless Chromium (Selenium).

Run by Tests/AppTests/Dashboard/DashboardBrowserTests.swift against a running server:

    python3 scripts/dashboard-e2e.py BASE_URL SCREENSHOT_DIR

Mail server details come from the environment written by scripts/services/mail.sh
(MCPEMAILS_TEST_MAIL_*, MCPEMAILS_TEST_IMAP_PORT, ...); Chromium from MCPEMAILS_TEST_CHROMIUM.

Flow: sign up -> connect an IMAP inbox on the test Dovecot (test connection, then save) -> create a
key -> call list_inbox through POST /mcp with that key -> see the call on Activity and Usage ->
revoke the key -> the next MCP call gets -32001. Every page is screenshotted at 1280 and 375 px,
and the browser console must stay free of errors. Prints one JSON object with the findings.
"""
import json
import os
import smtplib
import sys
import time
import urllib.error
import urllib.request
import uuid
from email.message import EmailMessage

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

BASE, SHOTS = sys.argv[1].rstrip("/"), sys.argv[2]
env = os.environ
MAIL_HOST = env["MCPEMAILS_TEST_MAIL_HOST"]
DOMAIN = env.get("MCPEMAILS_TEST_MAIL_DOMAIN", "mcpemails.test")
MAIL_PASSWORD = env["MCPEMAILS_TEST_MAIL_PASSWORD"]
ADDRESS = "dash-%s@%s" % (uuid.uuid4().hex[:8], DOMAIN)
SUBJECT = "Hello from the dashboard test %s" % uuid.uuid4().hex[:6]
report = {"console_errors": [], "screenshots": [], "steps": []}


def step(name):
    report["steps"].append(name)


def deliver():
    """Puts one message in the new IMAP account's INBOX (plain SMTP for the test domain)."""
    message = EmailMessage()
    message["From"] = "sender@" + DOMAIN
    message["To"] = ADDRESS
    message["Subject"] = SUBJECT
    message.set_content("This message was delivered before the inbox was connected.")
    plain = env.get("MCPEMAILS_TEST_SMTP_PLAIN_PORT")
    with smtplib.SMTP(MAIL_HOST, int(plain), timeout=30) as smtp:
        smtp.send_message(message)


def make_driver():
    options = webdriver.ChromeOptions()
    options.binary_location = env.get("MCPEMAILS_TEST_CHROMIUM") or "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1280,900", "--hide-scrollbars", "--force-device-scale-factor=1"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


driver = make_driver()
wait = WebDriverWait(driver, 60)


def collect_console(page):
    for entry in driver.get_log("browser"):
        if entry.get("level") == "SEVERE":
            report["console_errors"].append({"page": page, "message": entry.get("message")})


A11Y_CHECK = """
var problems = [];
document.querySelectorAll('input:not([type=hidden]), select, textarea').forEach(function (field) {
  if (!(field.labels && field.labels.length) && !field.getAttribute('aria-label')) { problems.push('unlabeled ' + (field.id || field.name)); }
});
document.querySelectorAll('button, a').forEach(function (control) {
  if (!control.hidden && !control.textContent.trim() && !control.getAttribute('aria-label')) { problems.push('nameless ' + control.outerHTML.slice(0, 60)); }
});
if (document.querySelectorAll('h1').length !== 1) { problems.push(document.querySelectorAll('h1').length + ' h1'); }
if (!document.documentElement.lang) { problems.push('no lang'); }
var ids = {};
document.querySelectorAll('[id]').forEach(function (e) { if (ids[e.id]) { problems.push('duplicate id ' + e.id); } ids[e.id] = true; });
return problems;
"""


def shoot(name):
    """Screenshots the current page at desktop and phone widths (full height), after checking that its
    form fields have labels, its buttons and links names, and that it has one h1 and no duplicate ids."""
    collect_console(name)
    for problem in driver.execute_script(A11Y_CHECK):
        report.setdefault("accessibility", []).append("%s: %s" % (name, problem))
    for width in (1280, 375):
        driver.set_window_size(width, 900)
        height = driver.execute_script("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)")
        driver.set_window_size(width, min(max(int(height), 600), 6000))
        path = os.path.join(SHOTS, "%s-%d.png" % (name, width))
        driver.save_screenshot(path)
        report["screenshots"].append(path)
        overflow = driver.execute_script("return document.documentElement.scrollWidth > window.innerWidth + 1")
        if overflow and width == 375:
            report.setdefault("horizontal_overflow", []).append(name)
    driver.set_window_size(1280, 900)


def go(path):
    driver.get(BASE + path)
    wait.until(lambda d: d.execute_script("return document.readyState") == "complete")


def click_and_load(element):
    """Clicks a link or submit button and waits until a new, fully loaded document has replaced this one
    (a marker set on the old window object is gone). Errors while the browser navigates mean "not yet"."""
    driver.execute_script("window.__e2eOldPage = true;")
    element.click()

    def loaded(d):
        try:
            return d.execute_script("return !window.__e2eOldPage && document.readyState === 'complete'")
        except WebDriverException:
            return False
    wait.until(loaded)


def fill(element_id, text):
    field = driver.find_element(By.ID, element_id)
    field.clear()
    field.send_keys(text)


def mcp(key, method, params, request_id=1):
    body = json.dumps({"jsonrpc": "2.0", "id": request_id, "method": method, "params": params}).encode()
    request = urllib.request.Request(BASE + "/mcp", data=body, method="POST", headers={
        "Authorization": "Bearer " + key, "Content-Type": "application/json",
        "Accept": "application/json, text/event-stream", "MCP-Protocol-Version": "2025-06-18"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def until(predicate, seconds=20, what="condition"):
    deadline = time.time() + seconds
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError("timed out waiting for " + what)


try:
    deliver()
    step("delivered")

    # Sign up.
    go("/signup")
    shoot("signup")
    fill("email", "owner-%s@example.com" % uuid.uuid4().hex[:6])
    fill("password", "violet-lantern-orbit-42")
    fill("workspace", "Dashboard E2E")
    click_and_load(driver.find_element(By.CSS_SELECTOR, "form button[type=submit].primary"))
    wait.until(EC.url_contains("notice=welcome"))
    shoot("quickstart-new")
    step("signed up")

    # Inboxes: empty state, then the IMAP form: test connection, then save.
    go("/inboxes")
    shoot("inboxes-empty")
    click_and_load(driver.find_element(By.LINK_TEXT, "Connect inbox"))
    shoot("connect-inbox")
    fill("imap-email", ADDRESS)
    fill("imap-username", ADDRESS)
    fill("imap-password", "wrong-password")
    fill("imap-host", MAIL_HOST)
    fill("imap-port", env["MCPEMAILS_TEST_IMAP_PORT"])
    Select(driver.find_element(By.ID, "imap-security")).select_by_value("starttls")
    fill("smtp-host", MAIL_HOST)
    fill("smtp-port", env["MCPEMAILS_TEST_SMTP_PORT"])
    Select(driver.find_element(By.ID, "smtp-security")).select_by_value("starttls")
    driver.find_element(By.CSS_SELECTOR, "details summary").click()
    with open(env["MCPEMAILS_TEST_TLS_CA"]) as pem:
        driver.find_element(By.ID, "tls-ca").send_keys(pem.read())
    click_and_load(driver.find_element(By.ID, "imap-test"))
    report["wrong_password_result"] = driver.find_element(By.ID, "imap-result").text
    shoot("connect-inbox-error")
    fill("imap-password", MAIL_PASSWORD)
    click_and_load(driver.find_element(By.ID, "imap-test"))
    report["test_result"] = driver.find_element(By.ID, "imap-result").text
    click_and_load(driver.find_element(By.ID, "imap-save"))
    wait.until(EC.url_contains("connected="))
    inbox_id = driver.find_element(By.ID, "connected-id").text.strip()
    report["inbox_id"] = inbox_id
    copy_button = driver.find_element(By.CSS_SELECTOR, "[data-copy='connected-id']")
    report["copy_buttons_visible"] = copy_button.is_displayed()
    copy_button.click()
    report["copy_status"] = wait.until(lambda d: d.find_element(By.ID, "copy-status").text.strip())
    shoot("inboxes")
    step("inbox connected")

    # API key: create, read the secret once.
    go("/keys")
    shoot("keys-empty")
    click_and_load(driver.find_element(By.LINK_TEXT, "Create key"))
    fill("key-name", "e2e agent")
    send = driver.find_element(By.ID, "scope-send")
    if not send.is_selected():
        send.click()
    shoot("key-new")
    click_and_load(driver.find_element(By.CSS_SELECTOR, "form button[type=submit].primary"))
    key = driver.find_element(By.ID, "new-key").text.strip()
    report["key_prefix"] = key[:14]
    shoot("key-created")
    go("/keys")
    report["key_visible_after_creation"] = key in driver.page_source
    step("key created")

    # Quick start with the real inbox id.
    go("/")
    report["quickstart_has_inbox"] = inbox_id in driver.find_element(By.ID, "system-prompt").text
    shoot("quickstart")

    # list_inbox through POST /mcp with that key.
    def listed():
        status, body = mcp(key, "tools/call", {"name": "list_inbox", "arguments": {"inbox_id": inbox_id, "limit": 10}})
        messages = (body.get("result") or {}).get("structuredContent", {}).get("messages", [])
        return messages if any(m.get("subject") == SUBJECT for m in messages) else None
    messages = until(listed, 60, "the delivered message in list_inbox")
    report["listed_subjects"] = [m.get("subject") for m in messages]
    step("list_inbox over MCP")

    # Activity and Usage show the call. The audit log is written off the request path, so the row may
    # appear a moment after the call; the tool filter names every tool, so look at table rows only.
    def activity_shows_call():
        go("/activity")
        rows = driver.find_elements(By.CSS_SELECTOR, "#activity-table tbody tr")
        return any("list_inbox" in row.text for row in rows)
    until(activity_shows_call, 60, "the call on Activity")
    report["activity_text"] = driver.find_element(By.ID, "activity-table").text[:500]
    shoot("activity")
    Select(driver.find_element(By.ID, "f-tool")).select_by_value("list_inbox")
    click_and_load(driver.find_element(By.CSS_SELECTOR, ".filters button[type=submit]"))
    wait.until(EC.url_contains("tool=list_inbox"))
    report["activity_filtered_rows"] = len(driver.find_elements(By.CSS_SELECTOR, "#activity-table tbody tr"))
    go("/usage")
    report["usage_calls"] = driver.find_element(By.ID, "meter-calls").find_element(By.XPATH, "..").text
    shoot("usage")
    step("activity and usage")

    go("/docs")
    shoot("docs")
    go("/team")
    shoot("team")

    # Revoke the key; the next MCP call is refused.
    go("/keys")
    click_and_load(driver.find_element(By.LINK_TEXT, "Revoke"))
    shoot("key-revoke-confirm")
    click_and_load(driver.find_element(By.CSS_SELECTOR, "form button.danger"))
    wait.until(EC.url_contains("revoked="))
    shoot("keys")
    status, body = mcp(key, "tools/call", {"name": "list_inbox", "arguments": {"inbox_id": inbox_id}}, 2)
    report["after_revoke_status"] = status
    report["after_revoke_code"] = (body.get("error") or {}).get("code")
    step("revoked")

    # Sign out; the sign-in page.
    click_and_load(driver.find_element(By.CSS_SELECTOR, "form.signout button"))
    wait.until(EC.url_contains("/login"))
    shoot("login")
    report["ok"] = True
except Exception as error:  # report what happened; the Swift test fails on ok != True
    report["ok"] = False
    report["error"] = "%s: %s" % (type(error).__name__, error)
    report["url"] = driver.current_url
    try:
        shoot("failure")
    except Exception:
        pass
finally:
    driver.quit()

print(json.dumps(report))
