package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// runLogged runs the checkout with env, collecting every line it writes.
// stop ends it and returns all the lines, once run has returned.
func runLogged(t *testing.T, env map[string]string) (base string, lines func() []string, stop func() []string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out, w := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"checkout"}, func(k string) string { return env[k] }, w)
		w.Close()
	}()
	var (
		mu  sync.Mutex
		got []string
	)
	listening := make(chan string, 1)
	read := make(chan struct{})
	go func() {
		defer close(read)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			mu.Lock()
			got = append(got, sc.Text())
			mu.Unlock()
			if a, ok := strings.CutPrefix(sc.Text(), "listening on "); ok {
				listening <- a
			}
		}
	}()
	lines = func() []string { mu.Lock(); defer mu.Unlock(); return append([]string(nil), got...) }
	stopped := false
	stop = func() []string {
		if !stopped {
			stopped = true
			cancel()
			if err := <-done; err != nil {
				t.Errorf("run: %v", err)
			}
			<-read
		}
		return lines()
	}
	t.Cleanup(func() { stop() })
	select {
	case base = <-listening:
	case err := <-done:
		t.Fatalf("run ended before listening: %v", err)
	}
	return base, lines, stop
}

func requestLines(lines []string, path string) int {
	n := 0
	for _, l := range lines {
		if strings.Contains(l, "msg=request") && strings.Contains(l, "path="+path+" ") {
			n++
		}
	}
	return n
}

// Request lines wait for log_flush and are written together, and whatever
// waits when the server stops is written before run returns: a deploy
// loses no line.
func TestRun_RequestLinesWaitForTheFlushAndNoneIsLostAtShutdown(t *testing.T) {
	base, lines, stop := runLogged(t, map[string]string{
		"SERVER_ADDR": "127.0.0.1:0", "ADMIN_ADDR": "off", "SERVER_LOG_FLUSH": "5s",
	})
	for range 3 {
		get(t, base+"/healthz")
	}
	if n := requestLines(lines(), "/healthz"); n != 0 {
		t.Errorf("%d request lines written at once with log_flush = 5s", n)
	}
	if n := requestLines(stop(), "/healthz"); n != 3 {
		t.Errorf("after shutdown %d request lines, want 3:\n%s", n, strings.Join(lines(), "\n"))
	}
}

// With the default log_flush a line is written within a moment, not at shutdown.
func TestRun_RequestLinesAreWrittenWhileServing(t *testing.T) {
	base, lines, _ := runLogged(t, map[string]string{"SERVER_ADDR": "127.0.0.1:0", "ADMIN_ADDR": "off"})
	get(t, base+"/healthz")
	for deadline := time.Now().Add(10 * time.Second); requestLines(lines(), "/healthz") == 0; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("no request line while serving")
		}
	}
}

// A warning is written at once, with the lines before it, whatever log_flush says.
func TestRun_AWarningIsWrittenAtOnce(t *testing.T) {
	base, lines, _ := runLogged(t, map[string]string{
		"SERVER_ADDR": "127.0.0.1:0", "ADMIN_ADDR": "off", "SERVER_LOG_FLUSH": "5s",
		"SESSION_KEY": "a-test-session-key-of-at-least-32-characters", // no warning at start
	})
	get(t, base+"/healthz")
	// Paykassma answering 500 once: the choose page's fault is logged at WARN.
	resp, err := http.Post(base+"/sandbox/_sandbox/fault?secret=sandbox-secret&path=/api/v1/payment-systems/available&kind=status&status=500&times=1", "", nil)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("fault: %v %v", resp, err)
	}
	resp.Body.Close()
	if code, _ := get(t, base+"/?label=warn-test&currency_code=INR"); code != http.StatusBadGateway {
		t.Fatalf("choose page with Paykassma down: %d", code)
	}
	deadline := time.Now().Add(4 * time.Second) // before the 5 s flush could have written it
	for !strings.Contains(strings.Join(lines(), "\n"), "level=WARN") {
		if time.Now().After(deadline) {
			t.Fatalf("the warning waited:\n%s", strings.Join(lines(), "\n"))
		}
		time.Sleep(10 * time.Millisecond)
	}
	if requestLines(lines(), "/healthz") != 1 {
		t.Errorf("the line before the warning was not written with it:\n%s", strings.Join(lines(), "\n"))
	}
}
