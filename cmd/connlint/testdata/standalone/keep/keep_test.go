package keep_test

import "testing"

func TestNothing(t *testing.T) {}
