variable "alb_idle_timeout" {
  type    = number
  default = 45
}

variable "no_default" {
  type = number
}
