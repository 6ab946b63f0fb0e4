// Times and sizes as the pages write them.

package handlers

import (
	"fmt"
	"time"
)

// megabytes is a byte limit in words: "5 MB".
func megabytes(n int64) string {
	if n%(1<<20) == 0 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%d KB", n>>10)
}

// clock is a time as the pages show it before a script localises it.
func clock(t time.Time) string { return t.UTC().Format("15:04") + " UTC" }

// when is an attempt's time.
func when(t time.Time) string { return t.UTC().Format("2 Jan 15:04") + " UTC" }
