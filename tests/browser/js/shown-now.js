// 10.13 and 10.14: what is shown on screen, compared with what was before: each element
// gets a number once; window.__rgaaRevealed() gives those shown now and not at the start.
() => {
  const all = [...document.body.querySelectorAll("*")];
  const shown = (el) => {
    if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
    const box = el.getBoundingClientRect();
    return box.width > 1 && box.height > 1 && box.right + scrollX > 0 && box.bottom + scrollY > 0;
  };
  // Only what was not shown at the start can be revealed: the rest is not measured again.
  const hidden = all.map((el, n) => n).filter((n) => !shown(all[n]));
  const known = new Set(all);
  window.__rgaaRevealed = () => {
    // An element a script added since is numbered too, as hidden at the start.
    if (document.body.getElementsByTagName("*").length !== known.size) {
      for (const el of document.body.querySelectorAll("*")) {
        if (!known.has(el)) {
          known.add(el);
          hidden.push(all.push(el) - 1);
        }
      }
    }
    return hidden.filter((n) => shown(all[n]));
  };
  window.__rgaaElement = (n) => all[n];
  window.__rgaaDescribe = (numbers) => numbers.map((n) => {
    const el = all[n];
    return el.localName + (el.className ? "." + el.className : "")
      + " « " + (el.innerText || el.textContent).trim().replace(/\s+/g, " ").slice(0, 40) + " »";
  });
}
