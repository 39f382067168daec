# (gateway: in progress)
