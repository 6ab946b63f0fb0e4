package server

import (
	"net"
	"time"
)

// Quiesce waits, at most max, for a moment when ln has no connection
// queued, so that closing it right after resets none that a client such as
// nginx already sent a request on.
//
// Closing a listening socket resets every connection the kernel completed
// but the server had not yet accepted: the client sent its request and gets
// a reset. nginx retries such a GET on another instance, but never a POST it
// has sent (that could pay twice): the person would get nginx's 502. Under
// load a busy process leaves a few connections queued at any moment (a
// dozen in the end-to-end test on 2 cores); closing when the queue is empty
// leaves only the connections that arrive in the microseconds between the
// check and the close. Linux only (the accept queue's length is TCP_INFO's
// unacked for a listener); elsewhere it returns at once.
//
// A socket filter dropping new SYNs would close the gap entirely, but
// SO_ATTACH_FILTER is refused on the machines this runs on (EOPNOTSUPP).
func Quiesce(ln net.Listener, max time.Duration) {
	tcp, ok := ln.(*net.TCPListener)
	if !ok {
		return
	}
	quiesce(tcp, max)
}
