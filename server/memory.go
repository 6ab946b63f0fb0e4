package server

import (
	"fmt"
	"runtime/debug"
)

// TuneMemory sets how the garbage collector paces itself: with a limit, it
// collects only as the Go runtime's memory nears it (GOGC off, GOMEMLIMIT
// at limit) instead of whenever the heap doubles. The checkout keeps a few
// megabytes of live data and makes ~30 KB of garbage per page, so Go's
// default collects every hundred pages or so, and on a 2-core machine the
// collections and their write barriers took more CPU than the pages
// themselves (BENCHMARKS.md, "Round 3"). Past the limit, Go's own limiter
// keeps collection under half the CPU, and the process grows rather than
// stalls. An operator's GOGC or GOMEMLIMIT wins: it is left as set.
// limit 0 leaves Go's default. What was done, for the start-up log.
func TuneMemory(limit int64, getenv func(string) string) string {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return "as GOGC/GOMEMLIMIT set it"
	}
	if limit <= 0 {
		return "Go's default"
	}
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(limit)
	return fmt.Sprintf("collect near %d MiB", limit>>20)
}
