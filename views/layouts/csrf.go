package layouts

import "encoding/json"

// csrfHeader is the hx-headers value that makes htmx send the CSRF token with
// every request it issues, like the hidden field does for plain forms.
func csrfHeader(token string) string {
	b, _ := json.Marshal(map[string]string{"X-CSRF-Token": token})
	return string(b)
}
