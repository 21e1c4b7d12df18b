package matching

import (
	"fmt"
	"sort"
	"strings"

	"golang.org/x/text/language"
)

// LanguageCode is an ISO 639-1 two-letter language code in lower case ("de").
type LanguageCode string

// CountryCode is an ISO 3166-1 alpha-2 country code in upper case ("DE").
type CountryCode string

// ParseLanguageCode accepts an ISO 639-1 code in any case ("DE", " de ").
// Three-letter codes and language names are refused with a hint, because the
// index and filters key on the two-letter form.
func ParseLanguageCode(s string) (LanguageCode, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	if len(t) != 2 || !isASCIILetters(t) {
		return "", fmt.Errorf("%q is not an ISO 639-1 language code; use two letters such as en, de or fr", s)
	}
	b, err := language.ParseBase(t)
	if err != nil || b.String() != t {
		return "", fmt.Errorf("%q is not an ISO 639-1 language code; use two letters such as en, de or fr", s)
	}
	return LanguageCode(t), nil
}

// Name returns the English name of the language ("German"), or the code.
func (c LanguageCode) Name() string {
	if n, ok := languageNames[c]; ok {
		return n
	}
	return string(c)
}

// ParseCountryCode accepts an ISO 3166-1 alpha-2 code in any case ("de").
func ParseCountryCode(s string) (CountryCode, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	if len(t) != 2 || !isASCIILetters(t) {
		return "", fmt.Errorf("%q is not an ISO 3166-1 alpha-2 country code; use two letters such as DE, FR or US", s)
	}
	r, err := language.ParseRegion(t)
	if err != nil || !r.IsCountry() || r.String() != t {
		return "", fmt.Errorf("%q is not an ISO 3166-1 alpha-2 country code; use two letters such as DE, FR or US", s)
	}
	return CountryCode(t), nil
}

func isASCIILetters(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// languageNames names the languages our users mostly state; others show as codes.
var languageNames = map[LanguageCode]string{
	"ar": "Arabic", "cs": "Czech", "da": "Danish", "de": "German", "el": "Greek",
	"en": "English", "es": "Spanish", "fi": "Finnish", "fr": "French", "hi": "Hindi",
	"hu": "Hungarian", "it": "Italian", "ja": "Japanese", "ko": "Korean", "nl": "Dutch",
	"no": "Norwegian", "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian",
	"sv": "Swedish", "tr": "Turkish", "uk": "Ukrainian", "zh": "Chinese",
}

// KnownLanguages lists the languages with English names, sorted by name, for
// choosing in forms; any other ISO 639-1 code is still accepted.
func KnownLanguages() []LanguageCode {
	out := make([]LanguageCode, 0, len(languageNames))
	for c := range languageNames {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return languageNames[out[i]] < languageNames[out[j]] })
	return out
}
