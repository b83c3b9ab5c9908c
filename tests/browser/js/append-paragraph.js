// Add a paragraph of `text` to the main content, with the id `id`.
([id, text]) => {
  const p = document.createElement("p");
  p.id = id;
  p.textContent = text;
  document.querySelector("main").append(p);
}
