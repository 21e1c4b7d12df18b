package encoder

import (
	"embed"
	"io/fs"
)

// The default model is compiled into the binary so the server works from any
// directory and can never pair code with a model it was not tested with.
// `make model` regenerates encoder/model; rebuilding picks it up.
//
//go:embed model/manifest.json model/model.onnx model/vocab.bin
var shipped embed.FS

func embeddedModel() fs.FS {
	sub, err := fs.Sub(shipped, "model")
	if err != nil {
		panic(err) // cannot happen: the directory is embedded above
	}
	return sub
}
