package broken

// Count is being rewritten.
func Count() int {
	return "three"
}
