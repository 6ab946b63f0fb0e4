package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// syncLines collects log lines written from another goroutine.
type syncLines struct{ ch chan string }

func (s *syncLines) Write(p []byte) (int, error) {
	for _, l := range strings.Split(strings.TrimRight(string(p), "\n"), "\n") {
		select {
		case s.ch <- l:
		default: // a test that stopped reading does not block the server
		}
	}
	return len(p), nil
}

func TestRun_AdminServesMetricsThatAJourneyMoved(t *testing.T) {
	s := startServers(t, nil, map[string]string{
		"SERVER_ADDR": "127.0.0.1:0", "ADMIN_ADDR": "127.0.0.1:0",
		"SESSION_KEY": "a-test-session-key-of-at-least-32-characters",
	}, &syncLines{ch: make(chan string, 1000)})
	if s.admin == "" {
		t.Fatal("no admin server started")
	}
	if code, _ := get(t, s.base+"/?label=u42&currency_code=INR"); code != 200 {
		t.Fatalf("choose page: %d", code)
	}
	if code, _ := get(t, s.base+"/metrics"); code != 404 {
		t.Errorf("/metrics is served to the public: %d", code)
	}
	code, body := get(t, s.admin+"/metrics")
	if code != 200 {
		t.Fatalf("metrics: %d", code)
	}
	for _, want := range []string{
		`checkout_http_requests_total{route="/",status="200"} 1`,
		`checkout_upstream_request_duration_seconds_count{endpoint="payment-systems/available",result="ok"} 1`,
		`go_goroutines`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
}

func TestRun_AdminOffStartsNoAdminServer(t *testing.T) {
	for _, v := range []string{"off", "OFF"} {
		s := startServers(t, nil, map[string]string{"SERVER_ADDR": "127.0.0.1:0", "ADMIN_ADDR": v}, &syncLines{ch: make(chan string, 100)})
		if s.admin != "" {
			t.Errorf("ADMIN_ADDR=%s: an admin server on %s", v, s.admin)
		}
	}
}

func TestRun_JSONLogsOneObjectPerRequestWithItsID(t *testing.T) {
	logs := &syncLines{ch: make(chan string, 1000)}
	s := startServers(t, nil, map[string]string{
		"SERVER_ADDR": "127.0.0.1:0", "ADMIN_ADDR": "off", "SERVER_LOG_FORMAT": "json",
	}, logs)
	get(t, s.base+"/healthz?secret=do-not-log")
	for l := range logs.ch {
		if !strings.HasPrefix(l, "{") {
			continue // the plain "listening on" lines for scripts
		}
		var rec map[string]any
		if err := json.Unmarshal([]byte(l), &rec); err != nil {
			t.Fatalf("not JSON: %q", l)
		}
		if rec["msg"] != "request" {
			continue
		}
		if rec["route"] != "/healthz" || rec["status"] != float64(200) || rec["path"] != "/healthz" {
			t.Errorf("request line: %v", rec)
		}
		if id, _ := rec["request_id"].(string); len(id) < 8 {
			t.Errorf("request line without an id: %v", rec)
		}
		if strings.Contains(l, "do-not-log") {
			t.Errorf("the query string was logged: %s", l)
		}
		return
	}
}
