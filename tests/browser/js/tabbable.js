// Number the elements a Tab can reach, in document order, as a browser would reach them
// (data-rgaa-ordre); count them, and those with a positive tabindex.
() => {
  const selector = "a[href], button, input:not([type=hidden]), select, textarea, [tabindex]";
  // A group of radio buttons is one stop: its checked button, else its first.
  const radioStop = (el) => {
    const group = [...document.querySelectorAll(`input[type=radio][name="${el.name}"]`)];
    const checked = group.find((r) => r.checked);
    return el === (checked || group[0]);
  };
  const reachable = [...document.querySelectorAll(selector)].filter((el) =>
    !el.disabled && el.tabIndex >= 0 && el.getClientRects().length > 0
    && getComputedStyle(el).visibility !== "hidden"
    && (el.type !== "radio" || radioStop(el)));
  reachable.forEach((el, n) => el.setAttribute("data-rgaa-ordre", String(n)));
  return {
    count: reachable.length,
    positive: [...document.querySelectorAll("[tabindex]")].filter((el) => el.tabIndex > 0).length,
  };
}
