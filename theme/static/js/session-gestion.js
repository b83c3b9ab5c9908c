// Back-office only: warn the agent before the idle timeout signs them out, and let them stay
// signed in (RGAA 13.1, WCAG 2.2.1). The page holds the seconds its session has left as the
// server counts them (data-restant) and the dialogs to show (formsvc/gestion/inactivite.py,
// gestion/layout.html). Before warning, the script asks the server again: the agent may have
// worked in another tab, and a timer in a hidden tab or a sleeping laptop runs late. Without
// this script nothing is shown and the pages work as before.
(() => {
  const root = document.querySelector("[data-session]");
  if (!root || typeof HTMLDialogElement !== "function") {
    return;
  }
  const warning = document.getElementById("session-avertissement");
  const ended = document.getElementById("session-terminee");
  const form = warning.querySelector("form[data-prolonger]");
  const stay = form.querySelector("button");
  const failure = warning.querySelector("[data-erreur]");
  const lead = Number(root.dataset.avance) * 1000;
  const RETRY = 15000; // after a network failure, ask again this much later
  let deadline = Date.now() + Number(root.dataset.restant) * 1000;
  let timer = null;
  let over = false;
  let busy = false;

  const later = (action, delay) => {
    clearTimeout(timer);
    // Never less than a second: a server saying « 0 s left » must not make a busy loop.
    timer = setTimeout(action, Math.max(delay, 1000));
  };

  // Seconds left according to the server; ENDED once the session has ended (a 401: at 0 s
  // left it is still open, for a moment); null if unknown.
  const ENDED = -1;
  const ask = async (url, options = {}) => {
    try {
      const answer = await fetch(url, {
        credentials: "same-origin",
        cache: "no-store",
        headers: { Accept: "application/json" },
        ...options,
      });
      if (answer.status === 401) {
        return ENDED;
      }
      return answer.ok ? (await answer.json()).restant : null;
    } catch {
      return null;
    }
  };

  const clock = (moment) =>
    `${moment.getHours()}\u00a0h\u00a0${String(moment.getMinutes()).padStart(2, "0")}`;

  const delay = (left) => {
    const minutes = Math.round(left / 60000);
    if (minutes < 1) {
      return "moins d’une minute";
    }
    return `${minutes}\u00a0minute${minutes > 1 ? "s" : ""}`;
  };

  // Modal: the page behind cannot be reached, by keyboard or pointer, until the agent has
  // answered. When it closes, the browser puts focus back where it was before it opened.
  const open = (dialog, focus) => {
    dialog.showModal();
    focus.focus();
  };
  const shut = (dialog) => {
    if (dialog.open) {
      dialog.close();
    }
  };

  const warn = (left) => {
    if (warning.open) {
      return;
    }
    warning.querySelector("[data-heure]").textContent = clock(new Date(Date.now() + left));
    warning.querySelector("[data-delai]").textContent = delay(left);
    failure.hidden = true;
    open(warning, stay);
  };

  const end = () => {
    over = true;
    clearTimeout(timer);
    shut(warning);
    open(ended, ended.querySelector("[data-fermer]"));
  };

  const schedule = () => {
    const left = deadline - Date.now();
    if (left > lead) {
      later(check, left - lead);
    } else {
      warn(left);
      later(check, left);
    }
  };

  const check = async () => {
    const left = await ask(root.dataset.etat);
    if (over) {
      return;
    }
    if (left === null) {
      later(check, RETRY);
    } else if (left === ENDED) {
      end();
    } else {
      deadline = Date.now() + left * 1000;
      if (left * 1000 > lead) {
        shut(warning); // extended meanwhile, in another tab
      }
      schedule();
    }
  };

  const extend = async () => {
    if (busy || over) {
      return;
    }
    busy = true;
    const left = await ask(form.action, { method: "POST", body: new FormData(form) });
    busy = false;
    if (over) {
      return;
    }
    if (left === null) {
      failure.hidden = false;
    } else if (left === ENDED) {
      end();
    } else {
      deadline = Date.now() + left * 1000;
      shut(warning);
      schedule();
    }
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    extend();
  });
  // Escape answers the warning too: the agent is there, so they stay signed in.
  warning.addEventListener("cancel", (event) => {
    event.preventDefault();
    extend();
  });
  ended.querySelector("[data-fermer]").addEventListener("click", () => shut(ended));
  // Back to a tab left in the background, or out of sleep: its timers may have run late.
  document.addEventListener("visibilitychange", () => {
    if (!document.hidden && !over && Date.now() >= deadline - lead) {
      check();
    }
  });
  schedule();
})();
