"""At 320 CSS px wide (WCAG 1.4.10 Reflow), no page scrolls sideways."""

import pytest

pytestmark = pytest.mark.browser

SMALL_SCREEN = {"width": 320, "height": 640}  # CSS pixels: 1280 px zoomed to 400 %

# The overflow in CSS px, and the outermost elements that stick out on the right (at most 5).
OVERFLOW = """() => {
  const width = window.innerWidth;
  const sticksOut = (el) => el.getBoundingClientRect().right > width + 0.5;
  const culprits = [...document.querySelectorAll("body, body *")]
    .filter((el) => sticksOut(el) && !sticksOut(el.parentElement))
    .slice(0, 5)
    .map((el) => {
      const name = el.localName + (el.id ? "#" + el.id : "")
        + [...el.classList].map((c) => "." + c).join("");
      return `${name} (+${Math.round(el.getBoundingClientRect().right - width)} px)`;
    });
  return { overflow: document.documentElement.scrollWidth - width, culprits };
}"""


@pytest.fixture
def context_options():
    return {"viewport": SMALL_SCREEN}


def assert_no_horizontal_scroll(page):
    result = page.evaluate(OVERFLOW)
    assert result["overflow"] <= 0, (
        f"{page.url} déborde de {result['overflow']} px à 320 px de large ; "
        f"dépassent : {', '.join(result['culprits']) or '?'}"
    )


def test_page_reflows_at_320_px(page, site_url, site_path):
    page.goto(site_url + site_path)
    assert_no_horizontal_scroll(page)


def test_not_found_page_reflows_at_320_px(page, not_found_url):
    page.goto(not_found_url)
    assert_no_horizontal_scroll(page)


def test_search_results_reflow_at_320_px(searched_page):
    assert_no_horizontal_scroll(searched_page)
