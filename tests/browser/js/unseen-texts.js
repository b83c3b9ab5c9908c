// 10.8: the texts a sighted visitor does not see, and why; each is numbered, and marked on
// its element (data-rgaa-texte) and on what may take it as its name (data-rgaa-nomme) so
// that the accessibility tree can be matched against them.
() => {
  const skip = "script, style, template, noscript, title, option, textarea, svg";
  const transparent = (colour) => colour === "transparent" || /, 0\)$/.test(colour);
  const unseen = (text, el) => {
    if (!el.checkVisibility({ opacityProperty: true })) return "transparent";
    if (transparent(getComputedStyle(el).color)) return "transparent";
    const range = document.createRange();
    range.selectNodeContents(text);
    const boxes = [...range.getClientRects()];
    if (!boxes.length) return "sans boîte";
    if (boxes.every((b) => b.right + scrollX <= 0 || b.bottom + scrollY <= 0)) {
      return "hors de la page";
    }
    for (let box = el; box !== document.body; box = box.parentElement) {
      const style = getComputedStyle(box);
      const size = box.getBoundingClientRect();
      const cuts = style.overflowX !== "visible" || style.clipPath !== "none"
        || (style.clip !== "auto" && style.position === "absolute");
      if (cuts && (size.width <= 1 || size.height <= 1)) return "rogné";
    }
    return null;
  };
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    const el = text.parentElement;
    if (!text.data.trim() || el.closest(skip)) continue;
    const toNobody = !el.checkVisibility({ visibilityProperty: true });
    const why = toNobody ? "caché à tous" : unseen(text, el);
    const visually = el.closest(".visuellement-cache") !== null;
    if (!why && !visually) continue;
    // A skip link is out of sight until it has the focus: then it shows.
    const focusable = el.closest("a[href], button, [tabindex]");
    let onFocus = false;
    if (why && !toNobody && focusable) {
      focusable.focus();
      onFocus = unseen(text, el) === null;
      focusable.blur();
    }
    const n = found.length;
    const mark = (node, name) => node.setAttribute(name, `${node.getAttribute(name) || ""} ${n}`);
    mark(el, "data-rgaa-texte");
    // What may take the text as its name: its ancestors, the field its label names, what
    // points at one of them with aria-labelledby.
    for (let box = el; box !== document.body; box = box.parentElement) {
      mark(box, "data-rgaa-nomme");
      if (box.control) mark(box.control, "data-rgaa-nomme");
      if (box.id) {
        document.querySelectorAll(`[aria-labelledby~="${box.id}"]`)
          .forEach((named) => mark(named, "data-rgaa-nomme"));
      }
    }
    found.push({ n, text: text.data.trim(), why, toNobody, visually, onFocus });
  }
  return found;
}
