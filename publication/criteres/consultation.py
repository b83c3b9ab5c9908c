"""Consultation (theme 13): time limits (13.1), office documents and tagged PDF (13.3, 13.4),
moving and flashing content, including the animations of the style sheets (13.7, 13.8), and
orientation (13.9).
"""

import re

from pypdf import PdfReader

from .css import STATES, _printed, rules
from .formulaires import _posted_forms
from .liens import _features, _scripts
from .page import _body, _shown, _tag

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
    return bool(
        data
        and (
            (data[:3] == b"GIF" and data.count(b"\x21\xf9\x04") > 1)
            or (data[:8] == b"\x89PNG\r\n\x1a\n" and b"acTL" in data[:4096])
            or (data[:4] == b"RIFF" and data[8:12] == b"WEBP" and b"ANIM" in data[:4096])
        )
    )


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


TIME = re.compile(r"(?<![\w-])([\d.]+)(ms|s)\b")


ANIMATION_WORDS = re.compile(
    r"infinite|linear|ease(-in|-out|-in-out)?|step-start|step-end|normal|reverse"
    r"|alternate(-reverse)?|forwards|backwards|both|running|paused|initial|inherit|unset"
)


def _animation(declarations):
    """(name, seconds, repeats) of the animation ``declarations`` set, or None."""
    values = {p: v for p, v, _i in declarations}
    words = re.sub(r"\([^)]*\)", "", values.get("animation", "")).split()
    times = [w for w in words if TIME.fullmatch(w)]
    numbers = [w for w in words if re.fullmatch(r"[\d.]+", w)]
    names = [w for w in words if w not in times + numbers and not ANIMATION_WORDS.fullmatch(w)]
    name = values.get("animation-name") or (names[0] if names else "")
    if not name or name.strip() == "none":
        return None
    duration = TIME.fullmatch(values.get("animation-duration") or (times or ["0s"])[0])
    seconds = (
        float(duration.group(1)) / (1000 if duration.group(2) == "ms" else 1) if duration else 0
    )
    count = values.get("animation-iteration-count") or (
        "infinite" if "infinite" in words else (numbers or ["1"])[0]
    )
    repeats = float("inf") if count.strip() == "infinite" else float(count)
    return name.strip(), seconds, repeats


def animations(css, page=None):
    """The animations of ``css`` that start on their own (not on hover, focus or activation),
    for the elements of ``page`` when one is given: « name : 2 s, 3 fois », « (plus de 5 secondes) »
    when they move longer than the 5 seconds 13.8 allows without a way to stop them, « (plus de
    3 fois par seconde) » when they repeat faster than 13.7's flash threshold."""
    found = []
    candidates = (
        rules(css)
        if page is None
        else [
            m.rule
            for e in _body(page).find_all(True)
            for m in page.cascade.all_matches(e)
            if not m.state
        ]
    )
    for rule in dict.fromkeys(candidates):
        if (
            _printed(rule)
            or STATES.search(rule.selector)
            or any("keyframes" in c for c in rule.contexts)
        ):
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


def _page_animations(page):
    return animations(page.styles, page)


ORIENTATION = re.compile(r"orientation\s*:\s*(portrait|landscape)")


def orientation_hiding(css):
    """The rules of ``css`` that hide content in one orientation of the screen only (13.9:
    a person checks the content stays the same in the other)."""
    found = []
    for rule in rules(css):
        orientation = ORIENTATION.search(" ".join(rule.contexts))
        hides = any(
            (p == "display" and v.startswith("none"))
            or (p == "visibility" and v.startswith("hidden"))
            for p, v, _i in rule.declarations
        )
        if orientation and hides:
            found.append(f"« {rule.selector} » masqué en orientation {orientation.group(1)}")
    return found
