package handlers

import "sync"

// memo keeps the results of a pure function, so the pages' formatting is
// done once per distinct input rather than once per request. It holds at
// most max entries and forgets them all when full: the inputs in use (a
// few currencies, PSs and languages; the amounts people see) come back at
// once. Values must be immutable or copied by the caller on the way out:
// one is shared by every request that asks for it.
type memo[K comparable, V any] struct {
	mu  sync.RWMutex
	m   map[K]V
	max int
}

func newMemo[K comparable, V any](max int) *memo[K, V] {
	return &memo[K, V]{m: make(map[K]V), max: max}
}

// load is k's kept value.
func (m *memo[K, V]) load(k K) (V, bool) {
	m.mu.RLock()
	v, ok := m.m[k]
	m.mu.RUnlock()
	return v, ok
}

// store keeps v for k.
func (m *memo[K, V]) store(k K, v V) {
	m.mu.Lock()
	if len(m.m) >= m.max {
		clear(m.m)
	}
	m.m[k] = v
	m.mu.Unlock()
}
