resource "aws_lb" "public" {
  idle_timeout = 120
}

resource "aws_alb" "internal" {
  idle_timeout = "30"
}

resource "aws_lb" "computed" {
  idle_timeout = max(30, 60)
}

resource "aws_lb" "nodefault" {
  idle_timeout = var.no_default
}

resource "aws_lb" "plain" {
}

resource "aws_elb" "classic" {
  idle_timeout = 400
}
