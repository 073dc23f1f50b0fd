package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestReadmeSample keeps the report printed in README.md's Tour in step
// with the program: it must be what `go run ./examples/handbook -at
// 2024-03-06` prints.
func TestReadmeSample(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	const open = "```text\n"
	text := string(readme)
	start := strings.Index(text, open)
	require.GreaterOrEqual(t, start, 0, "README.md has no ```text block")
	start += len(open)
	end := strings.Index(text[start:], "```")
	require.GreaterOrEqual(t, end, 0)

	var out, errOut bytes.Buffer
	code := run([]string{"-at", "2024-03-06"}, &out, &errOut, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	require.Equal(t, 0, code, errOut.String())
	assert.Equal(t, out.String(), text[start:start+end],
		"README.md's sample differs from the program's output: paste the output of go run ./examples/handbook -at 2024-03-06")
}
