package a

func bad() {}

func lineAbove() {
	//connlint:ignore keepalive the device firmware requires Connection: close
	bad()
}

func sameLine() {
	bad() //connlint:ignore keepalive legacy gateway closes anyway
}

func twoLinesAbove() {
	//connlint:ignore keepalive too far away to apply // want `//connlint:ignore keepalive suppresses nothing here`

	bad()
}

func noReason() {
	//connlint:ignore keepalive // want `//connlint:ignore keepalive has no reason`
	bad()
}

func unknownRule() {
	//connlint:ignore keepalve typo in the rule // want `unknown rule "keepalve"`
	bad()
}

func notGoRule() {
	//connlint:ignore nginx-body-size wrong place // want `names nginx rule "nginx-body-size"`
	bad()
}

func noRule() {
	//connlint:ignore // want `names no rule`
	bad()
}

func otherRuleNotRun() {
	// bodydrain is a real rule but did not run in this test: the directive
	// cannot be judged unused.
	//connlint:ignore bodydrain its analyzer is not part of this run
	bad()
}

func notADirective() {
	// connlint:ignore keepalive with a space is prose, not a directive
	//connlint:ignorex keepalive is another word
	bad()
}
