// The focused element: is its focus drawn, and is its middle really on top (not under a
// sticky header or any other box)? null when nothing has the focus.
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow && style.boxShadow !== "none";
  el.scrollIntoView({ block: "center" });
  const box = el.getBoundingClientRect();
  const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return {
    name: el.localName + (el.id ? "#" + el.id : "")
      + " « " + (el.innerText || el.name || "").trim().slice(0, 30) + " »",
    drawn: outline || shadow,
    visible: top !== null && (el === top || el.contains(top) || top.contains(el)),
    key: el.getAttribute("data-rgaa-ordre"),
  };
}
