resource "aws_lb" "dashboard" {
  name               = "dashboard"
  load_balancer_type = "application"
  idle_timeout       = var.alb_idle_timeout
  client_keep_alive  = 3600
}

resource "aws_lb_target_group" "ws" {
  name = "ws"
}
