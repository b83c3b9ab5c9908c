// "Imprimer cette page" on the confirmation page: shown only when scripts run, since without
// them the browser's own print command is the way (the page says so).
for (const button of document.querySelectorAll("[data-imprimer]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
