package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// start runs the checkout as main does and returns its base URL once it
// listens. It stops when the test ends.
func start(t *testing.T, args []string, env map[string]string) string {
	t.Helper()
	return startServers(t, args, env, io.Discard).base
}

// servers are the addresses a started checkout listens on.
type servers struct {
	base  string // the public server, http://host:port
	admin string // the admin server (/metrics); "" when off
}

// startServers is start that also gives the admin address, and copies the
// logs to logs.
func startServers(t *testing.T, args []string, env map[string]string, logs io.Writer) servers {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out, w := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, append([]string{"checkout"}, args...), func(k string) string { return env[k] }, w)
		w.Close()
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("run: %v", err)
		}
	})
	var s servers
	lines := bufio.NewScanner(out)
	for lines.Scan() {
		fmt.Fprintln(logs, lines.Text())
		if addr, ok := strings.CutPrefix(lines.Text(), "admin on "); ok {
			s.admin = addr
		}
		if addr, ok := strings.CutPrefix(lines.Text(), "listening on "); ok {
			s.base = addr
			go io.Copy(logs, out) // keep the logs flowing
			return s
		}
	}
	t.Fatalf("run ended before listening: %v", <-done)
	return s
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestRun_ServesTheCheckoutAndTheSandboxFromAConfigFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "checkout.ini")
	ini := "[server]\naddr = 127.0.0.1:0\n[admin]\naddr = 127.0.0.1:0\n[session]\nkey = a-test-session-key-of-at-least-32-characters\n"
	if err := os.WriteFile(path, []byte(ini), 0o600); err != nil {
		t.Fatal(err)
	}
	base := start(t, []string{"-config", path}, nil)

	if code, body := get(t, base+"/healthz"); code != 200 || body != "ok\n" {
		t.Errorf("healthz: %d %q", code, body)
	}
	code, body := get(t, base+"/?label=u42&currency_code=INR")
	if code != 200 || !strings.Contains(body, `data-type="paytm"`) {
		t.Errorf("choose page: %d\n%s", code, body)
	}
	if code, _ := get(t, base+"/sandbox/sandbox-assets/logo/paytm.svg"); code != 200 {
		t.Errorf("the sandbox's assets are not served: %d", code)
	}
}

func TestRun_WithoutConfigIniUsesTheDefaultsAndTheEnvironment(t *testing.T) {
	t.Chdir(t.TempDir())
	base := start(t, nil, map[string]string{"SERVER_ADDR": "127.0.0.1:0", "ADMIN_ADDR": "off"})
	if code, _ := get(t, base+"/healthz"); code != 200 {
		t.Errorf("healthz: %d", code)
	}
}

// A real Paykassma with no signing key would be demo mode: anyone typing
// ?label= pays as that depositor. It starts only when told so, and says so.
func TestRun_RealPaykassmaWithoutSigningKey(t *testing.T) {
	real := map[string]string{"SERVER_ADDR": "127.0.0.1:0", "ADMIN_ADDR": "off",
		"PAYKASSMA_BASE_URL": "http://127.0.0.1:1", "PAYKASSMA_SECRET": "s"}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second) // had it started, it stops
	defer cancel()
	err := run(ctx, []string{"checkout"}, func(k string) string { return real[k] }, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "merchant.signing_key") || !strings.Contains(err.Error(), "merchant.allow_unsigned = true") {
		t.Fatalf("run: %v, want a refusal naming merchant.signing_key and merchant.allow_unsigned", err)
	}
	real["MERCHANT_ALLOW_UNSIGNED"] = "true"
	_, lines, _ := runLogged(t, real)
	for _, l := range lines() {
		if strings.Contains(l, "level=WARN") && strings.Contains(l, "merchant.allow_unsigned") {
			return
		}
	}
	t.Errorf("no warning at start:\n%s", strings.Join(lines(), "\n"))
}

func TestRun_RefusesABadConfig(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.ini")
	os.WriteFile(bad, []byte("[server]\nadress = :8080\n"), 0o600)
	for name, args := range map[string][]string{
		"missing file": {"-config", filepath.Join(dir, "nope.ini")},
		"unknown key":  {"-config", bad},
	} {
		if err := run(context.Background(), append([]string{"checkout"}, args...), func(string) string { return "" }, io.Discard); err == nil {
			t.Errorf("%s: run started", name)
		}
	}
}
