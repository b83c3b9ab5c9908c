// 7.5, run in the page before its own scripts (an init script): every change a script makes
// to the page's text once it is loaded, and the live region (`live`: role status, alert…,
// aria-live) that holds it if any, in window.__rgaaChanges. A region created with its text
// counts as no region: a screen reader announces only changes inside a region already there.
(live) => {
  window.__rgaaChanges = [];
  const watch = () => new MutationObserver((records) => {
    for (const record of records) {
      const text = record.type === "characterData" ? record.target.data
        : [...record.addedNodes].map((node) => node.textContent).join(" ");
      if (!text.trim()) continue;
      const target = record.target.nodeType === 1 ? record.target : record.target.parentElement;
      const region = target && target.closest(live);
      const polite = region && region.getAttribute("aria-live") !== "off";
      window.__rgaaChanges.push({
        region: polite ? region.getAttribute("role") || "aria-live" : null,
        text: text.trim().slice(0, 80),
      });
    }
  }).observe(document.documentElement, { childList: true, characterData: true, subtree: true });
  // Once the page is parsed, before its scripts run: what the parser adds is no change.
  document.addEventListener("readystatechange", watch, { once: true });
}
