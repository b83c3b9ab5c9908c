// The focused element as a visitor sees it: its words, its box against the window, whether
// an ancestor cuts it off, whether its middle is on top of every other box (RGAA 12.7).
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const box = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  let cut = style.clipPath !== "none" || (style.clip !== "auto" && style.clip !== "");
  for (let up = el.parentElement; up; up = up.parentElement) {
    const s = getComputedStyle(up);
    if (s.overflow === "visible" && s.clipPath === "none") continue;
    const around = up.getBoundingClientRect();
    cut = cut || box.left < around.left - 0.5 || box.right > around.right + 0.5
      || box.top < around.top - 0.5 || box.bottom > around.bottom + 0.5;
  }
  const middle = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  el.setAttribute("data-rgaa-evitement", "");
  return {
    tag: el.localName,
    text: el.innerText.trim(),
    href: el.getAttribute("href"),
    inside: box.left >= 0 && box.top >= 0 && box.right <= innerWidth
      && box.bottom <= innerHeight,
    big: box.width >= 16 && box.height >= 16,
    cut: cut,
    shown: el.checkVisibility({ opacityProperty: true, visibilityProperty: true }),
    onTop: middle !== null && (middle === el || el.contains(middle)),
  };
}
