package features

import (
	"slices"
	"testing"
	"unicode/utf8"
)

func TestNormalize(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"lower-cases and trims", "  Senior NURSE ", "senior nurse"},
		{"turns punctuation into single spaces", "Sales/Marketing -- Manager (m/w/d)", "sales marketing manager m w d"},
		{"keeps c++ and c#", "C++ / C# Developer", "c++ c# developer"},
		{"drops tokens without letters or digits", "+++ ### welder", "welder"},
		{"applies NFKC to full-width letters", "ＮＵＲＳＥ", "nurse"},
		{"case-folds German sharp s", "STRAßE", "strasse"},
		{"is empty for punctuation only", "-- / !!", ""},
		{"keeps digits", "Level 3 Technician", "level 3 technician"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Normalize(tt.in); got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestFeaturizeIsDeterministicAndOrdered(t *testing.T) {
	c := DefaultConfig()
	a := c.Featurize(nil, "Senior Software Engineer")
	b := c.Featurize(nil, "senior   software-engineer!")
	if !slices.Equal(a, b) {
		t.Fatalf("same normalised title gave different ids:\n%v\n%v", a, b)
	}
	// 3 words + 2 bigrams + n-grams of <senior> (8 runes: 6+5+4), <software> (10: 8+7+6),
	// <engineer> (10: 8+7+6).
	if want := 3 + 2 + 15 + 21 + 21; len(a) != want {
		t.Errorf("got %d features, want %d", len(a), want)
	}
	for _, id := range a {
		if id >= c.Buckets {
			t.Fatalf("id %d outside %d buckets", id, c.Buckets)
		}
	}
}

func TestFeaturizeSeparatesKinds(t *testing.T) {
	// The word "abc" and the n-gram "abc" (from "xabcx") must not share a bucket
	// by construction; with 2^20 buckets an accidental collision is unlikely.
	c := Config{Buckets: 1 << 20, Words: true}
	w := c.Featurize(nil, "abc")
	g := Config{Buckets: 1 << 20, MinN: 3, MaxN: 3}.Featurize(nil, "xabcx")
	if slices.Contains(g, w[0]) {
		t.Errorf("word bucket %d also produced by an n-gram: %v", w[0], g)
	}
}

func TestFeaturizeEmpty(t *testing.T) {
	for _, in := range []string{"", "   ", "!!!", "—/—"} {
		if got := DefaultConfig().Featurize(nil, in); len(got) != 0 {
			t.Errorf("Featurize(%q) = %v, want none", in, got)
		}
	}
}

func TestValidate(t *testing.T) {
	bad := []Config{{}, {Buckets: 8, MinN: 4, MaxN: 3}, {Buckets: 8}}
	for _, c := range bad {
		if c.Validate() == nil {
			t.Errorf("Validate(%+v) = nil, want an error", c)
		}
	}
	if err := DefaultConfig().Validate(); err != nil {
		t.Errorf("DefaultConfig invalid: %v", err)
	}
}

// FuzzFeaturize checks that any input, however broken, gives a valid id list
// and a normal form that is stable under re-normalisation.
func FuzzFeaturize(f *testing.F) {
	for _, s := range []string{"Senior Nurse", "", "C++ dev", "ＮＵＲＳＥ", "\xff\xfe", "a\u0301b", "ﬁ", "İstanbul"} {
		f.Add(s)
	}
	c := DefaultConfig()
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalize(s)
		if !utf8.ValidString(n) {
			t.Fatalf("Normalize(%q) = %q is not valid UTF-8", s, n)
		}
		if again := Normalize(n); again != n {
			t.Fatalf("Normalize not idempotent: %q -> %q -> %q", s, n, again)
		}
		ids := c.Featurize(nil, s)
		if (n == "") != (len(ids) == 0) {
			t.Fatalf("normal form %q but %d ids", n, len(ids))
		}
		for _, id := range ids {
			if id >= c.Buckets {
				t.Fatalf("id %d out of range", id)
			}
		}
	})
}
