# (gateway fuzz targets: in progress)
