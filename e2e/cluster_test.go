package e2e

import (
	"bufio"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The keys every instance shares (README "Running it for real").
const (
	signingKey = "e2e-merchant-signing-key-of-32-characters"
	sessionKey = "e2e-session-key-of-at-least-32-characters"
)

// checkoutHost is the checkout's host name, mapped to 127.0.0.1 for the
// browser and the loadtest: on localhost the checkout names its cookie
// without the __Host- prefix (browsers differ there), and the point is to
// see the production cookie.
const checkoutHost = "checkout.test"

// nginxAddr is the address nginx connects to the instances from
// (proxy_bind): not the browser's 127.0.0.1, so the logs show whose
// address an instance took for the client's.
const nginxAddr = "127.0.0.2"

// loadFrom are the loadtest's client addresses: the hash spreads them over
// the instances.
var loadFrom = []string{"127.0.0.3", "127.0.0.4", "127.0.0.5", "127.0.0.6", "127.0.0.7", "127.0.0.8", "127.0.0.9", "127.0.0.10"}

// cluster is the production shape on this machine.
type cluster struct {
	t          *testing.T
	dir        string
	bin, load  string // the checkout and cmd/loadtest, built
	cert, key  string // PEM files
	spki       string // the certificate's key hash, for Chromium to trust it
	sandbox    string // the standalone sandbox's URL
	public     string // https://checkout.test:PORT, nginx
	merchant   string // https://127.0.0.1:PORT, the shop's page framing the checkout
	instances  []*instance
	merchantMu sync.Mutex
	framed     string // the link the shop's page frames
}

// need finds a command the test cannot run without: missing, it skips, or
// as root (CI, where scripts/test.sh installs it) fails.
func need(t *testing.T, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err == nil {
		return p
	}
	if p := "/usr/sbin/" + name; isExecutable(p) { // nginx, off a user's PATH
		return p
	}
	if os.Geteuid() == 0 {
		t.Fatalf("%s is missing: scripts/test.sh installs it (apt-get install %s)", name, pkg)
	}
	t.Skipf("SKIPPING: %s is missing (apt-get install %s, or run scripts/test.sh as root)", name, pkg)
	return ""
}

func isExecutable(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular() && fi.Mode().Perm()&0o111 != 0
}

// freePort is a port nothing listens on now. The instances need theirs
// known before they start: nginx's configuration names them.
func freePort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return fmt.Sprint(ln.Addr().(*net.TCPAddr).Port)
}

// build compiles a main package of the module into dir.
func build(t *testing.T, dir, pkg, name string) string {
	t.Helper()
	out := filepath.Join(dir, name)
	cmd := exec.Command("go", "build", "-o", out, pkg)
	cmd.Dir = ".."
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build %s: %v\n%s", pkg, err, b)
	}
	return out
}

// makeCert writes a self-signed certificate for checkout.test, localhost
// and 127.0.0.1 (the shop).
func (c *cluster) makeCert() {
	t := c.t
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()),
		Subject:      pkix.Name{CommonName: "localhost"},
		DNSNames:     []string{"localhost", checkoutHost},
		IPAddresses:  []net.IP{net.ParseIP("127.0.0.1")},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		// Its own root, for the loadtest's -cacert.
		IsCA: true, BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	sum := sha256.Sum256(cert.RawSubjectPublicKeyInfo)
	c.spki = base64.StdEncoding.EncodeToString(sum[:])
	kder, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	c.cert, c.key = filepath.Join(c.dir, "cert.pem"), filepath.Join(c.dir, "key.pem")
	writeFile(t, c.cert, string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})))
	writeFile(t, c.key, string(pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kder})))
}

func writeFile(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// process is a command the test started, with its output in a file.
type process struct {
	cmd  *exec.Cmd
	done chan struct{}
	err  error // Wait's, once done is closed
}

// start runs name with args and env, its output appended to logPath; the
// first line that starts with waitFor (if any) is returned.
func start(t *testing.T, logPath, waitFor string, env []string, name string, args ...string) (*process, string) {
	t.Helper()
	logf, err := os.OpenFile(logPath, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stderr = logf
	// A group of its own, so that killing it kills its children too
	// (nginx's workers), and Wait need not wait for a child that kept
	// the output open.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.WaitDelay = 10 * time.Second
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &process{cmd: cmd, done: make(chan struct{})}
	lines := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		found := waitFor == ""
		for sc.Scan() {
			fmt.Fprintln(logf, sc.Text())
			if !found && strings.HasPrefix(sc.Text(), waitFor) {
				found = true
				lines <- sc.Text()
			}
		}
		p.err = cmd.Wait()
		logf.Close()
		close(p.done)
	}()
	t.Cleanup(func() { p.kill() })
	if waitFor == "" {
		return p, ""
	}
	select {
	case line := <-lines:
		return p, line
	case <-p.done:
		b, _ := os.ReadFile(logPath)
		t.Fatalf("%s ended before %q: %v\n%s", filepath.Base(name), waitFor, p.err, tail(string(b)))
	case <-time.After(2 * time.Minute):
		t.Fatalf("%s: no %q in 2 minutes", filepath.Base(name), waitFor)
	}
	return nil, ""
}

// kill ends the process and its group at once, if it still runs.
func (p *process) kill() {
	select {
	case <-p.done:
	default:
		syscall.Kill(-p.cmd.Process.Pid, syscall.SIGKILL)
		<-p.done
	}
}

// signal sends sig and waits for the process to end (up to 2 minutes).
func (p *process) signal(t *testing.T, sig syscall.Signal) error {
	t.Helper()
	p.cmd.Process.Signal(sig)
	select {
	case <-p.done:
		return p.err
	case <-time.After(2 * time.Minute):
		t.Fatalf("%s did not end 2 minutes after %v", p.cmd.Path, sig)
	}
	return nil
}

func tail(s string) string {
	if len(s) > 3000 {
		return "…" + s[len(s)-3000:]
	}
	return s
}

// instance is one checkout, always on the same port.
type instance struct {
	name, addr string
	log        string
	p          *process
}

// env is every instance's environment over deploy/config.ini: the secrets
// and what this machine's shape changes (addresses, the sandbox), nothing
// else.
func (c *cluster) env() []string {
	return []string{
		"PAYKASSMA_BASE_URL=" + c.sandbox,
		"PAYKASSMA_SECRET=sandbox-secret",
		"PAYKASSMA_PRIVATE_KEY=sandbox-private-key",
		"MERCHANT_SIGNING_KEY=" + signingKey,
		"SESSION_KEY=" + sessionKey,
		"SERVER_PUBLIC_URL=" + c.public,
		"MERCHANT_ALLOWED_ORIGINS=" + c.merchant,
		"MERCHANT_RETURN_ORIGINS=" + c.merchant,
		"LIMITS_TRUSTED_PROXIES=" + nginxAddr + "/32",
		// The loadtest is 200 depositors on 8 addresses, paying as fast
		// as they can: no person does that from one address.
		"LIMITS_IP_PER_MINUTE=0",
		"LIMITS_UPSTREAM_IP_PER_MINUTE=0",
		// Short, for the test's sake; deploy/config.ini says 10s.
		"SERVER_DRAIN=2s",
	}
}

// startInstance (re)starts one instance and waits until it is ready.
func (c *cluster) startInstance(in *instance) {
	t := c.t
	t.Helper()
	env := append(c.env(), "SERVER_ADDR="+in.addr, "ADMIN_ADDR=off")
	in.p, _ = start(t, in.log, "listening on ", env, c.bin, "-config", filepath.Join("..", "deploy", "config.ini"))
	waitOK(t, "http://"+in.addr+"/readyz", nil)
}

// waitOK polls u until it answers 200.
func waitOK(t *testing.T, u string, client *http.Client) {
	t.Helper()
	if client == nil {
		client = &http.Client{Timeout: 10 * time.Second}
	}
	deadline := time.Now().Add(2 * time.Minute)
	for {
		resp, err := client.Get(u)
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s not ready in 2 minutes: %v", u, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// nginxConf is deploy/nginx-checkout.conf on this machine's ports and
// certificate, nginx connecting from nginxAddr; every change is checked to
// apply, so the shipped file cannot drift from what is tested.
func (c *cluster) nginxConf(httpsPort, httpPort string) string {
	t := c.t
	b, err := os.ReadFile(filepath.Join("..", "deploy", "nginx-checkout.conf"))
	if err != nil {
		t.Fatal(err)
	}
	conf := string(b)
	replace := func(old, new string) {
		if !strings.Contains(conf, old) {
			t.Fatalf("deploy/nginx-checkout.conf has no %q any more: change the test with it", old)
		}
		conf = strings.ReplaceAll(conf, old, new)
	}
	replace("server 127.0.0.1:8081 ", "server "+c.instances[0].addr+" ")
	replace("server 127.0.0.1:8082 ", "server "+c.instances[1].addr+" ")
	replace("listen 443 ssl http2;", "listen 127.0.0.1:"+httpsPort+" ssl http2;")
	replace("listen 80;", "listen 127.0.0.1:"+httpPort+";")
	replace("/etc/ssl/checkout/fullchain.pem", c.cert)
	replace("/etc/ssl/checkout/privkey.pem", c.key)
	deploy, err := filepath.Abs(filepath.Join("..", "deploy"))
	if err != nil {
		t.Fatal(err)
	}
	replace("root /usr/share/checkout;", "root "+deploy+";")
	// A machine's IPv6 is not the test's to count on.
	replace("    listen [::]:443 ssl http2;\n", "")
	replace("    listen [::]:80;\n", "")
	// Test only: nginx on another loopback address than the browser.
	replace("        proxy_pass http://checkout;\n", "        proxy_pass http://checkout;\n        proxy_bind "+nginxAddr+";\n")
	return conf
}

// startNginx runs nginx with the shipped site configuration inside a
// main configuration of the test's own (paths in the test's directory).
func (c *cluster) startNginx(exe string) *process {
	t := c.t
	httpsPort, httpPort := freePort(t), freePort(t)
	c.public = "https://" + checkoutHost + ":" + httpsPort
	dir := filepath.Join(c.dir, "nginx")
	if err := os.MkdirAll(filepath.Join(dir, "tmp"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "checkout.conf"), c.nginxConf(httpsPort, httpPort))
	user := ""
	if os.Geteuid() == 0 {
		user = "user root root;\n" // workers write bodies under the test's root-owned directory
	}
	main := fmt.Sprintf(`%sworker_processes 1;
pid %[2]s/nginx.pid;
error_log %[2]s/error.log warn;
events { worker_connections 4096; }
http {
    access_log %[2]s/access.log;
    client_body_temp_path %[2]s/tmp/body;
    proxy_temp_path %[2]s/tmp/proxy;
    fastcgi_temp_path %[2]s/tmp/fastcgi;
    uwsgi_temp_path %[2]s/tmp/uwsgi;
    scgi_temp_path %[2]s/tmp/scgi;
    include %[2]s/checkout.conf;
}
`, user, dir)
	conf := filepath.Join(dir, "nginx.conf")
	writeFile(t, conf, main)
	if out, err := exec.Command(exe, "-t", "-p", dir, "-c", conf).CombinedOutput(); err != nil {
		t.Fatalf("nginx -t: %v\n%s", err, out)
	}
	p, _ := start(t, filepath.Join(c.dir, "nginx.out"), "", nil, exe, "-p", dir, "-c", conf, "-g", "daemon off;")
	return p
}

// tlsClient trusts the test's certificate.
func (c *cluster) tlsClient() *http.Client {
	pool := x509.NewCertPool()
	b, _ := os.ReadFile(c.cert)
	pool.AppendCertsFromPEM(b)
	dialer := &net.Dialer{Timeout: 10 * time.Second}
	dial := func(ctx context.Context, network, addr string) (net.Conn, error) {
		if host, port, err := net.SplitHostPort(addr); err == nil && host == checkoutHost {
			addr = net.JoinHostPort("127.0.0.1", port)
		}
		return dialer.DialContext(ctx, network, addr)
	}
	return &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{DialContext: dial, TLSClientConfig: &tls.Config{RootCAs: pool}}}
}

// startMerchant serves the shop's page, which frames c.framed, over https.
func (c *cluster) startMerchant() {
	t := c.t
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	c.merchant = "https://" + ln.Addr().String()
	pair, err := tls.LoadX509KeyPair(c.cert, c.key)
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{
		ReadHeaderTimeout: 10 * time.Second,
		TLSConfig:         &tls.Config{Certificates: []tls.Certificate{pair}},
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			c.merchantMu.Lock()
			link := c.framed
			c.merchantMu.Unlock()
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprintf(w, `<!doctype html><title>Shop</title><h1>Top up</h1><iframe id="checkout" width="360" height="700" src="%s"></iframe>`, link)
		}),
	}
	go srv.ServeTLS(ln, "", "")
	t.Cleanup(func() { srv.Close() })
}

// link is a signed entry link from the built binary's link subcommand, as
// the merchant's server would make one.
func (c *cluster) link(args ...string) string {
	t := c.t
	cmd := exec.Command(c.bin, append([]string{"link", "-config", filepath.Join("..", "deploy", "config.ini"), "-base", c.public}, args...)...)
	cmd.Env = append(os.Environ(), c.env()...)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("checkout link: %v", err)
	}
	return strings.TrimSpace(string(out))
}

// requestClients are the client addresses the instances logged, by the
// request lines (JSON) of every instance's log.
func (c *cluster) requestClients() map[string]int {
	clients := map[string]int{}
	for _, in := range c.instances {
		b, _ := os.ReadFile(in.log)
		for line := range strings.Lines(string(b)) {
			var rec struct{ Msg, Client string }
			if json.Unmarshal([]byte(line), &rec) == nil && rec.Msg == "request" {
				clients[rec.Client]++
			}
		}
	}
	return clients
}

// newCluster starts the sandbox, the shop, two instances and nginx.
func newCluster(t *testing.T) (*cluster, string) {
	nginx := need(t, "nginx", "nginx")
	c := &cluster{t: t, dir: t.TempDir()}
	c.bin = build(t, c.dir, ".", "checkout")
	c.load = build(t, c.dir, "./cmd/loadtest", "loadtest")
	c.makeCert()

	_, line := start(t, filepath.Join(c.dir, "sandbox.log"), "sandbox listening on ", nil, c.bin, "sandbox", "-addr", "127.0.0.1:0")
	c.sandbox, _, _ = strings.Cut(strings.TrimPrefix(line, "sandbox listening on "), " ")
	c.startMerchant()
	for _, name := range []string{"a", "b"} {
		c.instances = append(c.instances, &instance{name: name, addr: "127.0.0.1:" + freePort(t), log: filepath.Join(c.dir, "instance-"+name+".log")})
	}
	c.startNginx(nginx) // names c.public, which the instances need
	for _, in := range c.instances {
		c.startInstance(in)
	}
	waitOK(t, c.public+"/healthz", c.tlsClient())
	return c, nginx
}
