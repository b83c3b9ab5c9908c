// Style rules that apply in one orientation only and hide what they select.
() => {
  const found = [];
  const hides = (style) => style.display === "none" || style.visibility === "hidden"
    || style.contentVisibility === "hidden" || style.opacity === "0";
  const walk = (rules, media) => {
    for (const rule of rules) {
      if (rule instanceof CSSMediaRule) {
        walk(rule.cssRules, [...media, rule.media.mediaText]);
      } else if (rule instanceof CSSStyleRule) {
        if (media.some((m) => m.includes("orientation")) && hides(rule.style)) {
          found.push(`@media ${media.join(" and ")} { ${rule.selectorText} }`);
        }
      } else if (rule.cssRules) {
        walk(rule.cssRules, media);
      }
    }
  };
  for (const sheet of document.styleSheets) {
    walk(sheet.cssRules, sheet.media.mediaText ? [sheet.media.mediaText] : []);
  }
  return found;
}
