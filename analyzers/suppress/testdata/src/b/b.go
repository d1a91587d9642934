package b

func bad() {}

func lineAbove() {
	//connlint:ignore keepalive the device firmware requires Connection: close
	bad()
}

func sameLine() {
	bad() //connlint:ignore keepalive legacy gateway closes anyway
}

func twoLinesAbove() {
	//connlint:ignore keepalive a blank line breaks the link

	bad() // want "bad call"
}

func otherRule() {
	//connlint:ignore bodydrain names another rule
	bad() // want "bad call"
}

func listOfRules() {
	//connlint:ignore bodydrain,keepalive one directive for two rules
	bad()
}

func proseNotDirective() {
	// connlint:ignore keepalive with a space is prose, not a directive
	bad() // want "bad call"
	//connlint:ignorex keepalive is another word
	bad() // want "bad call"
}

func onlyNextLine() {
	//connlint:ignore keepalive covers the next line only
	bad()
	bad() // want "bad call"
}
