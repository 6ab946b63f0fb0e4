// The sandbox's demo shop: logs the events embed.js turns the checkout's
// messages into.
(function () {
  "use strict";
  var box = document.getElementById("checkout");
  var log = document.getElementById("events");
  if (!box || !log) return;
  ["checkout:resize", "checkout:done", "checkout:cancel"].forEach(function (type) {
    box.addEventListener(type, function (ev) {
      var li = document.createElement("li");
      li.setAttribute("data-event", type);
      li.textContent = type + " " + JSON.stringify(ev.detail);
      log.appendChild(li);
    });
  });
})();
