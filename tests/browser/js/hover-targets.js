// Every element the mouse can point at to some effect: what the keyboard reaches, and what
// a :hover rule of the style sheets selects; for each, the tabbable elements it is in or
// holds (hovering them is hovering it).
() => {
  const selectors = new Set(["[data-rgaa-ordre]"]);
  const walk = (rules) => {
    for (const rule of rules) {
      if (rule instanceof CSSStyleRule) {
        for (const one of rule.selectorText.split(",")) {
          if (one.includes(":hover")) selectors.add(one.split(":hover")[0].trim() || "*");
        }
      } else if (rule.cssRules) {
        walk(rule.cssRules);
      }
    }
  };
  for (const sheet of document.styleSheets) walk(sheet.cssRules);
  const targets = new Set();
  for (const selector of selectors) {
    try {
      document.querySelectorAll(selector).forEach((el) => targets.add(el));
    } catch (error) {
      // A selector ending in a combinator once :hover is cut off: nothing to point at.
    }
  }
  const keyed = [...document.querySelectorAll("[data-rgaa-ordre]")];
  window.__rgaaTargets = [...targets].filter((el) => document.body.contains(el));
  return window.__rgaaTargets.map((el) => keyed.filter((k) => k.contains(el) || el.contains(k))
    .map((k) => Number(k.getAttribute("data-rgaa-ordre"))));
}
