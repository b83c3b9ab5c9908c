// Put the keyboard back at the top of the page, as on arriving: a state may have moved the
// focus (the error summary takes it), and a Tab goes on from where the focus was.
() => {
  const body = document.body;
  body.tabIndex = -1;
  body.focus();
  body.removeAttribute("tabindex");
  window.scrollTo(0, 0);
}
