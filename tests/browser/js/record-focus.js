// Where each Tab takes the keyboard, recorded by the page itself (a round trip per key
// would double the time): the number tabbable.js gave the element that gets the focus, -1
// for one it did not number, null when the focus leaves the page for the browser's own
// controls. With `reveals`, also what the focus shows that was hidden (see shown-now.js).
(reveals) => {
  window.__rgaaFocus = [];
  document.addEventListener("focusin", (event) => {
    const key = event.target.getAttribute("data-rgaa-ordre");
    const entry = key === null ? -1 : Number(key);
    window.__rgaaFocus.push(reveals ? [entry, window.__rgaaRevealed()] : entry);
  });
  document.addEventListener("focusout", (event) => {
    if (!event.relatedTarget) window.__rgaaFocus.push(reveals ? [null, []] : null);
  });
}
