//go:build !race

package vectorstore

const raceEnabled = false
