// shrinkImage: a photo or screenshot made smaller in the browser before it
// is uploaded, so a payment screenshot (often 1–3 MB as a phone saves it)
// crosses a slow mobile link in seconds instead of half a minute.
//
// Reusable by any page that uploads an image; the server receives (and
// reads, OCR included) exactly what this returns:
//
//   window.checkoutShrinkImage(file [, options]) → Promise<File>
//
// The long side is brought down to options.maxSide (1280 px: a receipt's
// text stays legible) and the image re-encoded as JPEG at options.quality
// (0.85) on a white background. The original file comes back unchanged
// when it is already small (no side over maxSide and at most
// options.keepBytes, 200 KB), when it is not a JPEG, PNG or WebP, when the
// browser cannot decode or re-encode it, or when the result would not be
// smaller. It never rejects.
(function (global) {
  "use strict";
  var defaults = { maxSide: 1280, keepBytes: 200 * 1024, type: "image/jpeg", quality: 0.85 };
  var types = { "image/jpeg": true, "image/png": true, "image/webp": true };

  function shrinkImage(file, options) {
    var o = Object.assign({}, defaults, options || {});
    if (!file || !types[file.type] || !global.createImageBitmap || !global.HTMLCanvasElement ||
        !HTMLCanvasElement.prototype.toBlob) {
      return Promise.resolve(file);
    }
    return createImageBitmap(file).then(function (bmp) {
      var scale = Math.min(1, o.maxSide / Math.max(bmp.width, bmp.height));
      if (scale === 1 && file.size <= o.keepBytes) {
        bmp.close();
        return file;
      }
      var canvas = document.createElement("canvas");
      canvas.width = Math.max(1, Math.round(bmp.width * scale));
      canvas.height = Math.max(1, Math.round(bmp.height * scale));
      var ctx = canvas.getContext("2d");
      ctx.fillStyle = "#fff"; // JPEG keeps no transparency: white, like the receipt's page
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.imageSmoothingQuality = "high";
      ctx.drawImage(bmp, 0, 0, canvas.width, canvas.height);
      bmp.close();
      return new Promise(function (resolve) {
        canvas.toBlob(function (blob) {
          if (!blob || blob.size >= file.size) {
            resolve(file);
            return;
          }
          var ext = blob.type === "image/webp" ? ".webp" : blob.type === "image/png" ? ".png" : ".jpg";
          var name = (file.name || "screenshot").replace(/\.[A-Za-z0-9]{1,5}$/, "") + ext;
          resolve(new File([blob], name, { type: blob.type, lastModified: file.lastModified }));
        }, o.type, o.quality);
      });
    }).catch(function () { return file; });
  }

  global.checkoutShrinkImage = shrinkImage;
})(window);
