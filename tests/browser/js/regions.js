// The live regions shown (a hidden one says nothing), their text, and whether the focus is
// on them; `live` is the selector of live regions.
(live) => [...document.querySelectorAll(live)].filter((el) => el.checkVisibility())
  .map((el) => {
    const focus = document.activeElement;
    const focused = focus !== document.body && (el.contains(focus) || focus.contains(el));
    return { role: el.getAttribute("role") || "aria-live", text: el.innerText.trim(), focused };
  })
