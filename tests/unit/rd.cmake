# (rd: in progress)
