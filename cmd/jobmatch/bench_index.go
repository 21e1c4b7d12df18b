package main

import (
	"context"
	"errors"
	"io"
)

// runBenchIndex is a placeholder until its issue lands.
func runBenchIndex(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return errors.New("not implemented yet")
}
