// Command gennginx writes the generated nginx configuration of
// bench/bench.sh -nginx (internal/nginxgen): N server blocks, 100 per
// included file, about 660 bytes each.
//
//	go run ./bench/gennginx -servers 76000 -o /tmp/nginx50
package main

import (
	"flag"
	"fmt"
	"log"

	"github.com/connlint/connlint/internal/nginxgen"
)

func main() {
	servers := flag.Int("servers", 22000, "number of server blocks")
	out := flag.String("o", "", "directory to write the configuration to (required)")
	flag.Parse()
	if *out == "" {
		log.Fatal("gennginx: -o is required")
	}
	path, lines, err := nginxgen.Write(*out, *servers)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s: %d servers, %d lines\n", path, *servers, lines)
}
