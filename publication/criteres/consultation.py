"""Consultation (theme 13): time limits (13.1), office documents and tagged PDF (13.3, 13.4),
moving and flashing content, including the animations of the style sheets (13.7, 13.8), and
orientation (13.9).
"""

import io
import re

import tinycss2
from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader

from .css import media_feature, printed, rules
from .formulaires import _posted_forms
from .liens import _features, _scripts
from .page import _body, _shown, _tag
from .shorthands import longhand

# Downloadable office documents (RGAA glossary « version accessible »): PDF, ODF, Microsoft
# Office, RTF, EPUB.
OFFICE = re.compile(r"\.(pdf|odt|ods|odp|odg|docx?|xlsx?|pptx?|rtf|epub)$", re.I)


def linked_pdfs(page):
    """The addresses of the PDF files a page offers to download."""
    return [a["href"] for a in page.find_all("a", href=True) if a["href"].lower().endswith(".pdf")]


def _office_documents(page):
    return [
        a["href"]
        for a in page.soup.find_all("a", href=True)
        if OFFICE.search(a["href"].split("?")[0])
    ]


def tagged_pdf(path):
    """13.3: a PDF a screen reader can follow is tagged (a structure tree, marked content)."""
    root = PdfReader(path).trailer["/Root"]
    marked = root.get("/MarkInfo")
    return "/StructTreeRoot" in root and bool(marked and marked.get_object().get("/Marked"))


def _refresh(page):
    return [
        _tag(m)
        for m in page.soup.find_all("meta", attrs={"http-equiv": re.compile("^refresh$", re.I)})
    ]


def _time_limits(page):
    # A session or a signed form (formsvc's tokens expire) limits time; so may a script.
    return _refresh(page) + _scripts(page) + _posted_forms(page)


def _animated_image(data):
    """True for an image of several frames (GIF, APNG, WebP), as Pillow reads it."""
    if not data:
        return False
    try:
        with Image.open(io.BytesIO(data)) as image:
            return bool(getattr(image, "is_animated", False))
    except (UnidentifiedImageError, OSError, ValueError):
        return False  # not an image Pillow reads (an SVG): nothing said


def _animated_images(page):
    return [
        _tag(img)
        for img in page.soup.find_all("img", src=True)
        if _animated_image(page.file_bytes(img["src"]))
    ]


def _moving(page):
    found = [_tag(e) for e in page.soup.find_all(["marquee", "blink"])]
    found += _animated_images(page)
    found += [_tag(e) for e in page.soup.find_all(["animate", "animatetransform", "animatemotion"])]
    found += [_tag(v) for v in page.soup.find_all("video") if v.has_attr("autoplay")]
    found += [a for a in _page_animations(page) if a.endswith("(plus de 5 secondes)")]
    return found


def _possibly_moving(page):
    unread = [
        _tag(img)
        for img in page.soup.find_all("img", src=True)
        if re.search(r"\.(gif|png|apng|webp)$", img["src"], re.I)
        and page.file_bytes(img["src"]) is None
    ]
    return _moving(page) + unread + _page_animations(page) + _scripts(page)


def _possibly_flashing(page):
    return _possibly_moving(page) + [
        _tag(e) for e in page.soup.find_all(["video", "canvas", "object", "embed"])
    ]


def moving_content(page):
    """13.8 (in part): no scrolling text (<marquee>): the visitor could not stop it."""
    return [
        f"texte défilant qu'on ne peut ni arrêter ni masquer : <marquee> « {_shown(m)} »"
        for m in page.find_all("marquee")
    ]


def orientation_lock(page):
    """13.9 (in part): no script locks the screen's orientation."""
    return [
        f"le script verrouille l'orientation de l'écran ({shown})"
        for shown in _features(page).get("verrouillage de l'orientation", [])
    ]


ANIMATION = ("animation-name", "animation-duration", "animation-iteration-count")


def _animation(declarations):
    """(name, seconds, repeats) of the animation ``declarations`` set, or None."""
    values = {d.name: longhand(d, d.value) for d in declarations if d.name in ANIMATION}
    name = values.get("animation-name", "none").strip()
    if name.lower() in ("none", ""):
        return None
    duration = tinycss2.parse_one_component_value(values.get("animation-duration", "0s"))
    seconds = 0.0
    if duration.type == "dimension" and duration.lower_unit in ("s", "ms"):
        seconds = duration.value / (1000 if duration.lower_unit == "ms" else 1)
    count = values.get("animation-iteration-count", "1").strip().lower()
    try:
        repeats = float("inf") if count == "infinite" else float(count)
    except ValueError:
        repeats = 1.0
    return name, seconds, repeats


def animations(css):
    """The animations of ``css`` that start on their own (not on hover, focus or activation):
    « name : 2 s, 3 fois », « (plus de 5 secondes) » when they move longer than the 5 seconds
    13.8 allows without a way to stop them, « (plus de 3 fois par seconde) » when they repeat
    faster than 13.7's flash threshold."""
    return _animations(rules(css))


def _page_animations(page):
    """The animations of the page's style sheets that reach its elements."""
    cascade = page.cascade
    reaching = (m.rule for e in _body(page).find_all(True) for m in cascade.all_matches(e))
    return _animations(dict.fromkeys(reaching))


def _animations(candidates):
    found = []
    for rule in candidates:
        if printed(rule) or rule.state:
            continue
        animation = _animation(rule.declarations)
        if animation is None:
            continue
        name, seconds, repeats = animation
        times = "sans fin" if repeats == float("inf") else f"{repeats:g} fois"
        shown = f"animation « {name} » de « {rule.selector} » : {seconds:g} s, {times}"
        if seconds * repeats > 5:
            shown += " (plus de 5 secondes)"
        if repeats >= 3 and 0 < seconds < 1 / 3:
            shown += " (plus de 3 fois par seconde)"
        found.append(shown)
    return list(dict.fromkeys(found))


def orientation_hiding(css):
    """The rules of ``css`` that hide content in one orientation of the screen only (13.9:
    a person checks the content stays the same in the other)."""
    found = []
    for rule in rules(css):
        orientation = media_feature(rule, "orientation")
        hides = any(
            (d.name == "display" and d.value.lower().startswith("none"))
            or (d.name == "visibility" and d.value.lower().startswith("hidden"))
            for d in rule.declarations
        )
        if orientation in ("portrait", "landscape") and hides:
            found.append(f"« {rule.selector} » masqué en orientation {orientation}")
    return found
