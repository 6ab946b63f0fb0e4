// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // Copy buttons: hidden in the HTML (useless without JS), shown here.
  document.querySelectorAll("button[data-copy]").forEach(function (btn) {
    if (!navigator.clipboard) return;
    btn.hidden = false;
    var label = btn.textContent;
    btn.addEventListener("click", function () {
      var src = document.getElementById(btn.getAttribute("data-copy"));
      if (!src) return;
      navigator.clipboard.writeText(src.textContent.trim()).then(function () {
        btn.textContent = btn.getAttribute("data-copied") || label;
        var status = document.getElementById(btn.getAttribute("aria-describedby") || "");
        if (status) status.textContent = btn.getAttribute("data-copied") || "";
        setTimeout(function () { btn.textContent = label; }, 2500);
      });
    });
  });

  // One submission per form: a double tap must not send a payment twice
  // (the server is idempotent too; this saves the person a confusing page).
  document.querySelectorAll("form[data-once]").forEach(function (form) {
    form.addEventListener("submit", function (ev) {
      if (form.getAttribute("data-sent")) { ev.preventDefault(); return; }
      // A form with an upload is checked here first: the page the server
      // sends back with an error cannot keep the attached file.
      if (form.enctype === "multipart/form-data" && !form.checkValidity()) {
        ev.preventDefault();
        form.reportValidity();
        return;
      }
      form.setAttribute("data-sent", "1");
      form.querySelectorAll("button[type=submit]").forEach(function (b) {
        b.setAttribute("aria-disabled", "true");
        if (!b.getAttribute("data-label")) b.setAttribute("data-label", b.textContent);
        if (b.getAttribute("data-sending")) b.textContent = b.getAttribute("data-sending");
      });
      form.setAttribute("aria-busy", "true");
    });
  });

  // Back restores a page from the back/forward cache as it was left: a
  // form marked sent would take no tap until a reload. Ready it again.
  window.addEventListener("pageshow", function (ev) {
    if (!ev.persisted) return;
    document.querySelectorAll("form[data-once]").forEach(function (form) {
      form.removeAttribute("data-sent");
      form.removeAttribute("aria-busy");
      form.querySelectorAll("button[type=submit]").forEach(function (b) {
        b.removeAttribute("aria-disabled");
        if (b.getAttribute("data-label")) b.textContent = b.getAttribute("data-label");
      });
    });
  });

  // A form shown again with its errors is the answer to a POST: Back to it
  // would ask to send the form again. Its history entry becomes the pay
  // page's own URL, so Back loads the page afresh.
  var again = document.querySelector("form[data-page-url]");
  if (again && window.history && history.replaceState) {
    history.replaceState(null, "", again.getAttribute("data-page-url"));
  }

  // App links (upi://, tez://…): where nothing opens (an in-app browser
  // drops custom schemes, or no UPI app is installed) the page is still in
  // front a moment later, so it says how to go on instead.
  document.querySelectorAll("a[data-app-link]").forEach(function (a) {
    a.addEventListener("click", function () {
      var left = false;
      var away = function () { left = true; };
      document.addEventListener("visibilitychange", away, { once: true });
      window.addEventListener("pagehide", away, { once: true });
      setTimeout(function () {
        var hint = document.getElementById("app-link-fallback");
        if (!left && document.visibilityState === "visible" && hint) hint.hidden = false;
      }, 1500);
    });
  });

  // Times are rendered in UTC on the server; show them in the person's zone.
  document.querySelectorAll("time[data-local]").forEach(function (t) {
    var d = new Date(t.getAttribute("datetime"));
    if (isNaN(d)) return;
    t.textContent = d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  });
})();

// The wallet details' validity, counted down (pay page): the time stays as
// the server wrote it, in the depositor's zone; the minutes left follow it.
(function () {
  var el = document.querySelector("[data-countdown]");
  if (!el) return;
  var end = Date.parse(el.getAttribute("data-countdown"));
  if (isNaN(end)) return;
  var nf = new Intl.NumberFormat(document.documentElement.lang || undefined, { minimumIntegerDigits: 2, useGrouping: false });
  function tick() {
    var left = Math.round((end - Date.now()) / 1000);
    if (left <= 0) {
      el.textContent = "(" + el.getAttribute("data-over") + ")";
      el.hidden = false;
      return;
    }
    var m = Math.floor(left / 60), s = left % 60;
    el.textContent = "(" + el.getAttribute("data-left").replace("%s", nf.format(m) + ":" + nf.format(s)) + ")";
    el.hidden = false;
    setTimeout(tick, 1000 - (Date.now() % 1000) + 5);
  }
  tick();
  // On a phone the form is screens below the money's details: the
  // "I have paid" link sits at the top, and once the person scrolls past
  // it, floats at the bottom until the form is in view. Its paragraph
  // keeps its place (above the screen by then), so nothing shifts and no
  // empty band shows. Without JS it stays a plain link at the top.
  (function () {
    var jump = document.querySelector("[data-jump-form]");
    var step = document.getElementById("step2");
    if (!jump || !step || !window.IntersectionObserver) return;
    jump.style.minHeight = jump.offsetHeight + "px";
    var linkInView = true, formBelow = false;
    var seen = new IntersectionObserver(function (entries) {
      entries.forEach(function (e) {
        if (e.target === jump) linkInView = e.isIntersecting;
        else formBelow = !e.isIntersecting && e.boundingClientRect.top > 0;
      });
      jump.classList.toggle("floating", !linkInView && formBelow);
    });
    seen.observe(jump);
    seen.observe(step);
  })();

  // A guide seen once is folded the next time: the person knows the steps.
  document.querySelectorAll("details[data-guide-seen]").forEach(function (d) {
    var key = "pk-guide-seen:" + d.getAttribute("data-guide-seen");
    try {
      if (localStorage.getItem(key)) d.open = false;
      localStorage.setItem(key, "1");
    } catch (e) { /* storage refused: the guide stays open */ }
  });
})();

// A form sent back with problems: the summary and the first field in error
// are brought into view together, and the field takes the focus (without
// scripts, the form's #step2 and the field's autofocus do the same).
(function () {
  var summary = document.getElementById("error-summary");
  if (!summary) return;
  var field = document.querySelector("form [aria-invalid=true]");
  (summary.closest(".step") || summary).scrollIntoView({ block: "start" }); // with the step's heading
  if (!field) return;
  field.focus({ preventScroll: true });
  var box = field.closest(".field") || field;
  if (box.getBoundingClientRect().bottom > window.innerHeight) box.scrollIntoView({ block: "end" });
})();
