package browser_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/storage"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// The checkout inside a merchant's page on another site: the sandbox's demo
// shop on 127.0.0.1 frames the checkout on localhost with a signed /start
// link, and logs the events the checkout posts to it.

// frameOf waits for the cross-site iframe of the checkout on the page and
// attaches to it: Chromium runs it as a target of its own.
func (tb *tab) frameOf(prefix string) *tab {
	tb.t.Helper()
	tb.waitFor("#checkout iframe")
	var id target.ID
	for id == "" {
		infos, err := chromedp.Targets(tb.ctx)
		if err != nil {
			tb.t.Fatalf("no frame at %s: %v", prefix, err)
		}
		for _, info := range infos {
			if info.Type == "iframe" && strings.HasPrefix(info.URL, prefix) {
				id = info.TargetID
			}
		}
		if id == "" {
			select {
			case <-tb.ctx.Done():
				tb.t.Fatalf("no frame at %s: %v", prefix, tb.ctx.Err())
			case <-time.After(50 * time.Millisecond):
			}
		}
	}
	ctx, cancel := chromedp.NewContext(tb.ctx, chromedp.WithTargetID(id))
	tb.t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		tb.t.Fatalf("attach to the frame: %v", err)
	}
	frame := &tab{t: tb.t, ctx: ctx, app: tb.app, frame: true}
	frame.watch(ctx)
	return frame
}

// checkout is the checkout's origin as the demo shop frames it.
func (a *app) checkout() string { return strings.Replace(a.url, "127.0.0.1", "localhost", 1) }

// payInFrame pays with PayTM inside the frame and checks the parent heard.
func payInFrame(t *testing.T, shop *tab, prefix string) (frame *tab, ref string) {
	t.Helper()
	shop.open("/demo")
	frame = shop.frameOf(shop.app.checkout() + "/")
	frame.waitFor(tid("methods"))
	frame.screen(prefix + "frame-choose")
	frame.follow(`[data-type="paytm"] ` + tid("method-link"))
	frame.waitFor(tid("identifier"))
	frame.typeInto("#key1", "20512345678")
	frame.send()
	frame.wantOutcome("credited", "The money is in your account")
	ref = frame.text(tid("reference"))
	if !strings.HasPrefix(ref, "demo-") {
		t.Errorf("reference %q, want the merchant's custom_transaction_id prefix demo-", ref)
	}
	frame.screen(prefix + "frame-outcome")

	// The shop's page got the events, from the checkout's origin only.
	shop.waitFor(`#events li[data-event="checkout:done"]`)
	done := shop.text(`#events li[data-event="checkout:done"]`)
	if !strings.Contains(done, `"outcome":"credited"`) || !strings.Contains(done, `"custom_transaction_id":"`+ref+`"`) {
		t.Errorf("checkout:done says %s, want outcome credited and %s", done, ref)
	}
	if !strings.Contains(done, `"status":"success"`) || !strings.Contains(done, `"reference":"`+ref+`"`) || !strings.Contains(done, `"sig":"`) || !strings.Contains(done, `"exp":"`) {
		t.Errorf("checkout:done says %s, want the signed return: status, reference, exp, sig", done)
	}
	if n := shop.count(`#events li[data-event="checkout:resize"]`); n == 0 {
		t.Error("the checkout never told the shop its height")
	}
	// The frame is as tall as the checkout's page, with no scrollbar of its own.
	if h := eval[int](shop, `document.querySelector("#checkout iframe").getBoundingClientRect().height`); h == 640 {
		t.Error("the frame kept its initial 640 px: checkout:resize was not applied")
	}
	shop.screen(prefix + "demo-shop")
	return frame, ref
}

// cookies are every cookie the tab's browser context holds, partitioned
// ones included.
func (tb *tab) cookies() []*network.Cookie {
	tb.t.Helper()
	c := chromedp.FromContext(tb.ctx)
	res, err := chromedp.CallBrowser(tb.ctx, storage.GetCookies, storage.GetCookiesParams{BrowserContextID: c.BrowserContextID})
	if err != nil {
		tb.t.Fatalf("cookies: %v", err)
	}
	return res.Cookies
}

func TestFrame_PostMessageEventsAndAPartitionedCookie(t *testing.T) {
	a := newApp(t)
	shop := openTab(t, a)
	frame, ref := payInFrame(t, shop, "")

	var session *network.Cookie
	for _, c := range shop.cookies() {
		if c.Domain == "localhost" {
			session = c
		}
	}
	if session == nil {
		t.Fatal("the checkout's frame holds no cookie: Chromium should keep a Partitioned one")
	}
	if session.PartitionKey == nil || session.PartitionKey.TopLevelSite != "http://127.0.0.1" || !session.Secure || session.SameSite != network.CookieSameSiteNone {
		t.Errorf("session cookie: secure %v, SameSite %q, partition %+v; want Secure, None, partitioned by the shop's site",
			session.Secure, session.SameSite, session.PartitionKey)
	}
	// With the cookie, the frame's own links need no state in them, and the
	// list knows the payment just made.
	frame.open(a.checkout() + "/")
	frame.waitFor(tid("attempts"))
	if got := frame.attr(tid("attempt"), "data-ref"); got != ref {
		t.Errorf("from the cookie alone the list shows %q, want %s", got, ref)
	}
	if href := frame.attr(`[data-type="paytm"] `+tid("method-link"), "href"); strings.Contains(href, "st=") {
		t.Errorf("the state travels in the link %q although the cookie works", href)
	}
}

func TestFrame_WithAllCookiesRefusedTheStateTravelsInLinks(t *testing.T) {
	if browserCtx == nil {
		t.Skip(skipReason)
	}
	// A browser of its own whose profile refuses every cookie, as a person
	// who blocked them in settings.
	profile := t.TempDir()
	if err := os.MkdirAll(filepath.Join(profile, "Default"), 0o755); err != nil {
		t.Fatal(err)
	}
	prefs := `{"profile":{"default_content_setting_values":{"cookies":2}}}`
	if err := os.WriteFile(filepath.Join(profile, "Default", "Preferences"), []byte(prefs), 0o644); err != nil {
		t.Fatal(err)
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), chromeOptions(chromeExe, profile)...)
	t.Cleanup(cancelAlloc)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(cancel)

	a := newApp(t)
	shop := newTab(t, ctx, a)
	frame, _ := payInFrame(t, shop, "nocookies-")
	if got := shop.cookies(); len(got) != 0 {
		t.Errorf("a browser refusing cookies holds %d", len(got))
	}
	frame.follow(tid("action-choose"))
	frame.waitFor(tid("attempts"))
	if href := frame.attr(`[data-type="paytm"] `+tid("method-link"), "href"); !strings.Contains(href, "st=") {
		t.Errorf("without cookies the link %q should carry the state", href)
	}

	// Giving up inside the frame tells the shop.
	frame.follow(tid("cancel"))
	frame.wantOutcome("cancel", "")
	shop.waitFor(`#events li[data-event="checkout:cancel"]`)
	if got := shop.text(`#events li[data-event="checkout:cancel"]`); !strings.Contains(got, `"outcome":"cancel"`) {
		t.Errorf("checkout:cancel says %s", got)
	}
}
