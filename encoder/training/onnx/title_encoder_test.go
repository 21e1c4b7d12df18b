package onnx

import (
	"math"
	"math/rand/v2"
	"testing"

	"jobmatch/encoder"
	"jobmatch/encoder/training/nn"
	"jobmatch/internal/half"
)

func TestEncoderModelRoundTripsItsWeights(t *testing.T) {
	cfg := encoder.Network{Vocab: 40, EmbedDim: 8, Hidden: []int{16}, Groups: 2, GroupSize: 4, Fallback: 5}
	rng := rand.New(rand.NewPCG(1, 1))
	p, err := nn.New(cfg, rng)
	if err != nil {
		t.Fatal(err)
	}
	for i := range p.Logit {
		p.Logit[i] = float32(rng.NormFloat64())
	}
	p.Conf = [nn.ConfFeatures + 1]float32{1.5, 0.25, -2, 0.75, 0.5}
	p.WordRow = make([]bool, cfg.Vocab)
	for i := range p.WordRow {
		p.WordRow[i] = i%3 == 0
	}
	q, err := LoadParams(EncoderModel(p).Marshal())
	if err != nil {
		t.Fatal(err)
	}
	if q.Vocab != cfg.Vocab || q.Fallback != cfg.Fallback || q.EmbedDim != cfg.EmbedDim || len(q.Hidden) != 1 || q.Hidden[0] != 16 || q.Groups != 2 || q.GroupSize != 4 {
		t.Fatalf("config %+v, want %+v", q.Network, cfg)
	}
	for i, v := range p.Embed {
		if got := q.Embed[i]; got != half.ToFloat32(half.FromFloat32(v)) {
			t.Fatalf("embed[%d] = %v, want float16 of %v", i, got, v)
		}
	}
	for i, v := range p.Logit {
		if got := q.Logit[i]; math.Abs(float64(got-v)) > 1e-5 {
			t.Fatalf("logit[%d] = %v, want %v", i, got, v)
		}
	}
	for i, w := range p.WordRow {
		if q.WordRow[i] != w {
			t.Fatalf("word row %d = %v, want %v", i, q.WordRow[i], w)
		}
	}
	if q.Conf != p.Conf {
		t.Fatalf("confidence head %v, want %v", q.Conf, p.Conf)
	}
	for l := range p.W {
		for i := range p.W[l] {
			if q.W[l][i] != p.W[l][i] {
				t.Fatalf("W%d[%d] differs", l, i)
			}
		}
	}
}

func TestLinearHeadRoundTrips(t *testing.T) {
	cfg := encoder.Network{Vocab: 20, EmbedDim: 8, Hidden: []int{16}, Groups: 1, GroupSize: 12, Fallback: 3, Linear: true}
	p, err := nn.New(cfg, rand.New(rand.NewPCG(2, 2)))
	if err != nil {
		t.Fatal(err)
	}
	q, err := LoadParams(EncoderModel(p).Marshal())
	if err != nil {
		t.Fatal(err)
	}
	if !q.Linear || q.Dim() != 12 {
		t.Fatalf("config %+v, want a linear head of 12", q.Network)
	}
}
