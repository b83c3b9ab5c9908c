// Each time or date matching `pattern` in `selector`, in its paragraph narrowed pixel by
// pixel from its width at this viewport down to the sequence's own width: at every width, it
// must stay on one line. Returns how many were found and those split.
([selector, pattern]) => {
  const sequence = new RegExp(pattern, "gu");
  const oneLine = (range) => {
    const tops = [...range.getClientRects()].map((r) => r.top);
    return tops.every((top) => Math.abs(top - tops[0]) < 2);
  };
  const found = [];
  for (const root of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      for (const m of node.data.matchAll(sequence)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        found.push({ text: m[0], range, block: node.parentElement.closest("p, li, h1, h2, dd") });
      }
    }
  }
  const split = [];
  for (const { text, range, block } of found) {
    const saved = block.style.cssText;
    const widest = block.getBoundingClientRect().width;
    block.style.whiteSpace = "nowrap";
    const own = range.getBoundingClientRect().width;
    block.style.cssText = saved;
    for (let width = Math.floor(widest); width > own + 1; width -= 1) {
      block.style.width = `${width}px`;
      if (!oneLine(range)) {
        split.push(`« ${text} » coupé à ${width} px`);
        break;
      }
    }
    block.style.cssText = saved;
  }
  return { count: found.length, split };
}
