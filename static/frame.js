// Inside a merchant's frame: tells the merchant's page what happens here.
// Messages go to the one origin the merchant's signed link named (never
// "*"), so nothing about a payment reaches any other page.
(function () {
  "use strict";
  var me = document.currentScript;
  var origin = me && me.getAttribute("data-parent-origin");
  if (!origin || window.parent === window) return;

  function post(type, detail) {
    window.parent.postMessage({ type: type, detail: detail }, origin);
  }

  // checkout:resize: the content's height, so the frame needs no scrollbar.
  // <html> is as tall as its content, whatever the frame's height.
  var last = 0;
  function size() {
    var h = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (h !== last) { last = h; post("checkout:resize", { height: h }); }
  }
  if (window.ResizeObserver) new ResizeObserver(size).observe(document.documentElement);
  window.addEventListener("load", size);
  size();

  // checkout:navigate: a new page in the frame (a link followed, a form
  // sent). The outcome page follows a deposit by polling, not reloading,
  // so this is always the person's own step: the parent brings the
  // frame's top back into view if it was scrolled past.
  post("checkout:navigate", {});

  // Links to the merchant's own site leave the frame.
  document.querySelectorAll("a[data-testid=action-return]").forEach(function (a) { a.target = "_top"; });

  // checkout:done / checkout:cancel, once an outcome is known, with the
  // signed return (status, reference, exp, sig) for the merchant's server
  // to verify: a page cannot hold the key, and anyone can post a message.
  var out = document.querySelector("[data-testid=outcome]");
  if (out) {
    var kind = out.getAttribute("data-kind") || "";
    var ref = document.getElementById("reference");
    var detail = { outcome: kind, custom_transaction_id: ref ? ref.textContent.trim() : "" };
    new URLSearchParams(me.getAttribute("data-return") || "").forEach(function (v, k) { detail[k] = v; });
    post(kind === "cancel" ? "checkout:cancel" : "checkout:done", detail);
  }
})();
