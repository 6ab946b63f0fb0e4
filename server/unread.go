package server

import (
	"net"
	"net/http"
	"sync"
	"time"
)

// Unread tracks the connections accepted whose first request has not been
// read yet (http.StateNew), for a shutdown that loses none of them: once
// Shutdown has begun, net/http closes a connection without an answer when
// it reads its request (Go 1.26's conn.serve), so a request nginx had sent
// on a connection just accepted would get "upstream prematurely closed" and
// a 502, for a POST with no retry. Install ConnState as the server's
// ConnState hook; after closing the listener, Wait, then Shutdown.
type Unread struct {
	mu    sync.Mutex
	conns map[net.Conn]struct{}
}

// ConnState is an http.Server ConnState hook.
func (u *Unread) ConnState(c net.Conn, s http.ConnState) {
	u.mu.Lock()
	defer u.mu.Unlock()
	if s == http.StateNew {
		if u.conns == nil {
			u.conns = map[net.Conn]struct{}{}
		}
		u.conns[c] = struct{}{}
		return
	}
	delete(u.conns, c)
}

// Len is how many connections wait for their first request to be read.
func (u *Unread) Len() int {
	u.mu.Lock()
	defer u.mu.Unlock()
	return len(u.conns)
}

// Wait returns once every connection accepted has had its first request
// read (or was closed), or after max: a client that opened a connection and
// sends nothing is not waited for.
func (u *Unread) Wait(max time.Duration) {
	for deadline := time.Now().Add(max); u.Len() > 0 && time.Now().Before(deadline); {
		time.Sleep(time.Millisecond)
	}
}
