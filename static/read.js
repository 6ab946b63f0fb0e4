// Reads the payment's screenshot as soon as it is chosen and fills in the
// transaction ID and amount; the person checks them and presses Confirm.
// Without this file the form's "Read" button does the same in a page load.
(function () {
  "use strict";

  var LONG_SIDE = 1280; // as ocr.LongSide: what the server reads at

  // shrink draws the picture at most LONG_SIDE on its long side and gives
  // it back as a JPEG, so a phone's 2 MB screenshot goes up as ~150 KB.
  // shrink.js's checkoutShrinkImage does the same where the page has it
  // (keeping a file that is small already) and is preferred.
  function shrink(file) {
    return new Promise(function (resolve) {
      if (!window.createImageBitmap || !document.createElement("canvas").toBlob) { resolve(file); return; }
      createImageBitmap(file).then(function (bmp) {
        var scale = Math.min(1, LONG_SIDE / Math.max(bmp.width, bmp.height));
        var c = document.createElement("canvas");
        c.width = Math.round(bmp.width * scale);
        c.height = Math.round(bmp.height * scale);
        c.getContext("2d").drawImage(bmp, 0, 0, c.width, c.height);
        c.toBlob(function (b) { resolve(b || file); }, "image/jpeg", 0.85);
      }, function () { resolve(file); });
    });
  }

  document.querySelectorAll("input[type=file][data-read-url]").forEach(function (input) {
    var form = input.form;
    var box = input.closest(".field");
    var status = box.querySelector("[data-testid=read-status]");
    var warning = box.querySelector("[data-testid=read-warning]");
    var button = box.querySelector("[data-read-button]");
    if (!form || !window.fetch || !window.FormData || !window.Promise) return;
    if (button) button.remove(); // reading starts on choosing

    function field(name) { return form.querySelector("input[type=text][name=" + name + "]"); }

    // fill puts what was read in a field, unless the person typed there
    // while the picture was being read: what they type wins.
    function fill(name, value, was) {
      var el = field(name);
      if (el && value && el.value === was) {
        el.value = value;
        el.removeAttribute("aria-invalid");
      }
    }

    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      if (!file) return;
      status.textContent = input.getAttribute("data-reading") || "";
      warning.hidden = true;
      var was = {};
      ["key1", "amount"].forEach(function (n) { var el = field(n); was[n] = el ? el.value : ""; });
      // Only the screenshot's field is busy: the form stays usable.
      box.setAttribute("aria-busy", "true");
      (window.checkoutShrinkImage || shrink)(file).then(function (blob) {
        var body = new FormData();
        ["st", "csrf", "nonce"].forEach(function (n) {
          var el = form.querySelector("input[type=hidden][name=" + n + "]");
          if (el) body.append(n, el.value);
        });
        body.append("screenshot", blob, blob.name || "screenshot.jpg");
        return fetch(input.getAttribute("data-read-url"), { method: "POST", body: body, credentials: "same-origin" });
      }).then(function (res) {
        return res.json();
      }).then(function (r) {
        fill("key1", r.key1, was.key1);
        fill("amount", r.amount, was.amount);
        status.textContent = r.message || "";
        if (r.warning) { warning.textContent = r.warning; warning.hidden = false; }
      }).catch(function () {
        status.textContent = "";
      }).then(function () {
        box.removeAttribute("aria-busy");
      });
    });

    // A P2P form's screenshot was only for reading: not sent again with
    // the transaction ID (a manual PS's is the payment's bill and is).
    if (!input.required) {
      form.addEventListener("submit", function (ev) {
        if (ev.submitter && ev.submitter.name === "read") return;
        input.disabled = true;
      });
      window.addEventListener("pageshow", function () { input.disabled = false; });
    }
  });
})();
