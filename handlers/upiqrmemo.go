package handlers

import "github.com/paykassma/checkout/upiqr"

// qrMemo keeps each UPI link's QR code as its data: URI. Encoding the PNG
// was most of a pay page with a QR (BENCHMARKS.md, issue 17), and a link
// comes back on every reload: it names the identifier, which lives for
// identifier_ttl (30 minutes), the merchant's name and a fixed amount,
// nothing of who asked. A QR is 2–4 KB, so 512 of them stay under 2 MB.
var qrMemo = newMemo[string, string](512)

// qrDataURI is upiqr.PNGDataURI(link), encoded once per link.
func qrDataURI(link string) (string, error) {
	if qr, ok := qrMemo.load(link); ok {
		return qr, nil
	}
	qr, err := upiqr.PNGDataURI(link)
	if err != nil {
		return "", err
	}
	qrMemo.store(link, qr)
	return qr, nil
}
