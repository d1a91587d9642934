package heartbeat

import (
	"fmt"
	"go/types"
	"slices"
)

// setsReadDeadline is the fact exported for a function that sets the read
// deadline of websocket connections it receives: Params are the indexes of
// those parameters. A caller in another package that passes its
// connection to such a helper (wsutil.Configure(conn)) has a deadline.
type setsReadDeadline struct {
	Params []int
}

func (*setsReadDeadline) AFact() {}

func (f *setsReadDeadline) String() string { return fmt.Sprintf("setsReadDeadline%v", f.Params) }

func (f *setsReadDeadline) sets(idx int) bool { return slices.Contains(f.Params, idx) }

// exportFacts exports setsReadDeadline for every function of the package
// that sets the read deadline of one of its connection parameters.
func (c *checker) exportFacts() {
	facts := make(map[*types.Func]*setsReadDeadline)
	var order []*types.Func
	for _, p := range c.websocket.paramList {
		if !c.setsOwnParam(p) {
			continue
		}
		ref := c.websocket.params[p]
		f, ok := facts[ref.fn]
		if !ok {
			f = new(setsReadDeadline)
			facts[ref.fn] = f
			order = append(order, ref.fn)
		}
		f.Params = append(f.Params, ref.idx)
	}
	for _, fn := range order {
		c.pass.ExportObjectFact(fn, facts[fn])
	}
}
