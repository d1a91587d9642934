//connlint:file-ignore keepalive nothing in this file needs it // want `//connlint:file-ignore keepalive suppresses nothing here`

package a

func clean() {}
