package depositor

import (
	"encoding/json"
	"sync"
)

// encode is a state as the codec deflates it (fit), for tests that build
// tokens by hand.
func encode(st *State, pool *sync.Pool) ([]byte, error) {
	j, err := json.Marshal(st)
	if err != nil {
		return nil, err
	}
	return deflate(j, pool)
}
