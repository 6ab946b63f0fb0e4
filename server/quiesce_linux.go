package server

import (
	"net"
	"time"

	"golang.org/x/sys/unix"
)

// quiesce polls the accept queue's length until it is empty.
func quiesce(ln *net.TCPListener, max time.Duration) {
	raw, err := ln.SyscallConn()
	if err != nil {
		return
	}
	for deadline := time.Now().Add(max); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		queued, known := uint32(0), false
		raw.Control(func(fd uintptr) {
			info, err := unix.GetsockoptTCPInfo(int(fd), unix.IPPROTO_TCP, unix.TCP_INFO)
			if err == nil {
				queued, known = info.Unacked, true
			}
		})
		if !known || queued == 0 {
			return
		}
	}
}
