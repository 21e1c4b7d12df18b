package main

import (
	"context"
	"errors"
	"io"
)

// runSeed is a placeholder until its issue lands.
func runSeed(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return errors.New("not implemented yet")
}
