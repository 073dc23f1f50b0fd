// Package configcheck holds the project's hostile-configuration tests: every
// documented configuration of the five packages, written to JSON from a
// real preset value, is decoded again after one change at a time (a key
// misspelt at each level, a key given twice, text after the value), and
// every change must be refused with the package's sentinel. It has no code
// of its own and is not part of the public API.
package configcheck
