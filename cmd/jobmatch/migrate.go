package main

import (
	"context"
	"errors"
	"io"
)

// runMigrate is a placeholder until its issue lands.
func runMigrate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return errors.New("not implemented yet")
}
