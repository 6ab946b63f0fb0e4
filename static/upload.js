// A form with an upload (form[data-upload]), improved: the images are made
// smaller first (shrink.js), and the form goes by XMLHttpRequest so a
// progress bar can follow the bytes. What the server answers is shown as
// if the browser had posted the form itself: a redirect (the outcome page)
// is followed, a page (the form again with its errors) replaces this one.
// Without this script the form posts as it always did.
(function () {
  "use strict";
  if (!window.FormData || !window.XMLHttpRequest || !window.DOMParser || !window.checkoutShrinkImage) return;

  document.querySelectorAll("form[data-upload]").forEach(function (form) {
    form.addEventListener("submit", function (ev) {
      if (ev.defaultPrevented) return; // app.js stopped it: a field to fill in, or sent already
      var inputs = Array.prototype.slice.call(form.querySelectorAll("input[type=file][data-shrink]")).filter(function (input) {
        return !input.disabled && input.files && input.files.length > 0;
      });
      if (!inputs.length) return; // no file goes (a P2P form's screenshot was only to read): the plain post
      ev.preventDefault();
      var data = new FormData(form);
      progress(form, null);
      Promise.all(inputs.map(function (input) {
        var file = input.files && input.files[0];
        if (!file) return null;
        return window.checkoutShrinkImage(file).then(function (small) {
          if (small !== file) data.set(input.name, small, small.name);
        });
      })).then(function () { send(form, data); });
    });
  });

  // Back to this page from the outcome (the back/forward cache): the bar
  // of the upload that led there is gone; app.js readies the form.
  window.addEventListener("pageshow", function (ev) {
    if (!ev.persisted) return;
    document.querySelectorAll("[data-upload-progress]").forEach(function (box) { box.hidden = true; });
  });

  // progress shows the bar; share is 0…1, or null while the images are
  // prepared and the upload has not started.
  function progress(form, share) {
    var box = form.querySelector("[data-upload-progress]");
    if (!box) return;
    if (box.hidden) {
      box.hidden = false;
      box.scrollIntoView({ block: "nearest" }); // under the button, at the screen's edge
    }
    var bar = box.querySelector("progress");
    var pct = box.querySelector("[data-upload-percent]");
    if (share === null) {
      bar.removeAttribute("value"); // indeterminate
      if (pct) pct.textContent = "";
      return;
    }
    bar.value = Math.round(share * 100);
    if (pct) {
      pct.textContent = new Intl.NumberFormat(document.documentElement.lang || undefined, { style: "percent" }).format(share);
    }
  }

  function send(form, data) {
    var action = form.action.split("#")[0];
    var xhr = new XMLHttpRequest();
    xhr.open("POST", action);
    xhr.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable && e.total > 0) progress(form, e.loaded / e.total);
    });
    xhr.addEventListener("load", function () {
      var landed = (xhr.responseURL || action).split("#")[0];
      if (landed !== action) {
        // The server answered with a redirect (303 to the outcome): open
        // it as the browser would have, a new page in history.
        location.assign(xhr.responseURL);
        return;
      }
      var type = xhr.getResponseHeader("Content-Type") || "";
      if (type.indexOf("text/html") !== 0) {
        HTMLFormElement.prototype.submit.call(form); // not a page we can show: let the browser post it
        return;
      }
      show(xhr.responseText);
      putBack(data);
    });
    xhr.addEventListener("error", function () {
      HTMLFormElement.prototype.submit.call(form); // the connection failed: the plain post, as without scripts
    });
    xhr.send(data);
  }

  // putBack attaches again the files just sent to the page sent back, where
  // it asks for them only because no page sent back can keep a file
  // (data-kept): the person does not choose the screenshot twice.
  function putBack(data) {
    if (!window.DataTransfer) return;
    document.querySelectorAll("input[type=file][data-kept]").forEach(function (input) {
      var file = data.get(input.name);
      if (!(file instanceof File) || !file.size) return;
      try {
        var dt = new DataTransfer();
        dt.items.add(file);
        input.files = dt.files;
      } catch (e) {
        return; // this browser keeps file fields read-only: "attach it again" stands
      }
      if (!input.files || input.files.length !== 1) return;
      input.removeAttribute("aria-invalid");
      var field = input.closest(".field");
      if (field) field.classList.remove("invalid");
      var said = document.getElementById(input.id + "-error");
      if (said) {
        said.textContent = input.getAttribute("data-kept");
        said.className = "field-kept";
      }
      document.querySelectorAll('.error-summary a[href="#' + input.id + '"]').forEach(function (a) {
        a.closest("li").remove();
      });
    });
  }

  // show puts the server's page in place of this one: its title and body,
  // and its scripts run again under this page's nonce (scripts that come
  // with parsed HTML never run by themselves).
  function show(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var nonce = (document.querySelector("script[nonce]") || {}).nonce || "";
    var scripts = Array.prototype.slice.call(doc.querySelectorAll("script[src]"));
    document.title = doc.title;
    document.body.replaceWith(document.adoptNode(doc.body));
    window.scrollTo(0, 0);
    scripts.forEach(function (old) {
      var s = document.createElement("script");
      Array.prototype.forEach.call(old.attributes, function (a) {
        if (a.name !== "nonce" && a.name !== "defer") s.setAttribute(a.name, a.value);
      });
      s.nonce = nonce;
      s.async = false; // in the page's order: shrink.js before upload.js
      (old.parentNode === doc.head ? document.head : document.body).appendChild(s);
      if (old.parentNode) old.parentNode.removeChild(old);
    });
  }
})();
