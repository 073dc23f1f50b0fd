// Package rulecheck holds no code, only a test: every process rule cited
// anywhere in the repository (R1-R32, and numbered parts such as R11.1) must
// be defined in RULES.md at the module root, and no file may point readers at
// files outside the repository.
package rulecheck
