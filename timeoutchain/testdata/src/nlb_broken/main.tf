resource "aws_lb_listener" "mqtts" {
  port                     = 8883
  protocol                 = "TCP"
  tcp_idle_timeout_seconds = local.idle
}
