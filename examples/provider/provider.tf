terraform {
  required_providers {
    kraiter = { source = "kraiter/kraiter" }
  }
}

# The key is best left out of the configuration: set KRAITER_API_KEY instead.
provider "kraiter" {
  api_key = var.kraiter_api_key

  # Optional: the local Kraiter server (`kraiter serve`) or another endpoint.
  # base_url = "http://127.0.0.1:8474"

  max_retries     = 10
  request_timeout = "30s"
}

variable "kraiter_api_key" {
  type      = string
  sensitive = true
}
