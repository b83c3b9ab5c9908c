// Where the keyboard is once the skip link is followed: the main content, in the window.
() => {
  const main = document.querySelector("main");
  const el = document.activeElement;
  return {
    inMain: main !== null && (el === main || main.contains(el)),
    top: main ? main.getBoundingClientRect().top : null,
  };
}
