package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"timeline/internal/synth"
)

const genUsage = `Usage: timeline gen -n N [-seed S] [-o FILE]

Gen writes a synthetic timeline of N facts as CSV, the same for the same N
and seed: both kinds, in six groups, one fact in five a period, every date
form the reader knows, and works linked to the events they study. Use it to
try the tool at scale.

Flags:
`

func runGen(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	n := fs.Int("n", 1000, "how many facts (`N`)")
	seed := fs.Uint64("seed", 1, "random seed (`S`)")
	out := fs.String("o", "", "write to `FILE` instead of standard output")
	if err := parseFlags(fs, genUsage, args, stdout, stderr); err != nil {
		return err
	}
	if *n < 0 || fs.NArg() > 0 {
		fmt.Fprintf(stderr, "timeline gen: -n must be at least 0 and no files are taken\n\n%s", genUsage)
		return errUsage
	}
	write := func(w io.Writer) error { return synth.Write(ctx, w, *n, *seed) }
	if *out == "" {
		return write(stdout)
	}
	return writeFileAtomic(*out, write)
}
