package bugflow

// A nameTable finds a name among folded names, case-insensitively (ASCII
// letters) and without allocating: open addressing on a hash of the folded
// bytes.
type nameTable struct {
	names []string // folded
	slots []int32  // index+1 into names; 0 for empty
	mask  uint64
}

func newNameTable(names []string) nameTable {
	n := 8
	for n < 2*len(names) {
		n *= 2
	}
	t := nameTable{names: names, slots: make([]int32, n), mask: uint64(n - 1)}
	for i, s := range names {
		h := foldHash(s) & t.mask
		for t.slots[h] != 0 {
			h = (h + 1) & t.mask
		}
		t.slots[h] = int32(i + 1)
	}
	return t
}

// find returns the index of s (trimmed by the caller), -1 when absent.
func (t *nameTable) find(s string) int {
	if len(t.names) == 0 {
		return -1
	}
	h := foldHash(s) & t.mask
	for {
		k := t.slots[h]
		if k == 0 {
			return -1
		}
		if eqFold(t.names[k-1], s) {
			return int(k - 1)
		}
		h = (h + 1) & t.mask
	}
}

// foldHash is FNV-1a over the bytes with ASCII letters in lower case.
func foldHash(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(lower(s[i]))
		h *= 1099511628211
	}
	return h
}
