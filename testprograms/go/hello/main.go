// Command hello is Go's wasip1 hello world.
package main

import "fmt"

func main() {
	fmt.Println("Hello, World!")
}
