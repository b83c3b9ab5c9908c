// Boxes fixed on screen that take half the window or more: at 256 px high, they leave no
// room to read the page beneath.
() => [...document.querySelectorAll("body *")].filter((el) => {
  const position = getComputedStyle(el).position;
  return (position === "fixed" || position === "sticky")
    && el.getBoundingClientRect().height >= window.innerHeight / 2;
}).map((el) => el.localName + (el.className ? "." + el.className : ""))
