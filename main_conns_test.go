package main

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestRun_ConnectionsPerClientIPAreCapped: one client may keep only
// limits.conns_per_ip connections open, idle ones included; one more is
// closed unanswered, and a place comes back when one closes. A trusted
// proxy, which carries every client's connections, is exempt.
func TestRun_ConnectionsPerClientIPAreCapped(t *testing.T) {
	for _, tc := range []struct {
		name, trusted string
		capped        bool
	}{
		{"a client", "", true},
		{"a trusted proxy", "127.0.0.1", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			base := start(t, nil, map[string]string{
				"SERVER_ADDR": "127.0.0.1:0", "ADMIN_ADDR": "off", "SESSION_KEY": "a-test-session-key-of-at-least-32-characters",
				"LIMITS_CONNS_PER_IP": "4", "LIMITS_TRUSTED_PROXIES": tc.trusted,
			})
			addr := strings.TrimPrefix(base, "http://")
			var held []net.Conn
			for range 4 {
				c := dial(t, addr)
				held = append(held, c)
				if err := healthz(c); err != nil {
					t.Fatalf("connection %d of 4: %v", len(held), err)
				}
			}
			extra := dial(t, addr)
			err := healthz(extra)
			if tc.capped && err == nil {
				t.Fatal("a fifth connection from one client was served, want it closed")
			}
			if !tc.capped && err != nil {
				t.Fatalf("a fifth connection from a trusted proxy: %v", err)
			}
			if !tc.capped {
				return
			}
			if strings.Contains(err.Error(), "timeout") {
				t.Errorf("the fifth connection was left open unanswered (%v), want it closed", err)
			}
			held[0].Close()
			// The server learns of the close when it next reads.
			deadline := time.Now().Add(5 * time.Second)
			for {
				err := healthz(dial(t, addr))
				if err == nil {
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("no place after one of four connections closed: %v", err)
				}
				time.Sleep(20 * time.Millisecond)
			}
			for i, c := range held[1:] {
				if err := healthz(c); err != nil {
					t.Errorf("held connection %d: %v", i+2, err)
				}
			}
		})
	}
}

func dial(t *testing.T, addr string) net.Conn {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// healthz asks for /healthz on a kept-alive connection.
func healthz(c net.Conn) error {
	c.SetDeadline(time.Now().Add(3 * time.Second))
	if _, err := fmt.Fprint(c, "GET /healthz HTTP/1.1\r\nHost: checkout\r\n\r\n"); err != nil {
		return err
	}
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	return nil
}
