// Site search over the Pagefind index (built after each Pelican build).
// The page works without this script: the form stays hidden and a <noscript> note points to
// the site map. Written against Pagefind's JS API rather than its default UI, whose RGAA audit
// (pagefind#727) found an unlabelled field, an empty list and silent result counts.

const form = document.querySelector("form.recherche");
const input = document.getElementById("recherche-termes");
const status = document.getElementById("recherche-statut");
const list = document.getElementById("recherche-resultats");

let pagefind = null;

async function loadIndex() {
  if (!pagefind) {
    pagefind = await import("/pagefind/pagefind.js");
    await pagefind.init();
  }
  return pagefind;
}

function plural(n, word) {
  return `${n} ${word}${n > 1 ? "s" : ""}`;
}

function renderResult(data) {
  const item = document.createElement("li");
  const title = document.createElement("h2");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  title.append(link);
  const excerpt = document.createElement("p");
  // Pagefind escapes the page text and only adds <mark> around the matched words.
  excerpt.innerHTML = data.excerpt;
  item.append(title, excerpt);
  return item;
}

async function search(terms) {
  list.replaceChildren();
  list.hidden = true;
  if (!terms) {
    status.textContent = "Saisissez un ou plusieurs mots, puis validez.";
    return;
  }
  status.textContent = "Recherche en cours…";
  try {
    const index = await loadIndex();
    const found = await index.search(terms);
    const pages = await Promise.all(found.results.slice(0, 20).map((r) => r.data()));
    pages.forEach((data) => list.append(renderResult(data)));
    list.hidden = pages.length === 0;
    if (pages.length === 0) {
      status.textContent = `Aucun résultat pour « ${terms} ». Essayez un autre mot, ou consultez le plan du site.`;
    } else if (found.results.length > pages.length) {
      status.textContent = `${plural(found.results.length, "résultat")} pour « ${terms} », les ${pages.length} plus pertinents sont affichés.`;
    } else {
      status.textContent = `${plural(found.results.length, "résultat")} pour « ${terms} ».`;
    }
  } catch (error) {
    status.textContent = "La recherche est indisponible pour le moment. Consultez le plan du site.";
    throw error;
  }
}

form.hidden = false;
form.addEventListener("submit", (event) => {
  event.preventDefault();
  const terms = input.value.trim();
  const url = new URL(window.location.href);
  url.searchParams.set("q", terms);
  window.history.replaceState(null, "", url);
  search(terms);
});

const initial = new URLSearchParams(window.location.search).get("q");
if (initial) {
  input.value = initial;
  search(initial.trim());
}
