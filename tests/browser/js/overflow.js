// The overflow in CSS px, and the outermost elements that stick out on the right (at most 5).
() => {
  const width = window.innerWidth;
  const sticksOut = (el) => el.getBoundingClientRect().right > width + 0.5;
  const culprits = [...document.querySelectorAll("body, body *")]
    .filter((el) => sticksOut(el) && !sticksOut(el.parentElement))
    .slice(0, 5)
    .map((el) => {
      const name = el.localName + (el.id ? "#" + el.id : "")
        + [...el.classList].map((c) => "." + c).join("");
      return `${name} (+${Math.round(el.getBoundingClientRect().right - width)} px)`;
    });
  return { overflow: document.documentElement.scrollWidth - width, culprits };
}
