// Reads the payment's screenshot as soon as it is chosen and fills in the
// transaction ID and amount; the person checks them and presses Confirm.
// Without this file the form's "Read" button does the same in a page load.
(function () {
  "use strict";

  // shrinkImage is shrink.js's, loaded after this file with every form
  // that reads (views.PaymentForm): the picture goes up as the server reads
  // it, 1280 px on its long side; the file as it is where shrink.js is not.
  function shrinkImage(file) {
    return window.checkoutShrinkImage ? window.checkoutShrinkImage(file) : Promise.resolve(file);
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
      shrinkImage(file).then(function (blob) {
        var body = new FormData();
        ["st", "csrf", "nonce"].forEach(function (n) {
          var el = form.querySelector("input[type=hidden][name=" + n + "]");
          if (el) body.append(n, el.value);
        });
        // The amount as it stands: a reading that differs is pointed out,
        // not put over what the person gave (read.go, readReceipt).
        if (field("amount")) body.append("amount", field("amount").value);
        body.append("screenshot", blob, blob.name || "screenshot.jpg");
        return fetch(input.getAttribute("data-read-url"), { method: "POST", body: body, credentials: "same-origin" });
      }).then(function (res) {
        return res.json();
      }).then(function (r) {
        // The picture's fingerprint goes with Confirm and stays with the
        // attempt: the same screenshot sent again later is pointed out.
        if (r.shot) {
          var shot = form.querySelector("input[type=hidden][name=shot]");
          if (!shot) {
            shot = document.createElement("input");
            shot.type = "hidden";
            shot.name = "shot";
            form.appendChild(shot);
          }
          shot.value = r.shot;
        }
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
