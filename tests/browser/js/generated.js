// Text the style sheets write (::before, ::after): gone without them.
() => {
  const found = [];
  for (const el of [document.body, ...document.body.querySelectorAll("*")]) {
    for (const pseudo of ["::before", "::after"]) {
      const content = getComputedStyle(el, pseudo).content;
      if (content && content !== "none" && content !== "normal" && content !== '""') {
        found.push({ content, where: el.localName + (el.className ? "." + el.className : "") });
      }
    }
  }
  return found;
}
