package fix

import (
	"encoding/json"
	"net/http"
)

func main() {
	http.HandleFunc("/readings", postReadings)
	http.HandleFunc("/anon", func(w http.ResponseWriter, req *http.Request) {
		var v []float64
		_ = json.NewDecoder(req.Body).Decode(&v) // want `reads the request body`
	})
	_ = http.ListenAndServe(":8080", nil)
}

func postReadings(w http.ResponseWriter, r *http.Request) {
	var v map[string]float64
	if err := json.NewDecoder(r.Body).Decode(&v); err != nil { // want `reads the request body`
		http.Error(w, err.Error(), http.StatusBadRequest)
	}
}
