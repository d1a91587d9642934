package server

const (
	maxBody         = 1 << 20
	maxDecompressed = 8 << 20
)
