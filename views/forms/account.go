package forms

import "jobmatch/views/layouts"

// SignIn is the sign-in form.
type SignIn struct {
	Layout  layouts.Page
	Email   string
	Next    string // where to go after signing in
	Problem string // why the last attempt failed
}

// SignUp is the create-account form.
type SignUp struct {
	Layout  layouts.Page
	Email   string
	Role    string
	Errors  map[string]string
	Summary string
}
