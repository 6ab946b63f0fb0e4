package sandbox

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
)

func TestClient_CancelledContextReturnsWithoutWaitingForHandler(t *testing.T) {
	release := make(chan struct{})
	entered := make(chan struct{})
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(entered)
		<-release // blocks until the test ends
		w.Write([]byte("late"))
	})
	defer close(release)
	c := &http.Client{Transport: &memTransport{h: h}}
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-entered
		cancel()
	}()
	req, _ := http.NewRequestWithContext(ctx, "GET", "http://sandbox.invalid/slow", nil)
	_, err := c.Do(req)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled while the handler still runs", err)
	}
}

func TestClient_AlreadyCancelledContextNeverReachesHandler(t *testing.T) {
	called := false
	c := &http.Client{Transport: &memTransport{h: http.HandlerFunc(func(http.ResponseWriter, *http.Request) { called = true })}}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req, _ := http.NewRequestWithContext(ctx, "POST", "http://sandbox.invalid/x", strings.NewReader("{}"))
	if _, err := c.Do(req); !errors.Is(err, context.Canceled) || called {
		t.Errorf("err = %v, handler called = %v", err, called)
	}
}

func TestClient_ServesLikeNetHTTP(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if r.RequestURI != "/echo?a=1" || r.Host != "sandbox.invalid" || r.URL.Host != "" || string(body) != "ping" {
			http.Error(w, "server-side request looks wrong: "+r.RequestURI+" "+r.Host, 500)
			return
		}
		w.Header().Set("X-Before", "1")
		w.WriteHeader(http.StatusTeapot)
		w.Header().Set("X-After", "1") // too late, as on a real connection
		w.Write([]byte("pong"))
		if p := body; len(p) > 0 {
			p[0] = 'X' // the handler scribbling on its buffers cannot reach the caller
		}
	})
	c := (&Server{mux: http.NewServeMux()}).Client()
	c.Transport = &memTransport{h: h}
	res, err := c.Post("http://sandbox.invalid/echo?a=1", "text/plain", strings.NewReader("ping"))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusTeapot || string(body) != "pong" || res.Header.Get("X-Before") != "1" || res.Header.Get("X-After") != "" {
		t.Errorf("HTTP %d %q X-Before=%q X-After=%q", res.StatusCode, body, res.Header.Get("X-Before"), res.Header.Get("X-After"))
	}
}

func TestClient_PanickingHandlerIsAnError(t *testing.T) {
	c := &http.Client{Transport: &memTransport{h: http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") })}}
	if _, err := c.Get("http://sandbox.invalid/"); err == nil {
		t.Error("a handler panic came back as an answer")
	}
}

func TestClient_ReturnsRedirectsUnfollowed(t *testing.T) {
	s := New(Options{})
	res, err := s.Client().Get("http://sandbox.invalid/sandbox-assets/hint/../logo/paytm.svg")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode/100 != 3 {
		t.Errorf("HTTP %d, want the redirect itself", res.StatusCode)
	}
}
