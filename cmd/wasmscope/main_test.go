package main

import (
	"os"
	"os/exec"
	"testing"
)

// cliEnv, set in a process's environment, makes the test binary act as
// the wasmscope command, so tests can run the real command line in a
// process of its own (real standard streams, real signals) without a
// separate build.
const cliEnv = "WASMSCOPE_TEST_AS_CLI"

func TestMain(m *testing.M) {
	if os.Getenv(cliEnv) == "1" {
		main()
	}
	os.Exit(m.Run())
}

// cliCommand returns a command that runs wasmscope with args in a process
// of its own.
func cliCommand(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, args...)
	cmd.Env = append(os.Environ(), cliEnv+"=1")
	return cmd
}
