package fixture

func broken() int { return "not an int" }
