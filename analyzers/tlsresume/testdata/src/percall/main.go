package percall

func main() { _ = setup("boot.example:443") }
