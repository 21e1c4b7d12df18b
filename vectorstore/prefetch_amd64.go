package vectorstore

import "unsafe"

// prefetchLines asks the CPU to start loading lines 64-byte cache lines from
// p. Graph walks are bound by memory latency (each neighbour's row is a
// random read of several cache lines); starting all of an expansion's reads
// together overlaps those misses. A prefetch never faults.
//
//go:noescape
func prefetchLines(p unsafe.Pointer, lines int)
