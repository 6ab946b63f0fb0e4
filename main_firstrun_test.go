package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net"
	"strings"
	"testing"
	"time"
)

// `go run .` must name a page that answers: the bare address is a 400 (no
// depositor), so in sandbox demo mode the demo depositor's URL is printed.
func TestRun_PrintsTheDemoDepositorsURLThatWorks(t *testing.T) {
	t.Chdir(t.TempDir())
	ctx, cancel := context.WithCancel(context.Background())
	out, w := io.Pipe()
	done := make(chan error, 1)
	env := map[string]string{"SERVER_ADDR": "127.0.0.1:0", "ADMIN_ADDR": "off"}
	go func() {
		done <- run(ctx, []string{"checkout"}, func(k string) string { return env[k] }, w)
		w.Close()
	}()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("run: %v", err)
		}
	}()
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	defer func() {
		go func() {
			for range lines {
			}
		}()
	}()
	for l := range lines {
		if !strings.HasPrefix(l, "listening on ") {
			continue
		}
		// The line right after "listening on" names the page to open.
		var next string
		select {
		case next = <-lines:
		case <-time.After(5 * time.Second):
		}
		rest, ok := strings.CutPrefix(next, "open ")
		if !ok {
			t.Fatalf("after listening: %q, want \"open http://…\"", next)
		}
		url, _, _ := strings.Cut(rest, " ")
		if !strings.Contains(url, "label=demo-user") || !strings.Contains(url, "currency_code=INR") {
			t.Errorf("printed %q, want the demo depositor", url)
		}
		if code, _ := get(t, url); code != 200 {
			t.Errorf("GET %s: %d, want 200", url, code)
		}
		return
	}
	t.Fatal("no \"open http://…\" line printed")
}

func TestRun_PortTakenNamesSERVER_ADDR(t *testing.T) {
	t.Chdir(t.TempDir())
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	env := map[string]string{"SERVER_ADDR": ln.Addr().String(), "ADMIN_ADDR": "off"}
	err = run(context.Background(), []string{"checkout"}, func(k string) string { return env[k] }, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "SERVER_ADDR") {
		t.Fatalf("run on a taken port: %v, want an error naming SERVER_ADDR", err)
	}
}

func TestRun_HelpListsTheLinkSubcommand(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), []string{"checkout", "-h"}, func(string) string { return "" }, &out); err != nil {
		t.Errorf("run -h: %v", err)
	}
	if !strings.Contains(out.String(), "checkout link") || !strings.Contains(out.String(), "-config") {
		t.Errorf("run -h printed:\n%s\nwant the link subcommand and -config", out.String())
	}
}
