package encoder

import (
	"context"
	"slices"
	"testing"
	"time"
)

// BenchmarkEncodeBatch256 measures one core's throughput at batch 256,
// featurisation included (target: ≥ 50,000 titles/s). Run with -cpu 1.
func BenchmarkEncodeBatch256(b *testing.B) {
	e := openShipped(b)
	all := sampleTitles()
	titles := make([]string, 256)
	for i := range titles {
		titles[i] = all[i%len(all)]
	}
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		if _, err := e.Encode(ctx, titles); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*len(titles))/b.Elapsed().Seconds(), "titles/s")
}

// BenchmarkEncodeSingle measures the latency of one title (target: ≤ 100 µs
// median).
func BenchmarkEncodeSingle(b *testing.B) {
	e := openShipped(b)
	ctx := context.Background()
	titles := []string{"Senior Software Engineer (Backend, Go)"}
	var took []time.Duration
	for b.Loop() {
		start := time.Now()
		if _, err := e.Encode(ctx, titles); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(start))
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Nanoseconds())/1e3, "p50-µs")
}

// BenchmarkFeaturize isolates the Go side of encoding.
func BenchmarkFeaturize(b *testing.B) {
	e := openShipped(b)
	titles := sampleTitles()
	var buf []uint32
	var rows []int32
	for b.Loop() {
		for _, t := range titles {
			buf = e.manifest.Features.Featurize(buf[:0], t)
			rows = e.vocab.Rows(rows[:0], buf)
		}
	}
	b.ReportMetric(float64(b.N*len(titles))/b.Elapsed().Seconds(), "titles/s")
}
