// A keyboard visitor arriving on the page: the focus at its start, the page at its top.
() => {
  document.body.tabIndex = -1;
  document.body.focus();
  document.body.removeAttribute("tabindex");
  window.scrollTo(0, 0);
}
