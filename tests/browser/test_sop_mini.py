"""Procedures: deep links with stable ids, role filter, redirects for old ids, printed phase."""
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base(built_mini, serve):
    return serve(built_mini)


def test_deep_link_to_step_in_arabic_keeps_id_and_anchor(page, base):
    page.goto(base + "ar/sop/SOP-1.html#SOP-1.1")
    assert page.locator('[id="SOP-1.1"]').count() == 1
    page.goto(base + "ar/sop/SOP-1.1.html#origin")
    assert page.locator("h2#origin").inner_text().startswith("في بلد المنشأ")
    assert page.evaluate("document.documentElement.lang") == "ar"


def test_role_filter_shows_only_that_place(page, base):
    page.goto(base + "sop/SOP-1.1.html")
    page.get_by_label("Show what is done by").select_option("origin")
    assert page.locator("h2#origin").is_visible()
    assert not page.locator("h2#destination").is_visible()
    assert page.locator("h2#purpose").is_visible()
    assert "role=origin" in page.url
    page.reload()
    assert not page.locator("h2#transit").is_visible()
    page.get_by_label("Show what is done by").select_option("")
    assert page.locator("h2#transit").is_visible()


def test_old_step_id_redirects_with_its_anchor(page, base):
    page.goto(base + "ar/sop/SOP-1.0.html#origin")
    page.wait_for_url("**/ar/sop/SOP-1.1.html#origin")


def test_printed_phase_holds_every_step_with_unique_anchors(page, base):
    page.goto(base + "sop/SOP-1-print.html")
    assert page.locator("h3#SOP-1-1-origin").count() == 1
    ids = page.evaluate("Array.from(document.querySelectorAll('[id]')).map(e => e.id)")
    assert len(ids) == len(set(ids))
    page.get_by_label("Show what is done by").select_option("consular")
    assert page.locator("h3#SOP-1-1-consular").is_visible()
    assert not page.locator("h3#SOP-1-1-destination").is_visible()
    page.emulate_media(media="print")     # on paper: no buttons or lists, but the role shown
    assert not page.locator(".trm-print-page").is_visible()
    assert not page.get_by_label("Show what is done by").is_visible()
    assert page.locator(".trm-role-status").is_visible()
    assert page.locator("h3#SOP-1-1-consular").is_visible()
    line = page.locator(".trm-print-only")       # when it was printed and from which version
    printed = page.locator(".trm-print-only .trm-print-date").inner_text().strip()
    assert line.is_visible() and re.fullmatch(r"[A-Z][a-z]+ \d{1,2}, \d{4}", printed), printed   # month in words


def test_copy_link_copies_the_step_address_then_offers_to_copy_again(page, base):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(base + "sop/SOP-1.1.html?role=consular#origin")
    button = page.locator(".trm-copy-link").first
    label = button.inner_text()
    button.click()
    expect(button).not_to_have_text(label)    # "Link copied", once the clipboard's promise has settled
    assert page.evaluate("navigator.clipboard.readText()") == base + "sop/SOP-1.1.html?role=consular"
    expect(button).to_have_text(label, timeout=6000)
