"""Checklists on the fixture tool T1, served over http://127.0.0.1 and opened from file://."""
import json
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture(params=["http", "file"])
def tool_url(request, built_mini, serve):
    if request.param == "http":
        return serve(built_mini) + "tools/t1.html"
    return (built_mini / "tools" / "t1.html").as_uri()


def progress(page):
    return page.locator(".trm-progress").inner_text()


def test_tick_progress_reload_clear(page, tool_url):
    page.goto(tool_url)
    assert progress(page) == "0 of 3 answered"
    page.get_by_label("First check").check()
    page.locator('input[name="T1.A.02"][value="unknown"]').check()
    page.get_by_label("Name").fill("Jane Example")
    assert progress(page) == "3 of 3 answered"
    assert page.locator("#T1\\.A .trm-section-count").inner_text() == "(3/3)"
    page.reload()
    assert page.get_by_label("First check").is_checked()
    assert page.locator('input[name="T1.A.02"][value="unknown"]').is_checked()
    assert page.get_by_label("Name").input_value() == ""          # personal data is never kept
    stored = page.evaluate("JSON.stringify(Object.assign({}, sessionStorage))")
    assert "Jane" not in stored and "T1.A.03" not in stored and "trmkb:answers:T1:1.0.0" in stored
    assert page.evaluate("localStorage.length") == 0               # nothing kept beyond the session by default
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Clear all answers").click()
    assert progress(page) == "0 of 3 answered"
    assert page.evaluate("sessionStorage.length + localStorage.length") == 0
    assert [u for u in page.requests if not u.startswith(("http://127.0.0.1", "file://", "data:", "blob:"))] == []


def test_remember_on_this_device_uses_local_storage(page, tool_url):
    page.goto(tool_url)
    page.get_by_label("Remember my answers on this device").check()
    page.get_by_label("First check").check()
    assert "trmkb:answers:T1:1.0.0" in page.evaluate("Object.keys(localStorage)")
    assert page.evaluate("sessionStorage.getItem('trmkb:answers:T1:1.0.0')") is None
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Clear all answers").click()
    assert page.evaluate("localStorage.length") == 0


def test_export_then_import_restores_answers(page, tool_url, tmp_path):
    page.goto(tool_url)
    page.get_by_label("First check").check()
    page.locator('input[name="T1.A.02"][value="no"]').check()
    page.get_by_label("Name").fill("Jane Example")
    with page.expect_download() as dl:
        page.get_by_role("button", name="Export answers").click()
    path = tmp_path / "answers.json"
    dl.value.save_as(path)
    data = json.loads(path.read_text())
    assert data["tool"] == "T1" and data["version"] == "1.0.0"
    assert data["answers"] == {"T1.A.01": "yes", "T1.A.02": "no"}   # personal item left out
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Clear all answers").click()
    assert progress(page) == "0 of 3 answered"
    page.locator(".trm-import").set_input_files(str(path))
    expect(page.locator(".trm-progress")).to_have_text(re.compile(r"^2 of 3"))   # (no eval: the CSP forbids it)
    assert page.get_by_label("First check").is_checked()
    assert page.locator('input[name="T1.A.02"][value="no"]').is_checked()
    # importing again over answers in progress: the file's answers replace the others, and a
    # personal answer typed on the page (which no file holds) is not wiped
    page.get_by_label("First check").uncheck()
    page.locator('input[name="T1.A.02"][value="unknown"]').check()
    page.get_by_label("Name").fill("Jane Example")
    page.locator(".trm-import").set_input_files(str(path))
    expect(page.locator(".trm-progress")).to_have_text(re.compile(r"^3 of 3"))
    assert page.get_by_label("First check").is_checked()
    assert page.locator('input[name="T1.A.02"][value="no"]').is_checked()
    assert page.get_by_label("Name").input_value() == "Jane Example"


def test_import_rejects_another_tool(page, tool_url, tmp_path):
    page.goto(tool_url)
    bad = tmp_path / "other.json"
    bad.write_text(json.dumps({"tool": "T3", "version": "1.0.0", "answers": {"T3.A.01": "yes"}}))
    page.locator(".trm-import").set_input_files(str(bad))
    expect(page.locator(".trm-tool-message")).to_have_text(re.compile(r"\S"))
    assert "does not contain answers" in page.locator(".trm-tool-message").inner_text()


def test_keyboard_focus_is_visible_on_a_checkbox(page, built_mini, serve):
    """Reached with Tab, a checkbox shows a focus ring (Material's reset had removed it)."""
    page.goto(serve(built_mini) + "tools/t1.html")
    box = page.get_by_label("First check")
    box.focus()
    page.keyboard.press("Shift+Tab")    # leave and come back by keyboard, so :focus-visible applies
    page.keyboard.press("Tab")
    assert box.evaluate("el => el === document.activeElement")
    style = box.evaluate("el => { const s = getComputedStyle(el); return [s.outlineStyle, s.outlineWidth]; }")
    assert style[0] != "none" and style[1] != "0px", style
