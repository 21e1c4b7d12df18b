package encoder

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"

	ort "github.com/yalue/onnxruntime_go"
)

// LibraryEnv names the environment variable holding the ONNX Runtime
// shared library path.
const LibraryEnv = "ONNXRUNTIME_LIB"

// DefaultLibrary is where scripts/fetch-ort.sh caches the library, relative to
// the module root (ONNX Runtime 1.24.1 from npm's onnxruntime-node, the
// version onnxruntime_go v1.27.0 is built against).
const DefaultLibrary = ".cache/ort/1.24.1/libonnxruntime.so.1"

// LibraryPath resolves the ONNX Runtime library: the configured path, else
// $ONNXRUNTIME_LIB, else DefaultLibrary under the nearest directory holding
// go.mod above the working directory or, failing that, above the executable
// (so bin/jobmatch finds the repository's cache from anywhere). It fails with a message saying how to
// get the library when none exists.
func LibraryPath(configured string) (string, error) {
	p := configured
	if p == "" {
		p = os.Getenv(LibraryEnv)
	}
	if p == "" {
		root, ok := moduleRoot()
		if !ok {
			return "", fmt.Errorf("encoder: no ONNX Runtime library: set %s or run scripts/fetch-ort.sh in the repository", LibraryEnv)
		}
		p = filepath.Join(root, DefaultLibrary)
	}
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("encoder: ONNX Runtime library %s: %w (run scripts/fetch-ort.sh or set %s)", p, err, LibraryEnv)
	}
	return p, nil
}

func moduleRoot() (string, bool) {
	if dir, err := os.Getwd(); err == nil {
		if root, ok := findGoMod(dir); ok {
			return root, true
		}
	}
	exe, err := os.Executable()
	if err != nil {
		return "", false
	}
	return findGoMod(filepath.Dir(exe))
}

func findGoMod(dir string) (string, bool) {
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

// The ONNX Runtime environment is process-wide in onnxruntime_go, so it is
// reference-counted here: the first Open starts it, the last Close ends it.
var runtime struct {
	sync.Mutex
	refs int
	lib  string
}

func acquireRuntime(lib string) error {
	runtime.Lock()
	defer runtime.Unlock()
	if runtime.refs > 0 {
		if lib != runtime.lib {
			return fmt.Errorf("encoder: ONNX Runtime already loaded from %s, cannot also load %s", runtime.lib, lib)
		}
		runtime.refs++
		return nil
	}
	ort.SetSharedLibraryPath(lib)
	if err := ort.InitializeEnvironment(ort.WithLogLevelError()); err != nil {
		return fmt.Errorf("encoder: start ONNX Runtime from %s (need version ≥ 1.24): %w", lib, err)
	}
	runtime.refs, runtime.lib = 1, lib
	return nil
}

func releaseRuntime() error {
	runtime.Lock()
	defer runtime.Unlock()
	runtime.refs--
	if runtime.refs == 0 {
		return ort.DestroyEnvironment()
	}
	return nil
}
