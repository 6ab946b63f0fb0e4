package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestRunSandbox_ServesTheAPIOnItsOwnAndCountsActivations: `checkout
// sandbox` is a fake Paykassma several instances can share, and a test can
// ask it what it recorded.
func TestRunSandbox_ServesTheAPIOnItsOwnAndCountsActivations(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	out, w := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"checkout", "sandbox", "-addr", "127.0.0.1:0", "-secret", "s3"}, func(string) string { return "" }, w)
		w.Close()
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("sandbox after shutdown: %v", err)
			}
		case <-time.After(30 * time.Second):
			t.Error("the sandbox did not stop")
		}
	})
	lines := bufio.NewScanner(out)
	base := ""
	for base == "" && lines.Scan() {
		if rest, ok := strings.CutPrefix(lines.Text(), "sandbox listening on "); ok {
			base, _, _ = strings.Cut(rest, " ")
		}
	}
	if base == "" {
		t.Fatalf("the sandbox did not say where it listens: %v", <-done)
	}
	go io.Copy(io.Discard, out)

	resp, err := http.PostForm(base+"/api/v1/transaction/activate?secret=s3", map[string][]string{
		"wallet_type": {"paytm"}, "label": {"u1"}, "currency_code": {"INR"}, "key1": {"71234567811"}, "custom_transaction_id": {"ref-1"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	resp, err = http.Get(base + "/_sandbox/activations?secret=s3")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var got struct{ Activations map[string]int }
	if err := json.NewDecoder(resp.Body).Decode(&got); err != nil {
		t.Fatalf("activations: %d %v", resp.StatusCode, err)
	}
	if got.Activations["ref-1"] != 1 {
		t.Errorf("activations %v, want ref-1 once", got.Activations)
	}
	if resp, err := http.Get(base + "/_sandbox/activations"); err != nil || resp.StatusCode != http.StatusForbidden {
		t.Errorf("activations without the secret: %v %v, want 403", resp.StatusCode, err)
	}
}
