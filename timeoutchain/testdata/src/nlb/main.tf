# Devices reach the MQTT brokers through a network load balancer.
resource "aws_lb" "devices" {
  name               = "iot-devices"
  load_balancer_type = "network"
  # idle_timeout applies to ALBs only: it is not the NLB's.
  idle_timeout = 30
}

resource "aws_lb_listener" "mqtts" {
  load_balancer_arn        = aws_lb.devices.arn
  port                     = 8883
  protocol                 = "TCP"
  tcp_idle_timeout_seconds = var.mqtt_idle_seconds
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.nginx.arn
  }
}

resource "aws_lb_listener" "mqtt" {
  load_balancer_arn = aws_lb.devices.arn
  port              = 1883
  protocol          = "TCP"
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.nginx.arn
  }
}
