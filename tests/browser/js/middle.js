// The middle of the element shown-now.js numbered `n`, in the window.
(n) => {
  const box = window.__rgaaElement(n).getBoundingClientRect();
  return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
}
