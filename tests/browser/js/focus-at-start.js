// A keyboard visitor arriving on the page: the focus at its start, the page at its top. Two
// frames first: the browser applies an autofocus (the form's error summary) at its next
// rendering step, which would otherwise take the focus back after this.
async () => {
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  document.body.tabIndex = -1;
  document.body.focus();
  document.body.removeAttribute("tabindex");
  window.scrollTo(0, 0);
}
