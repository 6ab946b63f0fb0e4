// Paykassma Checkout for the merchant's page: puts the checkout in an
// iframe, sizes it to its content, and turns its messages into DOM events
// on the container: checkout:resize, checkout:navigate, checkout:done, checkout:cancel
// (event.detail: {height} or {outcome, custom_transaction_id, status,
// reference, exp, sig}: pass status, reference, exp and sig to your server,
// which verifies sig with the signing key; credit only from the postback).
//
//   <div id="pay" data-checkout-src="https://pay.example/start?…&sig=…"></div>
//   <script src="https://pay.example/static/embed.js" defer></script>
//
// or, for a link minted later: PaykassmaCheckout.mount(element, signedLink).
(function () {
  "use strict";

  function mount(container, src) {
    var origin = new URL(src, location.href).origin;
    var frame = document.createElement("iframe");
    frame.src = src;
    frame.title = container.getAttribute("data-checkout-title") || "Payment";
    frame.setAttribute("allow", "clipboard-write");
    frame.style.width = "100%";
    frame.style.border = "0";
    frame.style.height = "640px"; // until the checkout says how tall it is
    window.addEventListener("message", function (ev) {
      // Only our frame's own messages: any window can post to this one.
      if (ev.origin !== origin || ev.source !== frame.contentWindow) return;
      var d = ev.data;
      if (!d || typeof d.type !== "string" || d.type.indexOf("checkout:") !== 0) return;
      var detail = d.detail || {};
      if (d.type === "checkout:resize" && detail.height > 0) {
        frame.style.height = Math.ceil(detail.height) + "px";
      }
      // A new page in the frame starts at its top: if the person had
      // scrolled past the frame's top (to reach its form), bring it back.
      if (d.type === "checkout:navigate" && frame.getBoundingClientRect().top < 0) {
        frame.scrollIntoView({ block: "start" });
      }
      container.dispatchEvent(new CustomEvent(d.type, { detail: detail, bubbles: true }));
    });
    container.appendChild(frame);
    return frame;
  }

  window.PaykassmaCheckout = { mount: mount };
  document.querySelectorAll("[data-checkout-src]").forEach(function (el) {
    mount(el, el.getAttribute("data-checkout-src"));
  });
})();
