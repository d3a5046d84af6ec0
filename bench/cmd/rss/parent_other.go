//go:build !linux

package main

import "fmt"

// run measures the engines; it needs Linux's getrusage (ru_maxrss in
// kilobytes from wait4), so elsewhere only -child works.
func run(root string, reps int) error {
	return fmt.Errorf("measuring needs Linux (getrusage's ru_maxrss); here only -child runs")
}
