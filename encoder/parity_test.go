package encoder_test

import (
	"context"
	"math"
	"testing"

	"jobmatch/encoder"
	"jobmatch/encoder/training/nn"
	"jobmatch/encoder/training/onnx"
)

// TestONNXRuntimeMatchesGoForwardPass checks that the exported graph computes
// what training computed: ONNX Runtime's output must equal the Go forward
// pass over the same (float16-rounded) weights within 1e-4.
func TestONNXRuntimeMatchesGoForwardPass(t *testing.T) {
	e := encoder.OpenShipped(t)
	p, err := onnx.LoadParams(e.ModelBytes())
	if err != nil {
		t.Fatal(err)
	}
	titles := encoder.SampleTitles()
	if len(titles) < 150 {
		t.Fatalf("only %d sample titles", len(titles))
	}
	rows, err := e.Rows(titles)
	if err != nil {
		t.Fatal(err)
	}
	var a nn.Activations
	p.Forward(rows, &a, 2)
	embs, err := e.Encode(context.Background(), titles)
	if err != nil {
		t.Fatal(err)
	}
	dim := p.Dim()
	var worst float64
	for i := range titles {
		goVec := nn.Row(a.Y, i, dim)
		for k, v := range embs[i].Vector {
			worst = math.Max(worst, math.Abs(float64(v-goVec[k])))
		}
		worst = math.Max(worst, math.Abs(float64(a.Conf[i]-embs[i].Confidence)))
	}
	t.Logf("%d titles, largest difference %.2g", len(titles), worst)
	if worst > 1e-4 {
		t.Errorf("ONNX Runtime and Go differ by %.3g > 1e-4", worst)
	}
}
