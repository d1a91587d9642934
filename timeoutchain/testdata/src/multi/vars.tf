variable "no_default" {
  type = number
}
