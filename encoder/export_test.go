package encoder

import "testing"

// Test helpers for the external tests (package encoder_test): they check the
// shipped model against the training packages, which import encoder.

func OpenShipped(tb testing.TB) *Encoder { return openShipped(tb) }

func SampleTitles() []string { return sampleTitles() }

// ModelBytes is the ONNX model the session runs.
func (e *Encoder) ModelBytes() []byte { return e.model }
