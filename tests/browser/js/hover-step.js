// One round trip per target: what the mouse revealed where it is, then the next target
// scrolled to the middle of the window and its middle, if the mouse can reach it there.
(next) => {
  const revealed = window.__rgaaRevealed();
  if (next === null) return { revealed, point: null };
  const el = window.__rgaaTargets[next];
  if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) {
    return { revealed, point: null };
  }
  el.scrollIntoView({ block: "center", inline: "center" });
  const box = el.getBoundingClientRect();
  const x = box.left + box.width / 2, y = box.top + box.height / 2;
  if (box.width < 1 || box.height < 1 || x < 0 || y < 0 || x > innerWidth || y > innerHeight) {
    return { revealed, point: null };
  }
  const top = document.elementFromPoint(x, y);
  const reachable = top && (el === top || el.contains(top) || top.contains(el));
  return { revealed, point: reachable ? { x, y } : null };
}
