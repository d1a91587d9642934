// Command gateway samples local sensors and uploads them every minute.
package main

import (
	"log"
	"os"
	"time"

	"example.com/iotdemo/internal/bridge"
	"example.com/iotdemo/internal/uploader"
)

func main() {
	url := os.Getenv("INGEST_URL")
	up := uploader.New(url)
	go bridge.Run(os.Getenv("MQTT_BROKER"))

	ticker := time.NewTicker(time.Minute)
	defer ticker.Stop()
	for range ticker.C {
		batch := sample()
		if err := up.Upload(batch); err != nil {
			log.Printf("upload: %v", err)
		}
		for _, r := range batch {
			if err := uploader.SendLegacy(url+"/v1", r); err != nil {
				log.Printf("legacy upload: %v", err)
			}
		}
	}
}

func sample() []uploader.Reading {
	return []uploader.Reading{{Sensor: "temp-1", Value: 21.5, At: time.Now()}}
}
