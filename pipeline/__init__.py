"""The build. Importing it lets the csv module read a field of any size (a valid 1 MB note, say:
its default limit, 128 KiB, would stop the build with a traceback)."""
import csv as _csv

_csv.field_size_limit(2**31 - 1)
