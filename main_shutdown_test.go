package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestRun_ShutdownLetsARequestInFlightFinish is what SIGTERM/SIGINT do to a
// deploy: the port closes at once, the request being served still gets its
// answer, and only then does run return, without an error.
//
// The request is held in flight by its own body rather than by a timer: it
// asks for "Expect: 100-continue", so the "100 Continue" proves the handler
// is running and reading, and the rest of the body is sent only once new
// connections are refused. No step depends on how fast anything runs.
func TestRun_ShutdownLetsARequestInFlightFinish(t *testing.T) {
	path := filepath.Join(t.TempDir(), "checkout.ini")
	ini := "[server]\naddr = 127.0.0.1:0\n[admin]\naddr = off\n[session]\nkey = a-test-session-key-of-at-least-32-characters\n"
	if err := os.WriteFile(path, []byte(ini), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out, w := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"checkout", "-config", path}, func(string) string { return "" }, w)
		w.Close()
	}()
	returned := false
	t.Cleanup(func() { // a test that failed half way still stops the server
		cancel()
		if !returned {
			select {
			case <-done:
			case <-time.After(30 * time.Second):
				t.Error("run did not return after the test")
			}
		}
	})
	lines := bufio.NewScanner(out)
	addr := ""
	for addr == "" && lines.Scan() {
		if a, ok := strings.CutPrefix(lines.Text(), "listening on http://"); ok {
			addr = a
		}
	}
	if addr == "" {
		t.Fatalf("run ended before listening: %v", <-done)
	}
	go io.Copy(io.Discard, out) // the logs must keep flowing or the server blocks

	// The sandbox answers this API path with its maintenance page, after
	// reading the whole body (as faults do), so the body decides when the
	// request ends.
	resp, err := http.Post("http://"+addr+"/sandbox/_sandbox/fault?secret=sandbox-secret&path=/api/v1/possible-transaction&kind=html&times=1", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("setting the sandbox fault: %d", resp.StatusCode)
	}

	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(60 * time.Second)) // a hung server fails the test, not the suite
	body := "amount=500&label=u1"
	req, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/sandbox/api/v1/possible-transaction", nil)
	fmt.Fprintf(conn, "POST /sandbox/api/v1/possible-transaction HTTP/1.1\r\nHost: %s\r\n"+
		"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\nExpect: 100-continue\r\n\r\n", addr, len(body))
	replies := bufio.NewReader(conn)
	cont, err := http.ReadResponse(replies, req)
	if err != nil {
		t.Fatalf("no reply to the request's headers: %v", err)
	}
	if cont.StatusCode != http.StatusContinue {
		t.Fatalf("the handler answered before reading the body: %d", cont.StatusCode)
	}

	cancel() // as SIGTERM does through signal.NotifyContext

	// The port closes while the request is still being served: a new
	// connection is refused rather than accepted and left unanswered.
	deadline := time.Now().Add(20 * time.Second)
	for {
		c, err := net.Dial("tcp", addr)
		if errors.Is(err, syscall.ECONNREFUSED) {
			break
		}
		// A dial racing the close may connect, or be reset as the kernel
		// drops the listener's backlog; the next one must be refused.
		if err != nil && !errors.Is(err, syscall.ECONNRESET) {
			t.Fatalf("a new connection after shutdown began: %v, want connection refused", err)
		}
		if c != nil {
			c.Close()
		}
		if time.Now().After(deadline) {
			t.Fatal("new connections are still accepted 20s after shutdown began")
		}
		time.Sleep(10 * time.Millisecond)
	}
	select {
	case err := <-done:
		returned = true
		t.Fatalf("run returned (%v) with a request still in flight", err)
	default:
	}

	if _, err := io.WriteString(conn, body); err != nil {
		t.Fatalf("the request in flight was cut off: %v", err)
	}
	final, err := http.ReadResponse(replies, req)
	if err != nil {
		t.Fatalf("the request in flight got no answer: %v", err)
	}
	page, err := io.ReadAll(final.Body)
	final.Body.Close()
	if err != nil {
		t.Fatalf("the answer was cut off: %v", err)
	}
	if final.StatusCode != http.StatusOK || !strings.Contains(string(page), "Maintenance") {
		t.Errorf("the request in flight: %d\n%s", final.StatusCode, page)
	}

	select {
	case err := <-done:
		returned = true
		if err != nil {
			t.Errorf("run after a graceful shutdown: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("run did not return 30s after the last request ended")
	}
}

// TestRun_DrainSaysNotReadyWhileServing: on SIGTERM with server.drain set,
// /readyz answers 503 at once, so a balancer that probes moves traffic
// away, while every other request is still served; then run returns.
func TestRun_DrainSaysNotReadyWhileServing(t *testing.T) {
	// The drain is long enough for two requests on a loaded machine; the
	// test waits for it once, at the end.
	addr, cancel, done := runDraining(t, "8s")
	get := func(path string) (int, string) {
		t.Helper()
		resp, err := http.Get("http://" + addr + path)
		if err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, body := get("/readyz"); code != http.StatusOK {
		t.Fatalf("/readyz before SIGTERM: %d %s", code, body)
	}

	cancel() // as SIGTERM does through signal.NotifyContext
	// Draining starts as the signal is seen: poll for it rather than guess
	// when; the port stays open throughout, so every answer counts.
	for {
		code, body := get("/readyz")
		if code == http.StatusServiceUnavailable && strings.Contains(body, "draining") {
			break
		}
		if code != http.StatusOK {
			t.Fatalf("/readyz while draining: %d %s", code, body)
		}
		time.Sleep(5 * time.Millisecond)
	}
	if code, body := get(demoPath); code != http.StatusOK {
		t.Errorf("a page while draining: %d, want it served\n%.300s", code, body)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("run after draining: %v", err)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("run did not return after the drain")
	}
}

// TestRun_ASecondSignalEndsTheDrain: an operator who sends SIGTERM again
// (or presses Ctrl-C twice) does not wait out server.drain: run returns,
// requests in flight finished, long before the five minutes set here.
func TestRun_ASecondSignalEndsTheDrain(t *testing.T) {
	addr, cancel, done := runDraining(t, "5m")

	cancel() // the first SIGTERM, as signal.NotifyContext relays it
	for {    // draining once /readyz says so; the second signal is heard from then on
		resp, err := http.Get("http://" + addr + "/readyz")
		if err != nil {
			t.Fatalf("/readyz while draining: %v", err)
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusServiceUnavailable {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("run after the second signal: %v", err)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("run still draining a minute after the second signal (drain = 5m)")
	}
}

// runDraining starts run with server.drain set and returns its address,
// the cancel that stands for SIGTERM (as signal.NotifyContext relays it)
// and run's result.
func runDraining(t *testing.T, drain string) (string, context.CancelFunc, <-chan error) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "checkout.ini")
	ini := "[server]\naddr = 127.0.0.1:0\ndrain = " + drain + "\n[admin]\naddr = off\n[session]\nkey = a-test-session-key-of-at-least-32-characters\n"
	if err := os.WriteFile(path, []byte(ini), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	out, w := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"checkout", "-config", path}, func(string) string { return "" }, w)
		w.Close()
	}()
	lines := bufio.NewScanner(out)
	addr := ""
	for addr == "" && lines.Scan() {
		if a, ok := strings.CutPrefix(lines.Text(), "listening on http://"); ok {
			addr = a
		}
	}
	if addr == "" {
		t.Fatalf("run ended before listening: %v", <-done)
	}
	go io.Copy(io.Discard, out)
	return addr, cancel, done
}
