package vectorstore

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func snapshotBytes(t testing.TB, ix *Index) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "index.snap")
	if err := ix.Save(path); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestSnapshotOfAnotherVersionIsRefused: snapshots are a cache, so a file
// of an older (or newer) format version is refused with an error naming
// both versions, which callers answer by rebuilding from the database.
func TestSnapshotOfAnotherVersionIsRefused(t *testing.T) {
	fx := newFixture(t, 300, 8, 7)
	b := snapshotBytes(t, fx.ix)
	for _, version := range []uint32{0, 1, 2, snapVersion + 1} {
		c := bytes.Clone(b)
		binary.LittleEndian.PutUint32(c[8:], version)
		path := filepath.Join(t.TempDir(), "old.snap")
		if err := os.WriteFile(path, c, 0o644); err != nil {
			t.Fatal(err)
		}
		ix, err := Load(path)
		if ix != nil || !errors.Is(err, ErrVersion) || errors.Is(err, ErrCorrupt) {
			t.Fatalf("version %d: index %v, err = %v; want ErrVersion", version, ix != nil, err)
		}
		want := fmt.Sprintf("the file has version %d, this build reads version %d", version, snapVersion)
		if !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), path) {
			t.Fatalf("version %d: err = %q, want it to name the file and %q", version, err, want)
		}
	}
}

// TestSnapshotWideVectors: with a large dimension the vectors are most of
// the file (the plausibility checks must count float16 elements).
func TestSnapshotWideVectors(t *testing.T) {
	ix := New(Config{Dim: 384, M: 4, EfConstruction: 8})
	r := rand.New(rand.NewPCG(4, 4))
	for i := range 50 {
		must(t, ix.Upsert(uint64(i), randVec(r, 384), Payload{}))
	}
	b := snapshotBytes(t, ix)
	ix2, err := decode(bytes.NewReader(b), int64(len(b)))
	if err != nil || ix2.Len() != 50 {
		t.Fatalf("load: %v", err)
	}
}

func TestSnapshotRoundTrip(t *testing.T) {
	fx := newFixture(t, 1500, 16, 6)
	for id := range fx.vecs {
		if id%5 == 0 {
			fx.ix.Delete(id) // leaves some tombstones, and after compaction free slots
			delete(fx.vecs, id)
			delete(fx.pay, id)
		}
	}
	path := filepath.Join(t.TempDir(), "index.snap")
	if err := fx.ix.Save(path); err != nil {
		t.Fatal(err)
	}
	ix2, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if ix2.Len() != fx.ix.Len() || ix2.Config() != fx.ix.Config() {
		t.Fatalf("loaded Len %d config %+v, saved Len %d config %+v", ix2.Len(), ix2.Config(), fx.ix.Len(), fx.ix.Config())
	}
	r := rand.New(rand.NewPCG(10, 10))
	for _, q := range clusteredVecs(r, 20, 16, 20) {
		for _, tc := range testFilters {
			a, _, _ := fx.ix.Search(q, tc.f, SearchOptions{K: 10})
			b, _, _ := ix2.Search(q, tc.f, SearchOptions{K: 10})
			if len(a) != len(b) {
				t.Fatalf("%s: %d results before save, %d after load", tc.name, len(a), len(b))
			}
			for i := range a {
				if a[i] != b[i] {
					t.Fatalf("%s: result %d differs: %v vs %v", tc.name, i, a[i], b[i])
				}
			}
		}
	}
	for id := range fx.vecs {
		v, _, _ := fx.ix.Get(id)
		got, p, ok := ix2.Get(id)
		if !ok || !equalF32(got, v) || p.City != fx.pay[id].City {
			t.Fatalf("Get(%d) after load = %v %+v %v", id, got[:4], p, ok)
		}
	}
	// The loaded index keeps working: insert, delete, compact, save again.
	must(t, ix2.Upsert(99999, randVec(r, 16), Payload{Country: "DE"}))
	ix2.Delete(3)
	ix2.Compact()
	if err := ix2.Save(path); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(path); err != nil {
		t.Fatal(err)
	}
	if m, _ := filepath.Glob(path + ".tmp-*"); len(m) != 0 {
		t.Fatalf("temporary files left behind: %v", m)
	}
}

func TestSnapshotDamageIsDetected(t *testing.T) {
	fx := newFixture(t, 300, 8, 7)
	b := snapshotBytes(t, fx.ix)
	if _, err := decode(bytes.NewReader(b), int64(len(b))); err != nil {
		t.Fatalf("intact snapshot: %v", err)
	}
	t.Run("every truncation", func(t *testing.T) {
		for n := 0; n < len(b); n += 1 + n/50 {
			_, err := decode(bytes.NewReader(b[:n]), int64(n))
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("truncated to %d of %d bytes: err = %v", n, len(b), err)
			}
		}
	})
	t.Run("bit flips", func(t *testing.T) {
		r := rand.New(rand.NewPCG(11, 11))
		for range 300 {
			c := bytes.Clone(b)
			pos := r.IntN(len(c))
			c[pos] ^= 1 << r.IntN(8)
			_, err := decode(bytes.NewReader(c), int64(len(c)))
			inVersion := pos >= len(snapMagic) && pos < len(snapMagic)+4
			if !errors.Is(err, ErrCorrupt) && !(inVersion && errors.Is(err, ErrVersion)) {
				t.Fatalf("bit flip at byte %d not detected: err = %v", pos, err)
			}
		}
	})
	t.Run("trailing garbage", func(t *testing.T) {
		c := append(bytes.Clone(b), 0)
		if _, err := decode(bytes.NewReader(c), int64(len(c))); !errors.Is(err, ErrCorrupt) {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("missing file", func(t *testing.T) {
		_, err := Load(filepath.Join(t.TempDir(), "nope"))
		if err == nil || errors.Is(err, ErrCorrupt) {
			t.Fatalf("err = %v, want a plain I/O error", err)
		}
	})
}

func FuzzSnapshotDecode(f *testing.F) {
	ix := New(Config{Dim: 4, M: 4})
	r := rand.New(rand.NewPCG(12, 12))
	for i := range 20 {
		ix.Upsert(uint64(i), randVec(r, 4), randPayload(r))
	}
	ix.Delete(5)
	f.Add(snapshotBytes(f, ix))
	f.Add(snapshotBytes(f, New(Config{Dim: 4})))
	f.Fuzz(func(t *testing.T, b []byte) {
		ix, err := decode(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			return
		}
		// Whatever decodes must be usable.
		q := make([]float32, ix.dim)
		q[0] = 1
		ix.Search(q, Filter{}, SearchOptions{K: 5})
		ix.Count(Filter{Countries: []string{"DE"}})
	})
}
