package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestDeployUnit_Verifies: systemd-analyze verify finds nothing wrong with
// deploy/checkout@.service (its sandboxing directives included), where
// systemd is installed.
func TestDeployUnit_Verifies(t *testing.T) {
	analyze, err := exec.LookPath("systemd-analyze")
	if err != nil {
		t.Skip("SKIPPING: no systemd-analyze on this machine (package systemd)")
	}
	b, err := os.ReadFile(filepath.Join("..", "deploy", "checkout@.service"))
	if err != nil {
		t.Fatal(err)
	}
	// verify wants ExecStart's binary to exist: the test's own stands in.
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	unit := string(b)
	if !strings.Contains(unit, "ExecStart=/usr/local/bin/checkout ") {
		t.Fatal("the unit's ExecStart moved: change the test with it")
	}
	unit = strings.Replace(unit, "ExecStart=/usr/local/bin/checkout ", "ExecStart="+self+" ", 1)
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "checkout@.service"), unit)
	out, err := exec.Command(analyze, "verify", filepath.Join(dir, "checkout@8081.service")).CombinedOutput()
	if err != nil {
		t.Errorf("systemd-analyze verify: %v\n%s", err, out)
	}
	for line := range strings.Lines(string(out)) {
		if strings.Contains(line, "checkout@") {
			t.Errorf("systemd-analyze verify: %s", line)
		}
	}
}
