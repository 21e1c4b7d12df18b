package onnx

import (
	"math/rand/v2"
	"testing"

	"jobmatch/encoder/nn"
	"jobmatch/internal/half"
)

func TestEncoderModelRoundTripsItsWeights(t *testing.T) {
	cfg := nn.Config{Vocab: 40, EmbedDim: 8, Hidden: []int{16}, Groups: 2, GroupSize: 4}
	p, err := nn.New(cfg, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		t.Fatal(err)
	}
	q, err := LoadParams(EncoderModel(p).Marshal())
	if err != nil {
		t.Fatal(err)
	}
	if q.Vocab != cfg.Vocab || q.EmbedDim != cfg.EmbedDim || len(q.Hidden) != 1 || q.Hidden[0] != 16 || q.Groups != 2 || q.GroupSize != 4 {
		t.Fatalf("config %+v, want %+v", q.Config, cfg)
	}
	for i, v := range p.Embed {
		if got := q.Embed[i]; got != half.ToFloat32(half.FromFloat32(v)) {
			t.Fatalf("embed[%d] = %v, want float16 of %v", i, got, v)
		}
	}
	for l := range p.W {
		for i := range p.W[l] {
			if q.W[l][i] != p.W[l][i] {
				t.Fatalf("W%d[%d] differs", l, i)
			}
		}
	}
}
