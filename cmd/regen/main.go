// Command regen regenerates the SDK's typed operations from schema.graphql
// and queries/.
//
// Run it from the module root:
//
//	go run ./cmd/regen          # validate queries/ and rewrite generated/
//	go run ./cmd/regen -check   # fail if generated/ is stale (CI runs this)
//
// Before genqlient runs, every operation is validated against the schema
// and every problem is printed once, with its file, line, the operation or
// fragment and the field it concerns; a problem in a shared fragment also
// says how many operations it breaks and names a few.
//
// Then each Go type bound to a selection (by a field's
// `# @genqlient(bind: ...)` or a global binding in genqlient.yaml) is
// compared with that selection, both ways and recursively, because
// genqlient does not: a field selected but missing in the Go type, or a Go
// field not selected, would be dropped silently. Bound input types are
// compared with the schema, and their optional fields must be pointers
// with omitempty. Any such problem fails the command; nothing is written.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is main without the process: it returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("regen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	config := fs.String("config", "genqlient.yaml", "genqlient configuration `file`")
	check := fs.Bool("check", false, "only check that generated files are up to date; write nothing")
	if err := fs.Parse(args); err != nil {
		return 2
	}

	files, problems, err := regenerate(*config)
	if err != nil {
		fmt.Fprintf(stderr, "regen: %v\n", err)
		return 1
	}
	if len(problems) > 0 {
		for _, p := range problems {
			fmt.Fprintln(stderr, p)
		}
		fmt.Fprintf(stderr, "regen: %d problem(s) in the operations or their bound Go types; nothing written\n", len(problems))
		return 1
	}

	if *check {
		stale, err := staleFiles(files)
		if err != nil {
			fmt.Fprintf(stderr, "regen: %v\n", err)
			return 1
		}
		if len(stale) > 0 {
			for _, s := range stale {
				fmt.Fprintf(stderr, "stale: %s\n", s)
			}
			fmt.Fprintln(stderr, "regen: generated code is out of date; run `go run ./cmd/regen`")
			return 1
		}
		fmt.Fprintln(stdout, "regen: generated code is up to date")
		return 0
	}

	written, err := writeFiles(files)
	if err != nil {
		fmt.Fprintf(stderr, "regen: %v\n", err)
		return 1
	}
	for _, w := range written {
		fmt.Fprintf(stdout, "wrote %s\n", w)
	}
	if len(written) == 0 {
		fmt.Fprintln(stdout, "regen: generated code was already up to date")
	}
	return 0
}
