// Command goio is the Go (GOOS=wasip1) example of the playground: it greets
// its arguments, reads stdin line by line until EOF, writes the lines
// reversed to reversed.txt and prints a summary, exercising args, stdin,
// files and stdout.
package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"
)

func main() {
	fmt.Println("hello from Go", strings.Join(os.Args[1:], " "))
	if who, ok := os.LookupEnv("USER"); ok {
		fmt.Println("USER=" + who)
	}
	fmt.Println("type lines, then EOF")
	var lines []string
	sc := bufio.NewScanner(os.Stdin)
	for sc.Scan() {
		lines = append(lines, sc.Text())
		fmt.Println("read:", sc.Text())
	}
	if err := sc.Err(); err != nil {
		fmt.Fprintln(os.Stderr, "stdin:", err)
		os.Exit(1)
	}
	var b strings.Builder
	for i := len(lines) - 1; i >= 0; i-- {
		b.WriteString(lines[i] + "\n")
	}
	if err := os.WriteFile("reversed.txt", []byte(b.String()), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("%d lines written to reversed.txt\n", len(lines))
}
