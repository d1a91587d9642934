variable "mqtt_idle_seconds" {
  description = "TCP idle timeout of the MQTT listener, in seconds."
  type        = number
  default     = 600
}
