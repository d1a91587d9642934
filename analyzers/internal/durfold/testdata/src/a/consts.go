package a

import "time"

// Declared in another file, as real code does.
const pongWait = 60 * time.Second

const retries = 3
