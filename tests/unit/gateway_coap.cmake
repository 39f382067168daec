# (gateway_coap: in progress)
