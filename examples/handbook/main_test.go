package main

import (
	"bytes"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestRunRejectsBadFlags(t *testing.T) {
	now := time.Date(2024, 3, 6, 12, 0, 0, 0, time.UTC)
	for _, args := range [][]string{
		{"-at", "2024-13-40"},
		{"-at", "yesterday"},
		{"-nope"},
		{"extra"},
	} {
		var out, errOut bytes.Buffer
		code := run(args, &out, &errOut, now)
		assert.Equal(t, 2, code, "run(%q) status", args)
		assert.Empty(t, out.String(), "run(%q) stdout", args)
		assert.NotEmpty(t, errOut.String(), "run(%q) stderr", args)
		assert.NotContains(t, errOut.String(), "goroutine", "run(%q) printed a stack trace", args)
	}
}

func TestRunHelp(t *testing.T) {
	var out, errOut bytes.Buffer
	assert.Equal(t, 0, run([]string{"-h"}, &out, &errOut, time.Now()))
	assert.Contains(t, errOut.String(), "-at")
}

func TestRunDefaultsToToday(t *testing.T) {
	now := time.Date(2024, 3, 6, 12, 0, 0, 0, time.UTC)
	var out, errOut bytes.Buffer
	assert.Equal(t, 0, run(nil, &out, &errOut, now))
	assert.Contains(t, out.String(), "2024-03-06, Wednesday")
}
