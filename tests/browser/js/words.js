// The words a visitor reads, in order.
() => document.body.innerText.split(/\s+/).filter(Boolean)
