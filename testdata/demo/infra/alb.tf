# The load balancer in front of the ingest API and the dashboard.
variable "alb_idle_timeout" {
  description = "Seconds an idle client or target connection stays open."
  type        = number
  default     = 60
}

resource "aws_lb" "dashboard" {
  name               = "iot-dashboard"
  load_balancer_type = "application"
  idle_timeout       = var.alb_idle_timeout
  client_keep_alive  = 3600
}
