package matching

import "testing"

func TestParseLevelAcceptsCEFRAndNative(t *testing.T) {
	tests := []struct {
		in   string
		want Level
	}{{"A1", A1}, {"a2", A2}, {" B1 ", B1}, {"b2", B2}, {"C1", C1}, {"c2", C2}, {"Native", C2}}
	for _, tt := range tests {
		got, err := ParseLevel(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseLevel(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestParseLevelRefusesOthersWithAHint(t *testing.T) {
	for _, in := range []string{"", "B3", "fluent", "C", "A0"} {
		_, err := ParseLevel(in)
		if err == nil {
			t.Errorf("ParseLevel(%q) accepted", in)
			continue
		}
		if in != "" && !contains(err.Error(), "A1, A2, B1, B2, C1, C2") {
			t.Errorf("ParseLevel(%q) error %q does not list the levels", in, err)
		}
	}
}

func TestLevelsCompareAsAnOrder(t *testing.T) {
	ls := Levels()
	for i := range ls {
		for j := range ls {
			if got, want := ls[i].AtLeast(ls[j]), i >= j; got != want {
				t.Errorf("%v.AtLeast(%v) = %v, want %v", ls[i], ls[j], got, want)
			}
		}
	}
	if Level(0).AtLeast(A1) {
		t.Error("no level counts as at least A1")
	}
}

func TestLevelJSONTextRoundTrip(t *testing.T) {
	for _, l := range Levels() {
		b, err := l.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back Level
		if err := back.UnmarshalText(b); err != nil || back != l {
			t.Errorf("round trip %v -> %s -> %v, %v", l, b, back, err)
		}
	}
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}
