// The page without any style: style sheets, <style> elements and style attributes removed.
() => {
  document.querySelectorAll("link[rel~=stylesheet], style").forEach((el) => el.remove());
  document.querySelectorAll("[style]").forEach((el) => el.removeAttribute("style"));
  document.adoptedStyleSheets = [];
}
