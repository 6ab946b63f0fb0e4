// Live status on an outcome page: poll the deposit's JSON status, backing
// off (5, 10, 20, 30 s…), and show "credited" as soon as it is. Without
// this script a <noscript> meta refresh reloads the page instead.
(function () {
  "use strict";
  var el = document.querySelector("[data-poll]");
  if (!el || !window.fetch) return;
  var url = el.getAttribute("data-poll");
  var delays = (el.getAttribute("data-delays") || "5,10,20,30").split(",").map(Number);
  var tries = 0, maxTries = 60;

  function next() {
    if (tries >= maxTries) return;
    var wait = delays[Math.min(tries, delays.length - 1)] * 1000;
    tries++;
    setTimeout(check, wait);
  }

  function check() {
    if (document.hidden) { next(); return; } // no polling from a background tab
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (s) {
        if (!s || !s.credited) { next(); return; }
        var section = document.querySelector("[data-testid=outcome]");
        var title = document.getElementById("outcome-title");
        if (title && s.heading) title.textContent = s.heading;
        if (section) {
          section.setAttribute("data-kind", "credited");
          section.className = section.className.replace(/\bkind-\S+/, "kind-credited");
          var lines = section.querySelectorAll(":scope > p:not(.small):not(.reference)");
          if (lines.length && s.body) {
            lines[0].textContent = s.body;
            for (var i = 1; i < lines.length; i++) lines[i].hidden = true;
          }
        }
        el.hidden = true;
        if (s.heading) document.title = s.heading + document.title.slice(document.title.indexOf(" · "));
      })
      .catch(next);
  }

  next();
})();
