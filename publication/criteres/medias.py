"""Images (theme 1), frames (theme 2), time-based and non time-based media (theme 4) and
tables (theme 5): what makes their criteria apply, and the checks of 1.1, 2.1 and 5.6.
"""

import re

from .page import _shown, _tag

IMAGES = (
    "img, svg, canvas, area, input[type=image], [role=img], object[type^=image], embed[type^=image]"
)


def _images(page):
    return [_tag(e) for e in page.soup.select(IMAGES)]


def _captioned_images(page):
    return [
        _tag(figure)
        for figure in page.soup.select("figure, [role=figure]")
        if figure.select(IMAGES) and (figure.find("figcaption") or figure.get("aria-label"))
    ]


def _described_images(page):
    return _images_with(page, "longdesc") + _images_with(page, "aria-describedby")


def _images_with(page, attribute):
    return [_tag(e) for e in page.soup.select(IMAGES) if e.get(attribute)]


def images(page):
    """1.1: every image has an alternative attribute (empty when decorative)."""
    found = [
        f"image {img.get('src', '?')} sans attribut alt"
        for img in page.find_all("img")
        if img.get("alt") is None
        and img.get("role") != "presentation"
        and img.get("aria-hidden") != "true"
    ]
    for svg in page.select("svg[role=img]"):
        if not (svg.get("aria-label") or svg.get("aria-labelledby") or svg.find("title")):
            found.append("image SVG (role=img) sans alternative")
    return found


def _frames(page):
    return [_tag(f) for f in page.soup.find_all(["iframe", "frame"])]


def _titled_frames(page):
    return [_tag(f) for f in page.soup.find_all(["iframe", "frame"]) if f.get("title")]


def frames(page):
    """2.1: every frame has a title."""
    return [
        f"cadre {f.get('src', '?')} sans titre (title)"
        for f in page.find_all(["iframe", "frame"])
        if not (f.get("title") or "").strip()
    ]


# Players of the video sites a commune embeds in a frame.
VIDEO_FRAMES = re.compile(
    r"youtube(-nocookie)?\.com|youtu\.be|dailymotion\.com|vimeo\.com|/videos/embed/", re.I
)


MEDIA_FILES = re.compile(r"\.(mp3|ogg|oga|wav|m4a|aac|flac|opus|mp4|webm|ogv|mov|m4v)$", re.I)


def _temporal_media(page):
    found = page.soup.find_all(["video", "audio", "bgsound"])
    found += [
        e
        for e in page.soup.find_all(["object", "embed"])
        if re.match(r"(audio|video)/", e.get("type") or "")
        or MEDIA_FILES.search(e.get("data") or e.get("src") or "")
    ]
    found += [f for f in page.soup.find_all("iframe") if VIDEO_FRAMES.search(f.get("src", ""))]
    return [_tag(e) for e in found]


def _non_temporal_media(page):
    return [
        _tag(e)
        for e in page.soup.find_all(["object", "embed", "applet"])
        if not re.match(r"(audio|video|image)/", e.get("type") or "")
        and not MEDIA_FILES.search(e.get("data") or e.get("src") or "")
    ]


def _possible_non_temporal_media(page):
    # The glossary counts an interactive <svg> or <canvas> as media: a person tells an icon
    # from a map.
    return _non_temporal_media(page) + [_tag(e) for e in page.soup.find_all(["svg", "canvas"])]


def _sounding_autoplay(page):
    return [
        _tag(e)
        for e in page.soup.find_all(["video", "audio"])
        if e.has_attr("autoplay") and not e.has_attr("muted")
    ]


def _tables(page):
    return [_tag(t) for t in page.soup.select("table, [role=table], [role=grid]")]


def _titled_tables(page):
    return [
        _tag(t)
        for t in page.soup.select("table, [role=table]")
        if t.find("caption") or t.get("title") or t.get("aria-label") or t.get("aria-labelledby")
    ]


def _tables_with_headers(page):
    return [_tag(t) for t in page.soup.select("table, [role=table]") if t.find("th")]


def table_headers(page):
    """5.6: a data table declares its headers (a layout table says role=presentation)."""
    return [
        f"tableau sans en-tête (th) : « {_shown(t)} »"
        for t in page.find_all("table")
        if t.get("role") not in ("presentation", "none") and not t.find("th")
    ]
