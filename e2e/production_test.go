package e2e

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/storage"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"

	"github.com/paykassma/checkout/depositor"
)

// TestProduction is the whole shape, in order: the browser first (a quiet
// cluster), then the loadtest through a rolling restart, then through a
// kill -9. Each step needs the cluster the one before left running.
func TestProduction(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the end-to-end test builds and runs nginx, the sandbox and two instances")
	}
	c, _ := newCluster(t)
	t.Run("Browser", c.browser)
	t.Run("RollingRestart", c.rollingRestart)
	t.Run("KillNine", c.killNine)
	t.Run("NoInstanceAnswers", c.noInstanceAnswers)
}

// noInstanceAnswers: with every instance down, nginx's own answer is our
// page saying that nothing was lost and sending again is safe, not its
// bare 502.
func (c *cluster) noInstanceAnswers(t *testing.T) {
	client := c.tlsClient()
	for _, in := range c.instances {
		in.p.signal(t, syscall.SIGKILL)
	}
	defer func() {
		for _, in := range c.instances {
			c.startInstance(in)
		}
	}()
	for _, path := range []string{"/", "/pay/paytm"} {
		resp, err := client.Get(c.public + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusBadGateway {
			t.Errorf("GET %s with no instance: HTTP %d, want 502", path, resp.StatusCode)
		}
		if !strings.Contains(string(body), "Nothing was lost") || !strings.Contains(resp.Header.Get("Content-Type"), "text/html") {
			t.Errorf("GET %s with no instance: %q (%s), want our page saying nothing was lost", path, tail(string(body)), resp.Header.Get("Content-Type"))
		}
		if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
			t.Errorf("GET %s with no instance: Cache-Control %q, want no-store", path, cc)
		}
	}
}

// browser: a deposit in Chromium over https through nginx, at the top level
// and inside a merchant's frame.
func (c *cluster) browser(t *testing.T) {
	exe := need(t, "chromium", "chromium")
	profile := t.TempDir()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox, // root in CI containers
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.UserDataDir(profile), // the SPKI flag works only with a profile of its own
		// Trust the test's certificate as a real one (a secure context,
		// HSTS and Secure cookies as on a real site), not merely ignore
		// errors.
		chromedp.Flag("ignore-certificate-errors-spki-list", c.spki),
		chromedp.Flag("host-resolver-rules", "MAP "+checkoutHost+" 127.0.0.1"),
		chromedp.WindowSize(360, 800),
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(alloc)
	defer cancel()
	ctx, cancelTime := context.WithTimeout(ctx, 3*time.Minute)
	defer cancelTime()

	// Top level: the merchant's signed link, straight to PayTM.
	link := c.link("-label", "e2e-top", "-currency", "INR", "-wallet", "paytm")
	pay(t, ctx, link, "20512345678")

	// HTTP/2 from nginx, HSTS from the checkout (it believes nginx's
	// X-Forwarded-Proto: https).
	proto, err := chromedp.Run(ctx, chromedp.Evaluate[string](`performance.getEntriesByType("navigation")[0].nextHopProtocol`))
	if err != nil || proto != "h2" {
		t.Errorf("protocol %q (%v), want h2", proto, err)
	}
	hsts, err := chromedp.Run(ctx, chromedp.Evaluate[string](`fetch(location.href).then(r => r.headers.get("strict-transport-security") || "")`, chromedp.EvalAwaitPromise))
	if err != nil || !strings.Contains(hsts, "max-age=") {
		t.Errorf("Strict-Transport-Security %q (%v), want one over https", hsts, err)
	}

	// In the merchant's frame: the shop on https://127.0.0.1, the checkout
	// on https://checkout.test, another site.
	framed := c.link("-label", "e2e-frame", "-currency", "INR", "-wallet", "paytm", "-origin", c.merchant)
	c.merchantMu.Lock()
	c.framed = framed
	c.merchantMu.Unlock()
	shop, cancelShop := chromedp.NewContext(ctx)
	defer cancelShop()
	if err := chromedp.Do(shop, chromedp.Navigate(c.merchant+"/"), chromedp.WaitVisible(chromedp.CSS("#checkout"))); err != nil {
		t.Fatalf("the shop's page: %v", err)
	}
	frame := attachFrame(t, shop, c.public)
	payHere(t, frame, "20512345679")

	// Both cookies Secure; Partitioned: by the checkout's own site at the
	// top, by the shop's inside its frame.
	cookies, err := chromedp.CallBrowser(shop, storage.GetCookies, storage.GetCookiesParams{BrowserContextID: chromedp.FromContext(shop).BrowserContextID})
	if err != nil {
		t.Fatal(err)
	}
	partitions := map[string]bool{}
	for _, ck := range cookies.Cookies {
		if ck.Domain != checkoutHost {
			continue
		}
		if !ck.Secure || ck.PartitionKey == nil || ck.SameSite != network.CookieSameSiteNone {
			t.Errorf("cookie %s: Secure %v, SameSite %q, partition %+v; want Secure, None, Partitioned", ck.Name, ck.Secure, ck.SameSite, ck.PartitionKey)
			continue
		}
		if ck.Name == depositor.HostSessionName { // __Host-: over https, bound to this host and path /
			partitions[ck.PartitionKey.TopLevelSite] = true
		}
	}
	if !partitions["https://"+checkoutHost] || !partitions["https://127.0.0.1"] {
		t.Errorf("the session cookie %s is partitioned under %v, want https://%s (top) and https://127.0.0.1 (the shop's frame)", depositor.HostSessionName, partitions, checkoutHost)
	}

	// The instances logged the browser's address (127.0.0.1), never
	// nginx's (127.0.0.2). Lines may wait server.log_flush to be written.
	var clients map[string]int
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if clients = c.requestClients(); clients["127.0.0.1"] > 0 {
			break
		}
	}
	if clients["127.0.0.1"] == 0 || clients[nginxAddr] > 0 {
		t.Errorf("request lines by client %v: want the browser's 127.0.0.1, never nginx's %s", clients, nginxAddr)
	}
}

// pay opens a signed link to a P2P PS and pays with key1 in a new tab.
func pay(t *testing.T, ctx context.Context, link, key1 string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(link)); err != nil {
		t.Fatalf("open the link: %v", err)
	}
	payHere(t, ctx, key1)
}

// payHere types the transaction ID on the pay page and waits for the
// outcome: credited.
func payHere(t *testing.T, ctx context.Context, key1 string) {
	t.Helper()
	err := chromedp.Do(ctx,
		chromedp.WaitVisible(chromedp.CSS("#key1")),
		chromedp.SendKeys(chromedp.CSS("#key1"), key1),
		chromedp.Click(chromedp.CSS("#pay-form button[type=submit]"), chromedp.NodeVisible),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="outcome"]`)),
	)
	if err != nil {
		where, _ := chromedp.Run(ctx, chromedp.Location())
		t.Fatalf("paying with %s: %v (at %s)", key1, err, where)
	}
	kind, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(`[data-testid="outcome"]`), "data-kind"))
	if err != nil || kind.Value != "credited" {
		t.Fatalf("outcome %q (%v), want credited", kind.Value, err)
	}
}

// attachFrame waits for the checkout's cross-site frame and attaches to
// it: Chromium runs it as a target of its own.
func attachFrame(t *testing.T, ctx context.Context, prefix string) context.Context {
	t.Helper()
	for {
		infos, err := chromedp.Targets(ctx)
		if err != nil {
			t.Fatalf("targets: %v", err)
		}
		var id target.ID
		for _, info := range infos {
			if info.Type == "iframe" && strings.HasPrefix(info.URL, prefix) {
				id = info.TargetID
			}
		}
		if id != "" {
			frame, cancel := chromedp.NewContext(ctx, chromedp.WithTargetID(id))
			t.Cleanup(cancel)
			if err := chromedp.Do(frame); err != nil {
				t.Fatalf("attach to the frame: %v", err)
			}
			return frame
		}
		select {
		case <-ctx.Done():
			t.Fatalf("no frame at %s: %v", prefix, ctx.Err())
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// loadRun is cmd/loadtest running through nginx until stopped.
type loadRun struct {
	p   *process
	log string
}

// startLoad starts 200 depositors paying again and again, retrying a
// failed request as a person would, from eight addresses.
func (c *cluster) startLoad(t *testing.T, tag int) *loadRun {
	t.Helper()
	log := filepath.Join(c.dir, fmt.Sprintf("loadtest-%d.log", tag))
	p, _ := start(t, log, "load started", nil, c.load,
		"-url", c.public, "-resolve", checkoutHost+"=127.0.0.1", "-cacert", c.cert, "-signing-key", signingKey,
		"-from", strings.Join(loadFrom, ","), "-sandbox", c.sandbox,
		"-n", "200", "-repeat", "-retry", "-tag", fmt.Sprint(tag),
		"-max", "5m", "-timeout", "60s")
	return &loadRun{p: p, log: log}
}

// stop asks the loadtest to end its journeys and returns its result line
// (result: journeys=… lost=… doubled=…) and its exit.
func (l *loadRun) stop(t *testing.T) (string, error) {
	t.Helper()
	err := l.p.signal(t, syscall.SIGINT)
	f, _ := os.Open(l.log)
	defer f.Close()
	result := ""
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "result: ") {
			result = sc.Text()
		}
	}
	if result == "" {
		b, _ := os.ReadFile(l.log)
		t.Fatalf("the loadtest gave no result (%v):\n%s", err, tail(string(b)))
	}
	return result, err
}

// figure reads name=N from a result line.
func figure(result, name string) int {
	for _, f := range strings.Fields(result) {
		if v, ok := strings.CutPrefix(f, name+"="); ok {
			var n int
			fmt.Sscan(v, &n)
			return n
		}
	}
	return -1
}

// settle lets the depositors get going around a restart, and nginx try the
// restarted instance again (fail_timeout=2s in deploy/nginx-checkout.conf)
// before the next one goes: not a condition of the test, only its pace.
func settle() { time.Sleep(3 * time.Second) }

// rollingRestart: each instance in turn gets SIGTERM and is started again
// under 200 depositors. Nothing lost, nothing doubled, every request in
// flight finished (each instance's shutdown ends cleanly: exit 0).
func (c *cluster) rollingRestart(t *testing.T) {
	load := c.startLoad(t, 1)
	settle()
	for _, in := range c.instances {
		if err := in.p.signal(t, syscall.SIGTERM); err != nil {
			t.Errorf("instance %s after SIGTERM: %v (a request in flight outlived the grace?)", in.name, err)
		}
		c.startInstance(in)
		settle()
	}
	result, err := load.stop(t)
	t.Logf("rolling restart: %s\n%s", result, loadSummary(load.log))
	if err != nil || figure(result, "lost") != 0 || figure(result, "doubled") != 0 || figure(result, "failed") != 0 {
		t.Errorf("rolling restart: %s (%v); want every journey credited, none lost or doubled\n%s", result, err, loadFailures(load.log))
	}
	c.writeFigures(t, "rolling-restart", result)
}

// killNine: one instance is killed with SIGKILL under load, then started
// again. Depositors on it may see an error; they send again, and none
// loses or doubles a deposit.
func (c *cluster) killNine(t *testing.T) {
	load := c.startLoad(t, 2)
	settle()
	in := c.instances[0]
	in.p.signal(t, syscall.SIGKILL)
	c.startInstance(in)
	settle()
	result, err := load.stop(t)
	t.Logf("kill -9: %s\n%s", result, loadSummary(load.log))
	if err != nil || figure(result, "lost") != 0 || figure(result, "doubled") != 0 || figure(result, "failed") != 0 {
		t.Errorf("kill -9: %s (%v); want every journey credited, none lost or doubled\n%s", result, err, loadFailures(load.log))
	}
	c.writeFigures(t, "kill-9", result)
}

// loadSummary is the loadtest's figures: time, requests, statuses.
func loadSummary(path string) string {
	b, _ := os.ReadFile(path)
	var out []string
	for line := range strings.Lines(string(b)) {
		for _, p := range []string{"depositors:", "requests:", "statuses:"} {
			if strings.HasPrefix(line, p) {
				out = append(out, line)
			}
		}
	}
	return strings.Join(out, "")
}

// loadFailures is what the loadtest said of failed journeys.
func loadFailures(path string) string {
	b, _ := os.ReadFile(path)
	var out []string
	for line := range strings.Lines(string(b)) {
		if strings.HasPrefix(line, "  ") || strings.HasPrefix(line, "statuses:") {
			out = append(out, line)
		}
	}
	return strings.Join(out, "")
}

// writeFigures keeps a run's figures, and nginx's error log so far, where
// E2E_FIGURES names a directory, for BENCHMARKS.md.
func (c *cluster) writeFigures(t *testing.T, name, result string) {
	dir := os.Getenv("E2E_FIGURES")
	if dir == "" {
		return
	}
	errors, _ := os.ReadFile(filepath.Join(c.dir, "nginx", "error.log"))
	for _, in := range c.instances {
		b, _ := os.ReadFile(in.log)
		for line := range strings.Lines(string(b)) {
			if !strings.Contains(line, `"level":"INFO"`) || strings.Contains(line, "draining") || strings.Contains(line, "shutting down") {
				errors = append(errors, in.name+": "+line...)
			}
		}
	}
	if err := os.WriteFile(filepath.Join(dir, name+".txt"), []byte(result+"\n\nnginx error.log:\n"+string(errors)), 0o644); err != nil {
		t.Log(err)
	}
}
