// Count the times the page gets ready to print (window.__rgaaPrints).
() => {
  window.__rgaaPrints = 0;
  addEventListener("beforeprint", () => {
    window.__rgaaPrints += 1;
  });
}
