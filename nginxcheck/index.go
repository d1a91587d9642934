package nginxcheck

import (
	"cmp"
	"slices"
	"sort"
)

// byName holds a level's own directives sorted by name, in written order
// within a name. A level has a handful of directives: a sorted slice and
// a binary search cost a pointer per directive, where a map per level
// cost about four hundred bytes (most of the model's memory on a
// configuration of thousands of servers).
type byName []*Directive

// index sorts ds by name, keeping the written order of each name. ds is
// the caller's: it must not be used afterwards.
func index(ds []*Directive) byName {
	slices.SortStableFunc(ds, func(a, b *Directive) int { return cmp.Compare(a.Name, b.Name) })
	return byName(slices.Clip(ds))
}

// get returns the directives named name, in written order. The result
// has no spare capacity: appending to it copies.
func (x byName) get(name string) []*Directive {
	i := sort.Search(len(x), func(i int) bool { return x[i].Name >= name })
	j := i
	for j < len(x) && x[j].Name == name {
		j++
	}
	if i == j {
		return nil
	}
	return x[i:j:j]
}

// first returns the first directive named name, or nil.
func (x byName) first(name string) *Directive {
	if ds := x.get(name); len(ds) > 0 {
		return ds[0]
	}
	return nil
}
