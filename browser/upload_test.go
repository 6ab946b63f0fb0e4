package browser_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	_ "image/jpeg" // to read what the browser sent
	"image/png"
	"io"
	"math/rand/v2"
	"mime"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/paykassma/checkout/deposit"
)

// phoneScreenshot writes a PNG the size a phone saves a screenshot of a
// bank's receipt: 1080 × 2400, lines of dark "text" on a background with
// the slight noise of a photo's gradients, about 1.8 MB.
func phoneScreenshot(t *testing.T) (path string, size int) {
	t.Helper()
	const w, h = 1080, 2400
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	rnd := rand.New(rand.NewPCG(1, 2))
	for y := range h {
		line := (y/40)%3 != 2 && (y%40) < 22 // rows of text, a blank every third
		for x := range w {
			c := color.RGBA{uint8(240 + rnd.IntN(2)), uint8(240 + rnd.IntN(2)), uint8(246 + rnd.IntN(2)), 255}
			if line && x > 60 && x < 1020 && (x/18)%5 != 4 && rnd.IntN(3) > 0 {
				c = color.RGBA{30, 30, 40, 255}
			}
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	path = filepath.Join(t.TempDir(), "Screenshot_20250301-091500.png")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, buf.Len()
}

// upload is a screenshot as the checkout received it.
type upload struct {
	body, file    int // bytes: the whole request, the screenshot
	width, height int
	format        string
}

// uploads records the screenshots POSTed to the checkout.
type uploads struct {
	mu  sync.Mutex
	got []upload
}

func recordUploads(t *testing.T, a *app) *uploads {
	u := &uploads{}
	f := func(r *http.Request) {
		_, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
		if r.Method != http.MethodPost || err != nil || params["boundary"] == "" || strings.HasSuffix(r.URL.Path, "/read") {
			return // the pay form's uploads only, not the screenshot sent to be read
		}
		body, err := io.ReadAll(r.Body)
		if err != nil {
			t.Errorf("reading an upload: %v", err)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		mr := multipart.NewReader(bytes.NewReader(body), params["boundary"])
		for {
			p, err := mr.NextPart()
			if err != nil {
				return
			}
			if p.FormName() != "screenshot" {
				continue
			}
			data, _ := io.ReadAll(p)
			got := upload{body: len(body), file: len(data)}
			if cfg, format, err := image.DecodeConfig(bytes.NewReader(data)); err == nil {
				got.width, got.height, got.format = cfg.Width, cfg.Height, format
			}
			u.mu.Lock()
			u.got = append(u.got, got)
			u.mu.Unlock()
			return
		}
	}
	a.seen.Store(&f)
	return u
}

func (u *uploads) all() []upload {
	u.mu.Lock()
	defer u.mu.Unlock()
	return append([]upload(nil), u.got...)
}

// slowUpload makes the tab's uploads crawl at bytesPerSecond, as on a weak
// mobile link; downloads stay fast.
func slowUpload(bytesPerSecond float64) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
			return err
		}
		_, err := chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
			MatchedNetworkConditions: []*network.Conditions{{UploadThroughput: bytesPerSecond, DownloadThroughput: -1}},
		})
		return err
	})
}

// 400 kbit/s, the link the 1.4 MB screenshot took 29.5 s on.
const slowLink = 400 * 1000 / 8

func TestUpload_TheScreenshotIsMadeSmallerAndItsProgressShown(t *testing.T) {
	big, size := phoneScreenshot(t)
	t.Logf("the phone's screenshot: 1080 × 2400, %d bytes (%.1f s at 400 kbit/s)", size, float64(size)/slowLink)

	t.Run("javascript", func(t *testing.T) {
		a := newApp(t)
		rec := recordUploads(t, a)
		tb := openTab(t, a)
		tb.chooseMethod("INR", "staging_b_ml")
		ref := deposit.Reference("", tb.attr(`#pay-form input[name="nonce"]`, "value"), "UTR12345678")
		tb.typeInto("#key1", "UTR12345678")
		tb.typeInto("#amount", "750")
		tb.do("attach the screenshot", attach("#screenshot", big), slowUpload(slowLink))
		tb.do("tap send", chromedp.Click(css(`#pay-form button[type=submit]`), chromedp.NodeVisible))
		waitTrue(tb, "the progress bar moves", `(() => {
			const box = document.querySelector('[data-testid="upload-progress"]');
			return box && !box.hidden && box.querySelector("progress").value > 0;
		})()`)
		t.Logf("progress seen at %v%%", eval[float64](tb, `document.querySelector('[data-testid="upload-progress"] progress').value`))
		tb.axe("pay-manual-uploading")
		tb.viewShot("pay-manual-uploading")
		tb.waitFor(tid("outcome"))
		if k := tb.kind(); k == "failed" || k == "error" {
			t.Errorf("outcome %q: %s", k, tb.mainText())
		}
		if n := a.sb.Activations(ref); n != 1 {
			t.Errorf("the payment reached Paykassma %d times, want once, under the form's reference", n)
		}
		got := rec.all()
		if len(got) != 1 {
			t.Fatalf("%d uploads reached the checkout, want 1: %+v", len(got), got)
		}
		u := got[0]
		t.Logf("sent: %s %d × %d, %d bytes (the request %d bytes, %.1f s at 400 kbit/s)", u.format, u.width, u.height, u.file, u.body, float64(u.body)/slowLink)
		if max(u.width, u.height) > 1280 || u.width == 0 {
			t.Errorf("the checkout received a %d × %d %q image, want the long side at most 1280 px", u.width, u.height, u.format)
		}
		if u.file > size/3 {
			t.Errorf("the checkout received %d bytes of the %d-byte screenshot: not made smaller", u.file, size)
		}
	})

	t.Run("field errors come back on the page", func(t *testing.T) {
		a := newApp(t)
		tb := openTab(t, a)
		tb.chooseMethod("INR", "staging_b_ml")
		tb.typeInto("#key1", "UTR") // too short: only the server knows
		tb.typeInto("#amount", "750")
		tb.do("attach the screenshot", attach("#screenshot", big))
		tb.do("tap send", chromedp.Click(css(`#pay-form button[type=submit]`), chromedp.NodeVisible))
		tb.waitFor(tid("error-summary"))
		if got := tb.value("#key1"); got != "UTR" {
			t.Errorf("the typed transaction ID came back as %q", got)
		}
		// The screenshot sent is put back: nobody chooses it twice.
		if got := tb.text(tid("error-screenshot")); !strings.Contains(got, "still attached") {
			t.Errorf("beside the screenshot: %q, want it to say the screenshot is still attached", got)
		}
		if n := eval[int](tb, `document.getElementById("screenshot").files.length`); n != 1 {
			t.Errorf("the screenshot field holds %d files after the errors, want the one sent", n)
		}
		if got := tb.text(tid("error-summary")); strings.Contains(got, "creenshot") {
			t.Errorf("the summary still lists the screenshot: %q", got)
		}
		if loc := eval[string](tb, `location.pathname`); loc != "/pay/staging_b_ml" {
			t.Errorf("the page with the errors is at %s", loc)
		}
		// The page's scripts run on the page shown: the field in error is
		// focused, and the next upload goes the same way.
		waitTrue(tb, "the transaction ID focused", `document.activeElement && document.activeElement.id === "key1"`)
		tb.screen("pay-manual-upload-errors")
		tb.typeInto("#key1", "UTR12345678")
		tb.do("tap send", chromedp.Click(css(`#pay-form button[type=submit]`), chromedp.NodeVisible))
		tb.waitFor(tid("outcome"))
		if k := tb.kind(); k == "failed" || k == "error" {
			t.Errorf("outcome %q: %s", k, tb.mainText())
		}
	})

	t.Run("a small screenshot goes as it is", func(t *testing.T) {
		a := newApp(t)
		rec := recordUploads(t, a)
		tb := openTab(t, a)
		tb.chooseMethod("INR", "staging_b_ml")
		small := screenshotPNG(t)
		info, err := os.Stat(small)
		if err != nil {
			t.Fatal(err)
		}
		tb.typeInto("#key1", "UTR12345678")
		tb.typeInto("#amount", "750")
		tb.do("attach the screenshot", attach("#screenshot", small))
		tb.send()
		tb.waitFor(tid("outcome"))
		if got := rec.all(); len(got) != 1 || got[0].file != int(info.Size()) || got[0].format != "png" {
			t.Errorf("a %d-byte 180 × 320 PNG reached the checkout as %+v, want it unchanged", info.Size(), got)
		}
	})

	t.Run("no javascript", func(t *testing.T) {
		a := newApp(t)
		rec := recordUploads(t, a)
		tb := openTab(t, a, withoutJavaScript)
		tb.chooseMethod("INR", "staging_b_ml")
		tb.typeInto("#key1", "UTR12345678")
		tb.typeInto("#amount", "750")
		tb.do("attach the screenshot", attach("#screenshot", big))
		tb.send()
		if k := tb.kind(); k == "failed" || k == "error" {
			t.Errorf("outcome %q: %s", k, tb.mainText())
		}
		if got := rec.all(); len(got) != 1 || got[0].file != size {
			t.Errorf("without scripts the checkout received %+v, want the screenshot as it was (%d bytes)", got, size)
		}
	})
}
