// Loaded after textual.js: the terminal starts once its font is ready (xterm measures
// the cells when it opens), and the page's buttons reload it as textual-serve's do.
(function () {
  "use strict";
  const startTerminal = window.onload;

  function reload() {
    const url = new URL(window.location.href);
    url.searchParams.delete("delay");
    window.location.href = url.pathname + url.search;
  }

  async function loadFont() {
    const fonts = document.body.dataset.fonts;
    if (!fonts || !window.FontFace) {
      return;
    }
    try {
      const face = new FontFace(
        "Roboto Mono",
        "url(" + fonts + "RobotoMono-VariableFont_wght.ttf)",
        { weight: "100 700" },
      );
      document.fonts.add(await face.load());
    } catch (error) {
      // The browser's own monospace font will do.
    }
  }

  window.onload = async (event) => {
    for (const id of ["start", "restart"]) {
      const button = document.getElementById(id);
      if (button) {
        button.addEventListener("click", reload);
      }
    }
    await loadFont();
    if (typeof startTerminal === "function") {
      startTerminal(event);
    }
  };
})();
