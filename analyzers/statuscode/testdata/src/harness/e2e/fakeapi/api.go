// Package fakeapi fakes a device API for end-to-end tests.
package fakeapi

import (
	"encoding/json"
	"net/http"
)

func Devices(w http.ResponseWriter, r *http.Request) {
	w.WriteHeader(http.StatusOK)
	json.NewEncoder(w).Encode(map[string]string{"error": "device offline"}) // want `error`
}

func Register(mux *http.ServeMux) { mux.HandleFunc("/devices", Devices) }
