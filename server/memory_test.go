package server

import (
	"math"
	"runtime/debug"
	"testing"
)

func TestTuneMemory_CollectsNearTheLimitUnlessTheOperatorChose(t *testing.T) {
	gc, limit := debug.SetGCPercent(100), debug.SetMemoryLimit(math.MaxInt64)
	t.Cleanup(func() { debug.SetGCPercent(gc); debug.SetMemoryLimit(limit) })
	env := func(vars map[string]string) func(string) string { return func(k string) string { return vars[k] } }

	if got := TuneMemory(32<<20, env(nil)); got != "collect near 32 MiB" {
		t.Errorf("said %q", got)
	}
	if l := debug.SetMemoryLimit(-1); l != 32<<20 {
		t.Errorf("memory limit %d, want 32 MiB", l)
	}
	if p := debug.SetGCPercent(100); p != -1 {
		t.Errorf("GOGC %d, want off: the limit alone paces the collector", p)
	}

	debug.SetMemoryLimit(math.MaxInt64)
	for _, vars := range []map[string]string{{"GOGC": "200"}, {"GOMEMLIMIT": "1GiB"}} {
		TuneMemory(32<<20, env(vars))
		if l, p := debug.SetMemoryLimit(-1), debug.SetGCPercent(100); l != math.MaxInt64 || p != 100 {
			t.Errorf("with %v the checkout changed the collector (limit %d, GOGC %d)", vars, l, p)
		}
	}
	if got := TuneMemory(0, env(nil)); got != "Go's default" || debug.SetMemoryLimit(-1) != math.MaxInt64 {
		t.Errorf("memory_limit 0 changed the collector (%q)", got)
	}
}
