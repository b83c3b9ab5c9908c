// Elements whose own box cuts off their text (overflow hidden or clip, content larger):
// at most 5, named by tag and class.
() => [...document.querySelectorAll("body *")].filter((el) => {
  const style = getComputedStyle(el);
  const cuts = (v) => v === "hidden" || v === "clip";
  if (!el.innerText || !el.innerText.trim() || el.closest("[hidden], .visuellement-cache")) {
    return false;
  }
  return (cuts(style.overflowX) && el.scrollWidth > el.clientWidth + 1)
    || (cuts(style.overflowY) && el.scrollHeight > el.clientHeight + 1);
}).map((el) => el.localName + (el.className ? "." + el.className : "")).slice(0, 5)
