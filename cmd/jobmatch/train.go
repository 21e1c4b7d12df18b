package main

import (
	"context"
	"errors"
	"io"
)

// runTrain is a placeholder until its issue lands.
func runTrain(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return errors.New("not implemented yet")
}
