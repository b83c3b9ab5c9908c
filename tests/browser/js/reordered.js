// Elements whose style shows boxes in another order than the page's (order, reversed flex,
// dense or placed grid items): without the style, the order changes.
() => [...document.querySelectorAll("body *")].filter((el) => {
  const style = getComputedStyle(el);
  return style.order !== "0" || style.flexDirection.endsWith("reverse")
    || style.flexWrap === "wrap-reverse" || style.gridAutoFlow.includes("dense")
    || /^-?[0-9]/.test(style.gridRowStart) || /^-?[0-9]/.test(style.gridColumnStart);
}).map((el) => el.localName + (el.className ? "." + el.className : "")).slice(0, 5)
