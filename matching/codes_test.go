package matching

import "testing"

func TestParseCountryCode(t *testing.T) {
	for in, want := range map[string]CountryCode{"de": "DE", " FR ": "FR", "gb": "GB", "Us": "US"} {
		if got, err := ParseCountryCode(in); err != nil || got != want {
			t.Errorf("ParseCountryCode(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "DEU", "XX", "ZZ", "EU", "419", "D1", "Germany"} {
		if got, err := ParseCountryCode(in); err == nil {
			t.Errorf("ParseCountryCode(%q) = %q, want an error", in, got)
		}
	}
}

func TestParseLanguageCode(t *testing.T) {
	for in, want := range map[string]LanguageCode{"de": "de", "EN": "en", " pl ": "pl"} {
		if got, err := ParseLanguageCode(in); err != nil || got != want {
			t.Errorf("ParseLanguageCode(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "deu", "german", "qq", "x1", "zz"} {
		if got, err := ParseLanguageCode(in); err == nil {
			t.Errorf("ParseLanguageCode(%q) = %q, want an error", in, got)
		}
	}
}

func FuzzParseCodesNeverPanic(f *testing.F) {
	for _, s := range []string{"de", "DE", "", "ü", "zz", "419"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if c, err := ParseCountryCode(s); err == nil && (len(c) != 2 || c[0] < 'A' || c[0] > 'Z') {
			t.Errorf("ParseCountryCode(%q) = %q", s, c)
		}
		if c, err := ParseLanguageCode(s); err == nil && (len(c) != 2 || c[0] < 'a' || c[0] > 'z') {
			t.Errorf("ParseLanguageCode(%q) = %q", s, c)
		}
		_, _ = ParseLevel(s)
	})
}
