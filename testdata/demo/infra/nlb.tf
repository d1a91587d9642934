# The network load balancer in front of the devices' MQTT connections.
resource "aws_lb" "devices" {
  name               = "iot-devices"
  load_balancer_type = "network"
}

resource "aws_lb_listener" "mqtts" {
  load_balancer_arn        = aws_lb.devices.arn
  port                     = 8883
  protocol                 = "TCP"
  tcp_idle_timeout_seconds = 600
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.nginx_mqtt.arn
  }
}
