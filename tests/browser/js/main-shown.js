// The main content: shown whole in this window, its text, and the orientation matched.
() => {
  const main = document.querySelector("main");
  const box = main.getBoundingClientRect();
  return {
    portrait: matchMedia("(orientation: portrait)").matches,
    shown: main.checkVisibility({ opacityProperty: true, visibilityProperty: true })
      && box.width > 0 && box.height > 0 && box.left >= -0.5
      && box.right <= window.innerWidth + 0.5,
    text: main.innerText,
  };
}
