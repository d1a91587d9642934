package transport

// disable is a constant true declared in another file of the package.
const disable = true
