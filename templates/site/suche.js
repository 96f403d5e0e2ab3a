/* Suche der Website von luedialog: liest den fertigen Index (suche.json, unter file:// dieselben Daten
   aus suche-index.js) und zeigt die Treffer als Liste. Kein Framework, keine externe Anfrage. */
(function () {
  "use strict";
  var form = document.getElementById("suche");
  var input = document.getElementById("suchbegriff");
  var status = document.getElementById("suchstatus");
  var list = document.getElementById("treffer");
  var index = null;

  function normal(text) {
    return text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  }

  function show() {
    var words = normal(input.value).split(/\s+/).filter(function (w) { return w; });
    while (list.firstChild) { list.removeChild(list.firstChild); }
    if (!words.length) { status.textContent = "Bitte einen Suchbegriff eingeben."; return; }
    var found = index.filter(function (e) {
      var text = normal(e.titel + " " + e.text + " " + e.art);
      return words.every(function (w) { return text.indexOf(w) >= 0; });
    });
    found.slice(0, 100).forEach(function (e) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = e.url;
      link.textContent = e.titel;
      item.appendChild(link);
      item.appendChild(document.createTextNode(" (" + e.art + ")"));
      list.appendChild(item);
    });
    status.textContent = found.length === 1 ? "1 Treffer." : found.length + " Treffer.";
  }

  function ready(data) {
    index = data;
    status.textContent = "Suchbegriff eingeben und „Suchen“ wählen.";
    var q = new URLSearchParams(window.location.search).get("q");
    if (q) { input.value = q; show(); }
    form.addEventListener("submit", function (event) { event.preventDefault(); show(); });
  }

  if (window.location.protocol === "file:") {
    var script = document.createElement("script");
    script.src = "suche-index.js";
    script.onload = function () { ready(window.luedialogSuche); };
    document.body.appendChild(script);
  } else {
    fetch("suche.json").then(function (r) { return r.json(); }).then(ready);
  }
})();
